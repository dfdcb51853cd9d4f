import { db } from "@/lib/adapters/db";

/** Looks up a registered user for the development sign-in (no password; dev only). */
export async function findDevSignInUser(email: string): Promise<{ id: string; email: string; name: string } | null> {
  if (!email) return null;
  return db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, email: true, name: true } });
}

/** The users offered as one-click demo sign-ins, one per role first. */
export async function listDevSignInUsers(): Promise<{ email: string; name: string; role: string }[]> {
  const users = await db.user.findMany({ select: { email: true, name: true, role: true }, orderBy: [{ email: "asc" }] });
  const order = { viewer: 0, engineer: 1, approver: 2, admin: 3 } as const;
  return users.sort((a, b) => order[a.role] - order[b.role] || a.email.localeCompare(b.email));
}
