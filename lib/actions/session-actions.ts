"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { DEV_PROVIDER_ID, OIDC_PROVIDER_ID, enabledSignInMethods, signIn, signOut } from "@/lib/auth/auth";

// Sign-in and sign-out are the only actions that cannot require a session. They change
// nothing but the caller's own cookie, and sign-in checks that its method is enabled.

const ZCallbackUrl = z
  .string()
  .optional()
  .transform((value) => (value && value.startsWith("/") && !value.startsWith("//") ? value : "/"));

export async function signInWithDemoUserAction(formData: FormData): Promise<void> {
  const email = String(formData.get("email") ?? "");
  const redirectTo = ZCallbackUrl.parse(formData.get("callbackUrl") ?? undefined);
  if (!enabledSignInMethods().devSignIn) redirect("/signin?error=DevSignInDisabled");
  try {
    await signIn(DEV_PROVIDER_ID, { email, redirectTo });
  } catch (error) {
    // signIn() redirects by throwing; only real auth failures are handled here.
    if (error instanceof AuthError) redirect(`/signin?error=${encodeURIComponent(error.type)}`);
    throw error;
  }
}

export async function signInWithOidcAction(formData: FormData): Promise<void> {
  const redirectTo = ZCallbackUrl.parse(formData.get("callbackUrl") ?? undefined);
  if (!enabledSignInMethods().oidc) redirect("/signin?error=OidcNotConfigured");
  await signIn(OIDC_PROVIDER_ID, { redirectTo });
}

/** Clears the session cookie. The caller then loads /signin afresh, so no render sees the old cookie. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirect: false });
}
