import { z } from "zod";
import { db, withTransaction, type TDbClient } from "@/lib/adapters/db";
import { jsonPatchInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import type { TClusterConnection } from "@/lib/adapters/k8s/config";
import type { TActor } from "@/lib/auth/permissions";
import type { TManifestValues } from "@/lib/domain/deployments/build-manifests";
import type { TInferenceServiceState } from "@/lib/domain/deployments/types";
import { isCanaryLive, type TRolloutState } from "@/lib/domain/rollouts/rollout-state";
import { configuredCanaryPercent, readTrafficSplit } from "@/lib/domain/rollouts/traffic-split";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { specOf } from "@/lib/services/deployments/deployment-views";
import { requireConnection } from "@/lib/services/deployments/read-serving";
import { readUnchanged, writeIfUnchanged } from "@/lib/services/deployments/write-inference-service";
import { loadRolloutContext, recordRolloutChange, type TRolloutContext } from "./rollout-context";

// Promote = remove canaryTrafficPercent: the latest revision then gets 100 % and KServe's
// promotion rule makes it the rolled-out revision (STATUS.md §4.2). Directly where the
// environment needs no approval (after a confirmation in the UI); otherwise only from an
// approved PromotionRequest (decide-promotion.ts), whose failure is recorded and retryable.

export const ZPromoteCanaryInput = z.object({ namespace: z.string().min(1), name: z.string().min(1), expectedVersion: z.string().min(1, "Reload the deployment and try again.") });
export type TPromoteCanaryInput = z.input<typeof ZPromoteCanaryInput>;

/** Removes the canary share on the cluster, conditional on the spec still being `live`'s. */
export async function removeCanaryShare(connection: TClusterConnection, live: TInferenceServiceState): Promise<TInferenceServiceState> {
  if (configuredCanaryPercent(live.spec) === null) return live;
  return writeIfUnchanged(connection, live, (resourceVersion) => jsonPatchInferenceService(connection, live.namespace, live.name, [{ op: "remove", path: "/spec/predictor/canaryTrafficPercent" }], resourceVersion));
}

/** The registry side of a promotion, direct or approved: spec without the share, phase, audit event. */
function recordPromotion(
  tx: TDbClient,
  actor: TActor,
  ref: { row: { id: string }; target: string },
  promotion: { spec: TManifestValues; rollout: TRolloutState; canaryPercentBefore: number | null; resourceVersion?: string; metadata: Record<string, unknown> },
): Promise<void> {
  const { rollout } = promotion;
  return recordRolloutChange(tx, actor, ref, {
    action: "rollout.promoted",
    spec: { ...promotion.spec, canaryTrafficPercent: undefined },
    rollout: { ...rollout, phase: "promoted", finishedAt: new Date().toISOString() },
    resourceVersion: promotion.resourceVersion,
    before: { canaryPercent: promotion.canaryPercentBefore, version: rollout.stable.version },
    after: { canaryPercent: 100, version: rollout.canary.version },
    metadata: promotion.metadata,
  });
}

export async function promoteCanary(actor: TActor | null, raw: TPromoteCanaryInput): Promise<{ version: number }> {
  const input = ZPromoteCanaryInput.parse(raw);
  const ctx = await loadRolloutContext(actor, input.namespace, input.name, "promotion.request");
  if (ctx.policy.requiresApproval) throw new AppError("FORBIDDEN", `In ${ctx.row.environment} promotion needs approval: request promotion with a note and an approver will sign off.`);
  const rollout = requireLiveCanary(ctx);
  const connection = requireConnection();
  const live = await readUnchanged(connection, ctx.row.namespace, ctx.row.name, input.expectedVersion);
  // Removing the share before the canary revision is ready would promote a revision that serves nothing yet.
  if (!readTrafficSplit(live, rollout).isCanaryReady) throw new AppError("CONFLICT", `v${rollout.canary.version} is not ready yet; promote once its revision serves its share.`);
  await withTransaction(
    async (tx) => {
      await recordPromotion(tx, ctx.actor, ctx, { spec: ctx.spec, rollout, canaryPercentBefore: ctx.spec.canaryTrafficPercent ?? null, metadata: { approval: "not required by policy" } });
      const updated = await removeCanaryShare(connection, live);
      await tx.deployment.update({ where: { id: ctx.row.id }, data: { resourceVersion: updated.resourceVersion } });
      // Open requests (there are none when no approval is needed, unless the policy changed) are settled.
      await tx.promotionRequest.updateMany({ where: { deploymentId: ctx.row.id, status: "pending" }, data: { status: "void", statusReason: "Promoted directly.", decidedAt: new Date() } });
    },
    { timeout: 20_000 },
  );
  return { version: rollout.canary.version };
}

export function requireLiveCanary(ctx: Pick<TRolloutContext, "rollout">): TRolloutState {
  if (!isCanaryLive(ctx.rollout)) throw new AppError("CONFLICT", "No canary is running on this deployment.");
  return ctx.rollout;
}

/**
 * Applies an approved request: the cluster write first, then the request is marked applied.
 * A failure is recorded on the request (promoteError, attempts) and it stays approved, so an
 * approver or the requester can retry; it is never marked done without the cluster write.
 */
export async function applyApprovedPromotion(actor: TActor, requestId: string): Promise<{ applied: true } | { applied: false; error: string }> {
  const request = await db.promotionRequest.findUniqueOrThrow({ where: { id: requestId }, include: { deployment: true } });
  if (request.status !== "approved") throw new AppError("CONFLICT", `This request is ${request.status}; only an approved request can be promoted.`);
  const { deployment } = request;
  const ref = { row: { id: deployment.id }, target: `${deployment.namespace}/${deployment.name}` };
  try {
    const rollout = requireLiveCanary({ rollout: deployment.rollout as TRolloutState | null });
    const connection = requireConnection();
    // The approved spec must still be the one running (an approval is void after a change).
    const live = await readUnchanged(connection, deployment.namespace, deployment.name, request.specFingerprint);
    const updated = await removeCanaryShare(connection, live);
    await withTransaction(async (tx) => {
      await recordPromotion(tx, actor, ref, { spec: specOf(deployment), rollout, canaryPercentBefore: request.canaryPercent, resourceVersion: updated.resourceVersion, metadata: { promotionRequestId: request.id } });
      await tx.promotionRequest.update({ where: { id: request.id }, data: { status: "applied", appliedAt: new Date(), promoteError: null, promoteAttempts: { increment: 1 } } });
    });
    return { applied: true };
  } catch (error) {
    const message = error instanceof AppError ? error.message : "The cluster call failed.";
    await withTransaction(async (tx) => {
      await tx.promotionRequest.update({ where: { id: request.id }, data: { promoteError: message, promoteAttempts: { increment: 1 } } });
      await recordAuditEvent(tx, actor, { action: "rollout.promote_failed", targetType: "deployment", targetId: ref.target, after: { error: message }, metadata: { deploymentId: deployment.id, promotionRequestId: request.id } });
    });
    if (!(error instanceof AppError)) console.error("promotion failed", error);
    return { applied: false, error: message };
  }
}
