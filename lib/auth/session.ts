import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { auth } from "./auth";
import { hasPermission, type TActor, type TPermission } from "./permissions";
import { getActorById } from "@/lib/services/users/get-actor";

/** The signed-in actor, or null. Fails closed: a session whose user is gone is no session. */
export async function getCurrentActor(): Promise<TActor | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  return getActorById(userId);
}

/**
 * For pages: redirects to sign-in without a session, renders the 403 page (app/forbidden.tsx,
 * which says what is missing) without the permission.
 */
export async function requirePageActor(permission: TPermission): Promise<TActor> {
  const actor = await getCurrentActor();
  if (!actor) {
    const pathname = (await headers()).get("x-gantry-pathname") ?? "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(pathname)}`);
  }
  if (!hasPermission(actor.role, permission)) forbidden();
  return actor;
}
