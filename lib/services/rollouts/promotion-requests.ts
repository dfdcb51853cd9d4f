import { db, type TDbClient } from "@/lib/adapters/db";
import { resolveRequestStatus, type TLiveDeployment, type TRequestForRules, type TRequestStatus } from "@/lib/domain/rollouts/promotion-policy";
import { isCanaryLive, rolloutOf } from "@/lib/domain/rollouts/rollout-state";
import type { TInferenceServiceState } from "@/lib/domain/deployments/types";

// Promotion requests as the rules see them, and the one place a pending request that has
// expired or become void is settled in the registry.

export const REQUEST_INCLUDE = {
  requestedBy: { select: { id: true, email: true, name: true } },
  canaryVersion: { select: { version: true } },
  approvals: { include: { approver: { select: { email: true, name: true } } }, orderBy: { createdAt: "asc" as const } },
  deployment: { select: { id: true, namespace: true, name: true, environment: true, rollout: true, team: { select: { id: true, slug: true } }, modelVersion: { select: { model: { select: { name: true } } } } } },
};

type TRequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export function findRequest(id: string, client: TDbClient = db) {
  return client.promotionRequest.findUnique({ where: { id }, include: REQUEST_INCLUDE });
}

export function liveDeploymentOf(row: Pick<TRequestRow, "deployment">, isvc: Pick<TInferenceServiceState, "changeVersion"> | null): TLiveDeployment {
  const rollout = rolloutOf(row.deployment);
  return { specFingerprint: isvc?.changeVersion ?? null, canaryVersionId: rollout?.canary.id ?? null, isCanaryLive: isCanaryLive(rollout) };
}

export function rulesViewOf(row: TRequestRow): TRequestForRules {
  const rollout = rolloutOf(row.deployment);
  return {
    status: row.status,
    requestedById: row.requestedById,
    canaryStartedById: rollout?.startedById ?? null,
    canaryVersionId: row.canaryVersionId,
    specFingerprint: row.specFingerprint,
    approvalsRequired: row.approvalsRequired,
    expiresAt: row.expiresAt,
    approvals: row.approvals.map((a) => ({ approverId: a.approverId, decision: a.decision, specFingerprint: a.specFingerprint })),
  };
}

/** Persists expiry and voiding of a pending request; returns the status it has now. */
export async function settleRequest(row: TRequestRow, live: TLiveDeployment, now = new Date(), client: TDbClient = db): Promise<{ status: TRequestStatus; reason: string | null }> {
  const resolved = resolveRequestStatus(rulesViewOf(row), live, now);
  if (row.status === "pending" && (resolved.status === "void" || resolved.status === "expired")) {
    await client.promotionRequest.updateMany({ where: { id: row.id, status: "pending" }, data: { status: resolved.status, statusReason: resolved.reason, decidedAt: now } });
  }
  return row.status === "pending" ? resolved : { status: row.status, reason: row.statusReason };
}
