import { z } from "zod";
import { withTransaction } from "@/lib/adapters/db";
import { getInferenceService, jsonPatchInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import type { TActor } from "@/lib/auth/permissions";
import { configuredCanaryPercent } from "@/lib/domain/rollouts/traffic-split";
import { AppError } from "@/lib/errors";
import { requireConnection } from "@/lib/services/deployments/read-serving";
import { loadRolloutContext, recordRolloutChange } from "./rollout-context";

// Roll back: canaryTrafficPercent 0. During a canary that pins all traffic to the stable
// revision (STATUS.md step 5a); after a promotion, KServe's roll-back rule sends it to the
// previous rolled-out revision (5b). It needs no approval and never touches Prometheus, so it
// works while metrics are down; it is not conditional on the resourceVersion either: it is
// the emergency brake and wins over a concurrent slider move.

export const ZRollbackDeploymentInput = z.object({
  namespace: z.string().min(1),
  name: z.string().min(1),
  reason: z.string().trim().min(3, "Say why you roll back (it goes into the audit log and the timeline).").max(2000, "Keep the reason under 2,000 characters."),
});
export type TRollbackDeploymentInput = z.input<typeof ZRollbackDeploymentInput>;

export async function rollbackDeployment(actor: TActor | null, raw: TRollbackDeploymentInput): Promise<{ servingVersion: number }> {
  const input = ZRollbackDeploymentInput.parse(raw);
  const ctx = await loadRolloutContext(actor, input.namespace, input.name, "rollout.rollback");
  const rollout = ctx.rollout;
  if (!rollout || rollout.phase === "rolled_back") throw new AppError("CONFLICT", "There is no canary or promotion to roll back on this deployment.");
  const connection = requireConnection();
  const live = await getInferenceService(connection, ctx.row.namespace, ctx.row.name);
  if (!live) throw new AppError("CONFLICT", `The InferenceService ${ctx.target} is missing from the cluster. Nothing was changed.`);
  if (rollout.phase === "promoted" && !live.revisions.previousRolledout && live.revisions.latestRolledout !== rollout.stableRevision) {
    throw new AppError("CONFLICT", "KServe has no previous rolled-out revision to go back to; launch the old version again instead.");
  }
  const before = configuredCanaryPercent(live.spec);
  const spec = { ...ctx.spec, canaryTrafficPercent: 0 };
  await withTransaction(
    async (tx) => {
      await recordRolloutChange(tx, ctx.actor, ctx, {
        action: "rollout.rolled_back",
        spec,
        rollout: { ...rollout, phase: "rolled_back", finishedAt: new Date().toISOString() },
        // The registry says what serves now: the stable version.
        modelVersionId: rollout.stable.id,
        before: { phase: rollout.phase, canaryPercent: before, version: rollout.phase === "promoted" ? rollout.canary.version : rollout.stable.version },
        after: { phase: "rolled_back", canaryPercent: 0, version: rollout.stable.version, reason: input.reason },
      });
      await tx.promotionRequest.updateMany({ where: { deploymentId: ctx.row.id, status: { in: ["pending", "approved"] } }, data: { status: "void", statusReason: `Rolled back by ${ctx.actor.email}: ${input.reason}`, decidedAt: new Date() } });
      const updated = await jsonPatchInferenceService(connection, ctx.row.namespace, ctx.row.name, [{ op: "add", path: "/spec/predictor/canaryTrafficPercent", value: 0 }]);
      await tx.deployment.update({ where: { id: ctx.row.id }, data: { resourceVersion: updated.resourceVersion } });
    },
    { timeout: 20_000 },
  );
  return { servingVersion: rollout.stable.version };
}
