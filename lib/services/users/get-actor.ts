import { db } from "@/lib/adapters/db";
import type { TActor } from "@/lib/auth/permissions";

/** The actor behind a session: role and teams read fresh from the registry on every request. */
export async function getActorById(userId: string): Promise<TActor | null> {
  if (!isUuid(userId)) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { memberships: { include: { team: true }, orderBy: { team: { slug: "asc" } } } },
  });
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teams: user.memberships.map(({ team }) => ({ id: team.id, slug: team.slug, displayName: team.displayName })),
  };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
