import { z } from "zod";
import { db, withTransaction } from "@/lib/adapters/db";
import { replaceInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import type { TActor } from "@/lib/auth/permissions";
import { buildManifests, keepForeignAnnotations, ZManifestInput, type TManifestValues } from "@/lib/domain/deployments/build-manifests";
import { estimateServingMemoryBytes } from "@/lib/domain/deployments/defaults";
import { diffLines, toYaml, type TDiffLine } from "@/lib/domain/deployments/yaml-diff";
import { canaryCeiling } from "@/lib/domain/rollouts/promotion-policy";
import { isCanaryLive, type TRolloutState } from "@/lib/domain/rollouts/rollout-state";
import { AppError, validationError, type TFieldErrors } from "@/lib/errors";
import { requireConnection } from "@/lib/services/deployments/read-serving";
import { readUnchanged, writeIfUnchanged } from "@/lib/services/deployments/write-inference-service";
import { loadRolloutContext, recordRolloutChange, type TRolloutContext } from "./rollout-context";

// Start a canary (Knative mode): the predictor gets the newer version's storageUri (and the
// labels and memory it needs), and canaryTrafficPercent sends that share to the new revision
// while the rest stays on the rolled-out one. The diff is previewed before it is applied.

export const STANDARD_MODE_CANARY =
  "KServe does not support canaryTrafficPercent in Standard (RawDeployment) mode: it has no revisions to split traffic between. Launch the new version as a second deployment beside this one and compare them instead.";

export const ZStartCanaryInput = z.object({
  namespace: z.string().min(1),
  name: z.string().min(1),
  expectedVersion: z.string().min(1, "Reload the deployment and try again."),
  version: z.number({ error: "Pick a version." }).int().positive("Pick a version."),
  canaryPercent: z.number({ error: "Give the canary's share in percent." }).int("Use a whole percent.").min(1, "Send at least 1 % to the canary.").max(100).optional(),
});
export type TStartCanaryInput = z.input<typeof ZStartCanaryInput>;

export type TCanaryPreview = { ok: true; diff: TDiffLine[]; yaml: string; canaryPercent: number } | { ok: false; fieldErrors: TFieldErrors };

const fieldError = (field: string, message: string) => new AppError("VALIDATION", message, { fieldErrors: { [field]: [message] } });

async function planCanary(ctx: TRolloutContext, input: z.output<typeof ZStartCanaryInput>) {
  const { spec, row, policy } = ctx;
  if (spec.mode !== "Knative") throw new AppError("VALIDATION", STANDARD_MODE_CANARY);
  if (isCanaryLive(ctx.rollout)) throw new AppError("CONFLICT", `A canary of v${ctx.rollout.canary.version} is already running; promote or roll it back first.`);
  const model = await db.model.findUniqueOrThrow({ where: { name: spec.model.name } });
  const version = await db.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version: input.version } } });
  if (!version) throw fieldError("version", `Model ${model.name} has no version ${input.version}.`);
  if (version.status === "archived") throw fieldError("version", `Version ${input.version} is archived; pick an active version.`);
  const servingVersion = row.modelVersion.version;
  if (version.version <= servingVersion) throw fieldError("version", `Pick a version newer than v${servingVersion}, which serves now.`);
  const ceiling = canaryCeiling(policy);
  const canaryPercent = input.canaryPercent ?? Math.min(policy.defaultCanaryPercent, ceiling);
  if (canaryPercent > ceiling) throw fieldError("canaryPercent", `In ${row.environment} a canary may take at most ${ceiling} % before promotion.`);
  const sizeBytes = Number(version.artifactSizeBytes);
  const parsed = ZManifestInput.safeParse({
    ...spec,
    version: { version: version.version, storageUri: version.storageUri, requiredMemoryBytes: estimateServingMemoryBytes(sizeBytes), sizeBytes },
    canaryTrafficPercent: canaryPercent,
  });
  if (!parsed.success) throw validationError(parsed.error.issues);
  return { next: parsed.data, version, canaryPercent };
}

const yamlOf = (values: TManifestValues) => toYaml([buildManifests(values).inferenceService]);

export async function previewCanary(actor: TActor | null, raw: TStartCanaryInput): Promise<TCanaryPreview> {
  const input = ZStartCanaryInput.parse(raw);
  const ctx = await loadRolloutContext(actor, input.namespace, input.name);
  try {
    const { next, canaryPercent } = await planCanary(ctx, input);
    const yaml = yamlOf(next);
    return { ok: true, diff: diffLines(yamlOf(ctx.spec), yaml), yaml, canaryPercent };
  } catch (error) {
    if (error instanceof AppError && error.code === "VALIDATION" && error.fieldErrors) return { ok: false, fieldErrors: error.fieldErrors };
    throw error;
  }
}

export async function startCanary(actor: TActor | null, raw: TStartCanaryInput): Promise<{ canaryPercent: number; version: number }> {
  const input = ZStartCanaryInput.parse(raw);
  const ctx = await loadRolloutContext(actor, input.namespace, input.name);
  const { next, version, canaryPercent } = await planCanary(ctx, input);
  const connection = requireConnection();
  const live = await readUnchanged(connection, ctx.row.namespace, ctx.row.name, input.expectedVersion);
  // Without a rolled-out revision KServe ignores the percent (STATUS.md §4.1): nothing to compare with.
  if (!live.revisions.latestRolledout) throw new AppError("CONFLICT", "The deployment has no rolled-out revision yet; wait until it is Ready before starting a canary.");
  const rollout: TRolloutState = {
    phase: "canary",
    stable: { id: ctx.row.modelVersionId, version: ctx.row.modelVersion.version, storageUri: ctx.row.modelVersion.storageUri },
    canary: { id: version.id, version: version.version, storageUri: version.storageUri },
    stableRevision: live.revisions.latestRolledout,
    startedAt: new Date().toISOString(),
    startedById: ctx.actor.apiToken ? null : ctx.actor.id,
    startedByEmail: ctx.actor.email,
    finishedAt: null,
  };
  const manifest = keepForeignAnnotations(buildManifests(next).inferenceService, live.annotations);
  await withTransaction(
    async (tx) => {
      await recordRolloutChange(tx, ctx.actor, ctx, {
        action: "rollout.canary_started",
        spec: next,
        rollout,
        modelVersionId: version.id,
        before: { version: ctx.row.modelVersion.version, spec: ctx.spec },
        after: { version: version.version, canaryPercent, spec: next },
      });
      const updated = await writeIfUnchanged(connection, live, (resourceVersion) => replaceInferenceService(connection, manifest, resourceVersion));
      await tx.deployment.update({ where: { id: ctx.row.id }, data: { resourceVersion: updated.resourceVersion } });
    },
    { timeout: 20_000 },
  );
  return { canaryPercent, version: version.version };
}
