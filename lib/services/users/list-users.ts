import { db } from "@/lib/adapters/db";
import { requirePermission, type TActor, type TRole } from "@/lib/auth/permissions";

export type TUserRow = { id: string; email: string; name: string; role: TRole; teams: string[]; lastSignInAt: Date | null };

/** All users with their teams, for the admin's user table. */
export async function listUsers(actor: TActor | null): Promise<TUserRow[]> {
  requirePermission(actor, "admin.users.manage");
  const users = await db.user.findMany({
    include: { memberships: { include: { team: true } } },
    orderBy: { email: "asc" },
  });
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teams: user.memberships.map(({ team }) => team.slug).sort(),
    lastSignInAt: user.lastSignInAt,
  }));
}
