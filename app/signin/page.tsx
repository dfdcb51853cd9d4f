import { Anchor, KeyRound } from "lucide-react";
import { redirect } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { signInWithDemoUserAction, signInWithOidcAction } from "@/lib/actions/session-actions";
import { enabledSignInMethods } from "@/lib/auth/auth";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";
import { getCurrentActor } from "@/lib/auth/session";
import { listDevSignInUsers } from "@/lib/services/users/find-dev-sign-in-user";

export const metadata = { title: "Sign in" };

const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: "That demo user does not exist. Pick one of the users below.",
  DevSignInDisabled: "Demo sign-in is turned off on this server.",
  OidcNotConfigured: "Single sign-on is not configured on this server.",
};

type TSearchParams = Promise<{ callbackUrl?: string; error?: string }>;

export default async function SignInPage({ searchParams }: { searchParams: TSearchParams }) {
  const { callbackUrl = "/", error } = await searchParams;
  if (await getCurrentActor()) redirect(callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/");
  const methods = enabledSignInMethods();
  const demoUsers = methods.devSignIn ? await listDevSignInUsers() : [];

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <Card className="w-full max-w-md p-8">
        <div className="mb-6 flex items-center gap-2 text-xl font-semibold">
          <Anchor aria-hidden className="size-6 text-brand-600" /> Gantry
        </div>
        <h1 className="text-lg font-semibold">Sign in</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Self-service model serving on Kubernetes.</p>

        {error ? (
          <p className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-900/30 dark:text-red-200" data-testid="signin-error">
            {ERROR_MESSAGES[error] ?? "Sign-in failed. Please try again."}
          </p>
        ) : null}

        {methods.oidc ? (
          <form action={signInWithOidcAction} className="mt-6">
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" className="w-full">
              <KeyRound aria-hidden className="size-4" /> Continue with {methods.oidc.name}
            </Button>
          </form>
        ) : null}

        {methods.devSignIn ? (
          <section className="mt-6" aria-labelledby="demo-users">
            <h2 id="demo-users" className="text-sm font-medium">
              Demo users <span className="font-normal text-slate-500">(development sign-in, no password)</span>
            </h2>
            <ul className="mt-3 space-y-2">
              {demoUsers.map((user) => (
                <li key={user.email}>
                  <form action={signInWithDemoUserAction}>
                    <input type="hidden" name="email" value={user.email} />
                    <input type="hidden" name="callbackUrl" value={callbackUrl} />
                    <button
                      type="submit"
                      className="flex w-full items-center justify-between rounded-md border border-slate-200 px-3 py-2 text-left hover:border-brand-500 hover:bg-brand-50 dark:border-slate-700 dark:hover:bg-slate-800"
                      aria-label={`Sign in as ${user.name}, ${ROLE_LABELS[user.role as TRole]}`}
                    >
                      <span>
                        <span className="block text-sm font-medium">{user.name}</span>
                        <span className="block text-xs text-slate-500">{user.email}</span>
                      </span>
                      <Badge tone="info">{ROLE_LABELS[user.role as TRole]}</Badge>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {!methods.devSignIn && !methods.oidc ? (
          <p className="mt-6 text-sm text-amber-700 dark:text-amber-300">
            No sign-in method is configured. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or GANTRY_DEV_SIGNIN=true for a
            development server.
          </p>
        ) : null}
      </Card>
    </main>
  );
}
