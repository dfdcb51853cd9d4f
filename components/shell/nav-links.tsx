"use client";

import { Activity, Boxes, CheckCircle2, Cpu, KeyRound, LayoutDashboard, Rocket, ScrollText, ShieldCheck, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const NAV_ITEMS = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/models", label: "Models", icon: Boxes },
  { href: "/deployments", label: "Deployments", icon: Rocket },
  { href: "/gpu-pools", label: "GPU pools", icon: Cpu },
  { href: "/approvals", label: "Approvals", icon: CheckCircle2 },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/settings/tokens", label: "API tokens", icon: KeyRound },
] as const;

const ADMIN_ITEMS = [
  { href: "/admin/users", label: "Users & roles", icon: Users, permission: "admin.users.manage" },
  { href: "/admin/policies", label: "Environment policies", icon: ShieldCheck, permission: "policy.manage" },
] as const;

export type TAdminLink = (typeof ADMIN_ITEMS)[number]["permission"];

function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The sidebar. `adminLinks` are the admin pages the viewer may open (by the permission each
 * needs); `pendingApprovals` is shown as a pill on Approvals when above zero.
 */
export function NavLinks({ adminLinks, pendingApprovals }: { adminLinks: readonly TAdminLink[]; pendingApprovals: number | null }) {
  const pathname = usePathname();
  const adminItems = ADMIN_ITEMS.filter((item) => adminLinks.includes(item.permission));
  const renderItem = ({ href, label, icon: Icon }: { href: string; label: string; icon: typeof Activity }) => {
    const badge = href === "/approvals" && pendingApprovals ? pendingApprovals : null;
    return (
      <li key={href}>
        <Link
          href={href}
          aria-current={isActive(pathname, href) ? "page" : undefined}
          className={cn(
            "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
            isActive(pathname, href)
              ? "bg-brand-50 text-brand-700 dark:bg-brand-700/25 dark:text-brand-100"
              : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
          )}
        >
          <Icon aria-hidden className="size-4" />
          {badge ? (
            <>
              <span className="sr-only">{`${label}, ${badge} pending`}</span>
              <span aria-hidden className="flex-1">
                {label}
              </span>
              <span
                aria-hidden
                className="min-w-5 rounded-full bg-amber-400 px-1.5 py-0.5 text-center text-xs leading-none font-semibold text-slate-950 tabular-nums"
                data-testid="pending-approvals-badge"
              >
                {badge > 99 ? "99+" : badge}
              </span>
            </>
          ) : (
            label
          )}
        </Link>
      </li>
    );
  };
  return (
    <nav aria-label="Main">
      <ul className="space-y-1">{NAV_ITEMS.map(renderItem)}</ul>
      {adminItems.length ? (
        <>
          <p className="mt-6 mb-2 px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">Admin</p>
          <ul className="space-y-1">{adminItems.map(renderItem)}</ul>
        </>
      ) : null}
    </nav>
  );
}
