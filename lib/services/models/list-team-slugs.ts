import { db } from "@/lib/adapters/db";
import { requirePermission, type TActor } from "@/lib/auth/permissions";

/** Teams the actor may register models (and tokens) for: their own, or all for admins. */
export async function listTeamSlugs(actor: TActor | null): Promise<string[]> {
  requirePermission(actor, "fleet.view");
  if (actor.role !== "admin") return actor.teams.map((team) => team.slug);
  return (await db.team.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((team) => team.slug);
}
