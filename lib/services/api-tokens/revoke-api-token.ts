import { z } from "zod";
import { db, withTransaction } from "@/lib/adapters/db";
import { actorUserId, requirePermission, requireTeamMember, type TActor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";

export const ZRevokeApiTokenInput = z.object({ tokenId: z.uuid({ error: "Pick a token." }) });
export type TRevokeApiTokenInput = z.infer<typeof ZRevokeApiTokenInput>;

/** Revokes a token of one of the actor's teams (admins: any); it stops working at once. */
export async function revokeApiToken(actor: TActor | null, input: TRevokeApiTokenInput): Promise<{ id: string; revokedAt: string }> {
  requirePermission(actor, "token.manage");
  const token = await db.apiToken.findUnique({ where: { id: input.tokenId }, include: { team: true } });
  if (!token) throw new AppError("NOT_FOUND", "That token does not exist.");
  requireTeamMember(actor, token.team, `Token ${token.name}`);
  if (token.revokedAt) return { id: token.id, revokedAt: token.revokedAt.toISOString() };
  return withTransaction(async (tx) => {
    const revoked = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date(), revokedById: actorUserId(actor) } });
    await recordAuditEvent(tx, actor, {
      action: "api_token.revoked",
      targetType: "api_token",
      targetId: `${token.team.slug}/${token.name}`,
      before: { prefix: token.prefix, revokedAt: null },
      after: { prefix: token.prefix, revokedAt: revoked.revokedAt },
    });
    return { id: revoked.id, revokedAt: revoked.revokedAt!.toISOString() };
  });
}
