import { Anchor } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { ROLE_LABELS, hasPermission, type TActor } from "@/lib/auth/permissions";
import { countPendingPromotionRequests } from "@/lib/services/rollouts/list-promotion-requests";
import { NavLinks, type TAdminLink } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

const ADMIN_LINK_PERMISSIONS: readonly TAdminLink[] = ["admin.users.manage", "policy.manage"];

/** Requests waiting for a decision, for the Approvals pill; the shell renders without it when the registry fails. */
async function pendingApprovalsOf(actor: TActor): Promise<number | null> {
  try {
    return await countPendingPromotionRequests(actor);
  } catch (error) {
    console.error("[gantry] counting pending promotion requests for the navigation failed:", error);
    return null;
  }
}

export async function AppShell({ actor, children }: { actor: TActor; children: ReactNode }) {
  const pendingApprovals = await pendingApprovalsOf(actor);
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col border-r border-slate-200 bg-white px-3 py-4 dark:border-slate-800 dark:bg-slate-900">
        <Link href="/" className="mb-6 flex items-center gap-2 px-3 text-lg font-semibold">
          <Anchor aria-hidden className="size-5 text-brand-600" /> Gantry
        </Link>
        <div className="flex-1 overflow-y-auto">
          <NavLinks adminLinks={ADMIN_LINK_PERMISSIONS.filter((permission) => hasPermission(actor.role, permission))} pendingApprovals={pendingApprovals} />
        </div>
        <div className="space-y-3 border-t border-slate-200 pt-3 dark:border-slate-800">
          <div className="px-2">
            <ThemeToggle />
          </div>
          <UserMenu name={actor.name} email={actor.email} roleLabel={ROLE_LABELS[actor.role]} teams={actor.teams.map((team) => team.slug)} />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-8">{children}</main>
    </div>
  );
}
