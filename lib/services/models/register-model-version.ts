import { db, isUniqueViolation, withTransaction, type TDbClient } from "@/lib/adapters/db";
import { actorUserId, requirePermission, requireTeamMember, type TActor } from "@/lib/auth/permissions";
import { diffVersionContent, type TComparableVersion } from "@/lib/domain/models/compare-version-content";
import { resolveGpuMemory } from "@/lib/domain/models/estimate-gpu-memory";
import type { TModelFramework, TModelTask, TRegisterModelVersionInput } from "@/lib/domain/models/model-fields";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { getModelOrThrow, toComparableVersion, toModelVersionView, VERSION_INCLUDE, type TModelVersionView } from "./model-views";

export { ZRegisterModelVersionInput, type TRegisterModelVersionInput } from "@/lib/domain/models/model-fields";

export type TRegisterModelVersionResult = { version: TModelVersionView; isCreated: boolean };

/**
 * Registers an immutable version (UI or CI). Idempotent: the same number with the same content
 * returns the existing version (isCreated false); with other content it is a CONFLICT naming
 * the fields. Concurrent registrations of one number leave exactly one row: the unique
 * constraint decides, and the loser compares with the winner's row.
 */
export async function registerModelVersion(actor: TActor | null, input: TRegisterModelVersionInput): Promise<TRegisterModelVersionResult> {
  requirePermission(actor, "model.register");
  const model = await getModelOrThrow(db, input.modelName);
  requireTeamMember(actor, model.team, `Model ${model.name}`);

  let parentId: string | null = null;
  if (input.parentVersion !== undefined) {
    const parent = await db.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version: input.parentVersion } } });
    const problem = !parent
      ? `${model.name} has no version ${input.parentVersion}.`
      : parent.version >= input.version
        ? "The parent must be an earlier version."
        : null;
    if (problem) throw new AppError("VALIDATION", problem, { fieldErrors: { parentVersion: [problem] } });
    parentId = parent!.id;
  }

  const gpu = resolveGpuMemory(input.gpuMemoryBytes, { framework: model.framework as TModelFramework, task: model.task as TModelTask }, input.artifactSizeBytes);
  const incoming: TComparableVersion = {
    storageUri: input.storageUri,
    modelFormat: input.modelFormat,
    runtimeHint: input.runtimeHint ?? null,
    artifactSizeBytes: input.artifactSizeBytes,
    gpuMemoryBytes: gpu.bytes,
    metrics: input.metrics,
    trainingRunId: input.trainingRunId ?? null,
    trainingRunUrl: input.trainingRunUrl ?? null,
    dataset: input.dataset ?? null,
    gitCommit: input.gitCommit?.toLowerCase() ?? null,
    parentVersion: input.parentVersion ?? null,
  };
  const findExisting = (client: TDbClient) =>
    client.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version: input.version } }, include: VERSION_INCLUDE });
  const sameOrConflict = (existing: TModelVersionView): TRegisterModelVersionResult => {
    const differing = diffVersionContent(toComparableVersion(existing), incoming);
    if (differing.length === 0) return { version: existing, isCreated: false };
    throw new AppError(
      "CONFLICT",
      `Version ${input.version} of ${model.name} is already registered with different ${differing.join(", ")}. Versions are immutable: register it as a new version number.`,
      { fieldErrors: Object.fromEntries(differing.map((field) => [field, [`differs from the registered version ${input.version}`]])) },
    );
  };

  try {
    return await withTransaction(async (tx) => {
      const existing = await findExisting(tx);
      if (existing) return sameOrConflict(toModelVersionView(existing));
      const created = await tx.modelVersion.create({
        data: {
          modelId: model.id,
          version: input.version,
          storageUri: incoming.storageUri,
          modelFormat: incoming.modelFormat,
          runtimeHint: incoming.runtimeHint,
          artifactSizeBytes: BigInt(incoming.artifactSizeBytes),
          gpuMemoryBytes: BigInt(gpu.bytes),
          gpuMemoryEstimated: gpu.isEstimated,
          metrics: incoming.metrics,
          trainingRunId: incoming.trainingRunId,
          trainingRunUrl: incoming.trainingRunUrl,
          dataset: incoming.dataset,
          gitCommit: incoming.gitCommit,
          parentVersionId: parentId,
          registeredById: actorUserId(actor),
          registeredByTokenId: actor.apiToken?.id ?? null,
        },
        include: VERSION_INCLUDE,
      });
      // The list page sorts by "recently updated": a new version updates its model.
      await tx.model.update({ where: { id: model.id }, data: { updatedAt: created.createdAt } });
      const view = toModelVersionView(created);
      await recordAuditEvent(tx, actor, {
        action: "model_version.registered",
        targetType: "model_version",
        targetId: `${model.name}@v${input.version}`,
        after: view,
      });
      return { version: view, isCreated: true };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent registration of the same number committed first: compare with its row.
    const winner = await findExisting(db);
    if (!winner) throw error;
    return sameOrConflict(toModelVersionView(winner));
  }
}
