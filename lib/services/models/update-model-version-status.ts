import { db, withTransaction } from "@/lib/adapters/db";
import { requirePermission, requireTeamMember, type TActor } from "@/lib/auth/permissions";
import { canChangeVersionStatus, type TUpdateModelVersionStatusInput, type TVersionStatus } from "@/lib/domain/models/model-fields";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { getModelOrThrow, getModelVersionRowOrThrow } from "./model-views";

export { ZUpdateModelVersionStatusInput, type TUpdateModelVersionStatusInput } from "@/lib/domain/models/model-fields";

/**
 * The one change a version allows: its status (active ⇄ deprecated → archived). Archiving is
 * refused while a deployment uses the version or an alias points at it.
 */
export async function updateModelVersionStatus(
  actor: TActor | null,
  input: TUpdateModelVersionStatusInput,
): Promise<{ version: number; status: TVersionStatus }> {
  requirePermission(actor, "model.manage");
  const model = await getModelOrThrow(db, input.modelName);
  requireTeamMember(actor, model.team, `Model ${model.name}`);
  return withTransaction(async (tx) => {
    // FOR UPDATE conflicts with the key-share lock a new deployment's foreign key takes, so no
    // deployment can start using the version between the check below and the change.
    await tx.$queryRaw`SELECT id FROM model_versions WHERE "modelId" = ${model.id}::uuid AND version = ${input.version} FOR UPDATE`;
    const current = await getModelVersionRowOrThrow(tx, model, input.version);
    if (current.status === input.status) return { version: current.version, status: current.status };
    if (!canChangeVersionStatus(current.status, input.status)) {
      throw new AppError("VALIDATION", `Version ${input.version} is ${current.status}; it cannot become ${input.status}.`, {
        fieldErrors: { status: [`An ${current.status} version cannot become ${input.status}.`] },
      });
    }
    if (input.status === "archived") {
      const [deployments, aliases] = await Promise.all([
        tx.deployment.findMany({ where: { modelVersionId: current.id }, select: { namespace: true, name: true } }),
        tx.modelAlias.findMany({ where: { versionId: current.id }, select: { alias: true } }),
      ]);
      if (deployments.length > 0) {
        const names = deployments.map((d) => `${d.namespace}/${d.name}`).join(", ");
        throw new AppError("CONFLICT", `Version ${input.version} of ${model.name} is used by ${names}; it can be archived once nothing deploys it.`);
      }
      if (aliases.length > 0) {
        throw new AppError("CONFLICT", `Alias ${aliases.map((a) => a.alias).join(", ")} points at version ${input.version}; move it to another version first.`);
      }
    }
    await tx.modelVersion.update({ where: { id: current.id }, data: { status: input.status } });
    await recordAuditEvent(tx, actor, {
      action: "model_version.status_changed",
      targetType: "model_version",
      targetId: `${model.name}@v${input.version}`,
      before: { status: current.status },
      after: { status: input.status },
    });
    return { version: current.version, status: input.status };
  });
}
