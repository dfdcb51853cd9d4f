import { db, isUniqueViolation, withTransaction, type TDbClient } from "@/lib/adapters/db";
import { requirePermission, requireTeamMember, type TActor } from "@/lib/auth/permissions";
import { buildModelSearchText, type TRegisterModelInput } from "@/lib/domain/models/model-fields";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { toModelView, type TModelView } from "./model-views";

export { ZRegisterModelInput, type TRegisterModelInput } from "@/lib/domain/models/model-fields";

export type TRegisterModelResult = { model: TModelView; isCreated: boolean };

/**
 * Registers a model for a team the actor belongs to (admins: any team). The team may be left
 * out when the actor has exactly one (a team API token always has). Idempotent like versions:
 * the same name with the same content returns the model; other content is a CONFLICT.
 */
export async function registerModel(actor: TActor | null, input: TRegisterModelInput): Promise<TRegisterModelResult> {
  requirePermission(actor, "model.register");
  const teamSlug = input.team ?? (actor.teams.length === 1 ? actor.teams[0]!.slug : undefined);
  if (!teamSlug) throw new AppError("VALIDATION", "Pick the owning team.", { fieldErrors: { team: ["Pick the owning team."] } });
  const team = await db.team.findUnique({ where: { slug: teamSlug } });
  if (!team) throw new AppError("VALIDATION", `There is no team ${teamSlug}.`, { fieldErrors: { team: [`There is no team ${teamSlug}.`] } });
  requireTeamMember(actor, team, `A model of team ${team.slug}`);

  const content = { teamId: team.id, task: input.task, framework: input.framework, description: input.description, modelCard: input.modelCard, tags: input.tags };
  const findExisting = (client: TDbClient) => client.model.findUnique({ where: { name: input.name }, include: { team: true } });
  const sameOrConflict = (existing: NonNullable<Awaited<ReturnType<typeof findExisting>>>): TRegisterModelResult => {
    const isSame =
      existing.teamId === content.teamId &&
      existing.task === content.task &&
      existing.framework === content.framework &&
      existing.description === content.description &&
      JSON.stringify(toModelView(existing).modelCard) === JSON.stringify(content.modelCard) &&
      existing.tags.join(",") === content.tags.join(",");
    if (isSame) return { model: toModelView(existing), isCreated: false };
    throw new AppError("CONFLICT", `A model named ${input.name} already exists (team ${existing.team.slug}) with different details. Pick another name, or register a new version of it.`, {
      fieldErrors: { name: [`${input.name} is taken.`] },
    });
  };

  try {
    return await withTransaction(async (tx) => {
      const existing = await findExisting(tx);
      if (existing) return sameOrConflict(existing);
      const created = await tx.model.create({
        data: { name: input.name, ...content, searchText: buildModelSearchText(input) },
        include: { team: true },
      });
      const view = toModelView(created);
      await recordAuditEvent(tx, actor, { action: "model.registered", targetType: "model", targetId: created.name, after: view });
      return { model: view, isCreated: true };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findExisting(db);
    if (!winner) throw error;
    return sameOrConflict(winner);
  }
}
