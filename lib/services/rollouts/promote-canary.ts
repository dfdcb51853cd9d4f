import { z } from "zod";
import { db, withTransaction } from "@/lib/adapters/db";
import { jsonPatchInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import type { TClusterConnection } from "@/lib/adapters/k8s/config";
import type { TActor } from "@/lib/auth/permissions";
import type { TInferenceServiceState } from "@/lib/domain/deployments/types";
import { isCanaryLive, type TRolloutState } from "@/lib/domain/rollouts/rollout-state";
import { readTrafficSplit } from "@/lib/domain/rollouts/traffic-split";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { requireConnection } from "@/lib/services/deployments/read-serving";
import { readUnchanged, writeIfUnchanged } from "@/lib/services/deployments/write-inference-service";
import { loadRolloutContext, recordRolloutChange, toJson, type TRolloutContext } from "./rollout-context";

// Promote = remove canaryTrafficPercent: the latest revision then gets 100 % and KServe's
// promotion rule makes it the rolled-out revision (STATUS.md §4.2). Directly where the
// environment needs no approval (after a confirmation in the UI); otherwise only from an
// approved PromotionRequest (decide-promotion.ts), whose failure is recorded and retryable.

export const ZPromoteCanaryInput = z.object({ namespace: z.string().min(1), name: z.string().min(1), expectedVersion: z.string().min(1, "Reload the deployment and try again.") });
export type TPromoteCanaryInput = z.input<typeof ZPromoteCanaryInput>;

/** Removes the canary share on the cluster, conditional on the spec still being `live`'s. */
export async function removeCanaryShare(connection: TClusterConnection, live: TInferenceServiceState): Promise<TInferenceServiceState> {
  const hasShare = (live.spec.predictor as { canaryTrafficPercent?: unknown } | undefined)?.canaryTrafficPercent !== undefined;
  if (!hasShare) return live;
  return writeIfUnchanged(connection, live, (resourceVersion) => jsonPatchInferenceService(connection, live.namespace, live.name, [{ op: "remove", path: "/spec/predictor/canaryTrafficPercent" }], resourceVersion));
}

export function promotedRollout(rollout: TRolloutState): TRolloutState {
  return { ...rollout, phase: "promoted", finishedAt: new Date().toISOString() };
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
      const spec = { ...ctx.spec, canaryTrafficPercent: undefined };
      await recordRolloutChange(tx, ctx.actor, ctx, { action: "rollout.promoted", spec, rollout: promotedRollout(rollout), before: { canaryPercent: ctx.spec.canaryTrafficPercent ?? null, version: rollout.stable.version }, after: { canaryPercent: 100, version: rollout.canary.version }, metadata: { approval: "not required by policy" } });
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
  const ctx = { row: { id: deployment.id }, target: `${deployment.namespace}/${deployment.name}` } as Pick<TRolloutContext, "row" | "target">;
  try {
    const rollout = requireLiveCanary({ rollout: deployment.rollout as TRolloutState | null });
    const connection = requireConnection();
    // The approved spec must still be the one running (an approval is void after a change).
    const live = await readUnchanged(connection, deployment.namespace, deployment.name, request.specFingerprint);
    const updated = await removeCanaryShare(connection, live);
    await withTransaction(async (tx) => {
      const spec = { ...(deployment.spec as object), canaryTrafficPercent: undefined };
      await tx.deployment.update({ where: { id: deployment.id }, data: { spec: toJson(spec), rollout: toJson(promotedRollout(rollout)), resourceVersion: updated.resourceVersion } });
      await tx.promotionRequest.update({ where: { id: request.id }, data: { status: "applied", appliedAt: new Date(), promoteError: null, promoteAttempts: { increment: 1 } } });
      await recordAuditEvent(tx, actor, { action: "rollout.promoted", targetType: "deployment", targetId: ctx.target, before: { canaryPercent: request.canaryPercent, version: rollout.stable.version }, after: { canaryPercent: 100, version: rollout.canary.version }, metadata: { deploymentId: deployment.id, promotionRequestId: request.id } });
    });
    return { applied: true };
  } catch (error) {
    const message = error instanceof AppError ? error.message : "The cluster call failed.";
    await withTransaction(async (tx) => {
      await tx.promotionRequest.update({ where: { id: request.id }, data: { promoteError: message, promoteAttempts: { increment: 1 } } });
      await recordAuditEvent(tx, actor, { action: "rollout.promote_failed", targetType: "deployment", targetId: ctx.target, after: { error: message }, metadata: { deploymentId: deployment.id, promotionRequestId: request.id } });
    });
    if (!(error instanceof AppError)) console.error("promotion failed", error);
    return { applied: false, error: message };
  }
}
