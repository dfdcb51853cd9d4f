import { db } from "@/lib/adapters/db";
import type { TActor } from "@/lib/auth/permissions";
import { API_TOKEN_PREFIX, hashApiTokenSecret } from "./api-token-secret";

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The actor behind a bearer token, or null for an unknown or revoked one. A token acts as an
 * engineer of its one team; lib/api/route-handler.ts limits it further to reading and registering.
 */
export async function authenticateApiToken(secret: string): Promise<TActor | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashApiTokenSecret(secret) }, include: { team: true } });
  if (!token || token.revokedAt) return null;
  // Recorded to the minute: one write per minute per token, not one per request.
  const now = new Date();
  await db.apiToken.updateMany({
    where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
    data: { lastUsedAt: now },
  });
  return {
    id: token.id,
    email: `api-token:${token.name}@${token.team.slug}`,
    name: `API token ${token.name}`,
    role: "engineer",
    teams: [{ id: token.team.id, slug: token.team.slug, displayName: token.team.displayName }],
    apiToken: { id: token.id, name: token.name, prefix: token.prefix },
  };
}
