import { db, withTransaction } from "@/lib/adapters/db";
import { actorUserId, requirePermission, requireTeamMember, type TActor } from "@/lib/auth/permissions";
import type { TMoveModelAliasInput } from "@/lib/domain/models/model-fields";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { getModelOrThrow, getModelVersionRowOrThrow } from "./model-views";

export { ZMoveModelAliasInput, type TMoveModelAliasInput } from "@/lib/domain/models/model-fields";

/** Points an alias (champion, challenger, …) at a version, creating it if new; audited with before/after. */
export async function moveModelAlias(actor: TActor | null, input: TMoveModelAliasInput): Promise<{ alias: string; version: number; previousVersion: number | null }> {
  requirePermission(actor, "model.manage");
  const model = await getModelOrThrow(db, input.modelName);
  requireTeamMember(actor, model.team, `Model ${model.name}`);
  return withTransaction(async (tx) => {
    const target = await getModelVersionRowOrThrow(tx, model, input.version);
    if (target.status === "archived") {
      throw new AppError("VALIDATION", `Version ${input.version} is archived; an alias cannot point at it.`, {
        fieldErrors: { version: ["Archived versions cannot carry an alias."] },
      });
    }
    const before = await tx.modelAlias.findUnique({
      where: { modelId_alias: { modelId: model.id, alias: input.alias } },
      include: { version: { select: { version: true } } },
    });
    const previousVersion = before?.version.version ?? null;
    if (previousVersion === input.version) return { alias: input.alias, version: input.version, previousVersion };
    await tx.modelAlias.upsert({
      where: { modelId_alias: { modelId: model.id, alias: input.alias } },
      create: { modelId: model.id, alias: input.alias, versionId: target.id, updatedById: actorUserId(actor) },
      update: { versionId: target.id, updatedById: actorUserId(actor) },
    });
    await recordAuditEvent(tx, actor, {
      action: "model.alias_moved",
      targetType: "model",
      targetId: model.name,
      before: { alias: input.alias, version: previousVersion },
      after: { alias: input.alias, version: input.version },
    });
    return { alias: input.alias, version: input.version, previousVersion };
  });
}
