import { z } from "zod";
import { db, withTransaction } from "@/lib/adapters/db";
import { actorUserId, requirePermission, requireTeamMember, type TActor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { generateApiTokenSecret } from "./api-token-secret";

export const ZCreateApiTokenInput = z.object({
  team: z.string({ error: "Pick the team the token acts for." }).trim().min(1, "Pick the team the token acts for."),
  name: z
    .string({ error: "Name the token after what uses it." })
    .trim()
    .min(1, "Name the token after what uses it (for example github-actions).")
    .max(60, "A token name can be at most 60 characters."),
});
export type TCreateApiTokenInput = z.infer<typeof ZCreateApiTokenInput>;

/** Creates a team API token. The secret is returned this once and never stored (only its hash). */
export async function createApiToken(actor: TActor | null, input: TCreateApiTokenInput): Promise<{ id: string; name: string; team: string; prefix: string; secret: string }> {
  requirePermission(actor, "token.manage");
  const team = await db.team.findUnique({ where: { slug: input.team } });
  if (!team) throw new AppError("VALIDATION", `There is no team ${input.team}.`, { fieldErrors: { team: [`There is no team ${input.team}.`] } });
  requireTeamMember(actor, team, `A token of team ${team.slug}`);
  const { secret, prefix, hash } = generateApiTokenSecret();
  return withTransaction(async (tx) => {
    const token = await tx.apiToken.create({ data: { teamId: team.id, name: input.name, prefix, tokenHash: hash, createdById: actorUserId(actor) } });
    await recordAuditEvent(tx, actor, {
      action: "api_token.created",
      targetType: "api_token",
      targetId: `${team.slug}/${token.name}`,
      after: { team: team.slug, name: token.name, prefix },
    });
    return { id: token.id, name: token.name, team: team.slug, prefix, secret };
  });
}
