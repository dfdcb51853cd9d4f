import { db } from "@/lib/adapters/db";
import { canChangeTeamResource, requirePermission, type TActor } from "@/lib/auth/permissions";

export type TApiTokenRow = {
  id: string;
  team: string;
  name: string;
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Whether this actor may revoke it (their team, or an admin). */
  canRevoke: boolean;
};

/** Every team's tokens (prefixes only, never secrets); everyone may read, as with the rest of the registry. */
export async function listApiTokens(actor: TActor | null): Promise<TApiTokenRow[]> {
  requirePermission(actor, "fleet.view");
  const tokens = await db.apiToken.findMany({
    include: { team: { select: { slug: true } }, createdBy: { select: { email: true } } },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return tokens.map((token) => ({
    id: token.id,
    team: token.team.slug,
    name: token.name,
    prefix: token.prefix,
    createdBy: token.createdBy?.email ?? null,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    canRevoke: !token.revokedAt && canChangeTeamResource(actor, token.team.slug, "token.manage"),
  }));
}
