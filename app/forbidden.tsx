import { ShieldAlert } from "lucide-react";
import { headers } from "next/headers";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { permissionForPath } from "@/lib/auth/page-permissions";
import { describeRequiredRoles } from "@/lib/auth/permissions";
import { getCurrentActor } from "@/lib/auth/session";

// Rendered with status 403 when a page calls forbidden(). It says what is missing.
export default async function Forbidden() {
  const pathname = (await headers()).get("x-gantry-pathname") ?? "/";
  const actor = await getCurrentActor();
  const needed = describeRequiredRoles(permissionForPath(pathname));
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <Card className="max-w-md p-8 text-center">
        <ShieldAlert aria-hidden className="mx-auto mb-4 size-10 text-amber-500" />
        <h1 className="text-xl font-semibold">You don’t have access to this page</h1>
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400" data-testid="forbidden-reason">
          {pathname} needs {needed}. {actor ? `You are signed in as ${actor.email} with the ${actor.role} role.` : ""}
        </p>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Ask a platform admin if you need it.</p>
        <Button asChild className="mt-6">
          <Link href="/">Back to the overview</Link>
        </Button>
      </Card>
    </main>
  );
}
