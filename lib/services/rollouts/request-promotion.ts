import { z } from "zod";
import { db, withTransaction } from "@/lib/adapters/db";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { computeMetricDeltas, type TMetricDelta } from "@/lib/domain/models/metric-deltas";
import type { TMetrics } from "@/lib/domain/models/model-fields";
import { promotionRequirements } from "@/lib/domain/rollouts/promotion-policy";
import { readTrafficSplit } from "@/lib/domain/rollouts/traffic-split";
import type { TRolloutState } from "@/lib/domain/rollouts/rollout-state";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { requireConnection } from "@/lib/services/deployments/read-serving";
import { readUnchanged } from "@/lib/services/deployments/write-inference-service";
import { getCanaryEvidence, type TCanaryEvidence } from "./get-canary-evidence";
import { requireLiveCanary } from "./promote-canary";
import { loadRolloutContext, toJson } from "./rollout-context";

// Request promotion (environments whose policy needs approval): the requester's note and an
// evidence snapshot — the metrics and verdict at that moment, the canary's duration and
// request count, and both versions with their registry metric diff — recorded with the spec
// fingerprint it describes. A later change to the deployment voids the request.

export const ZRequestPromotionInput = z.object({
  namespace: z.string().min(1),
  name: z.string().min(1),
  expectedVersion: z.string().min(1, "Reload the deployment and try again."),
  note: z.string().trim().min(3, "Say in a few words why the canary is ready (approvers read it).").max(2000, "Keep the note under 2,000 characters."),
});
export type TRequestPromotionInput = z.input<typeof ZRequestPromotionInput>;

export type TEvidenceSnapshot = {
  takenAt: string;
  canaryPercent: number | null;
  durationMinutes: number;
  canaryRequests: number | null;
  versions: { stable: { version: number; storageUri: string }; canary: { version: number; storageUri: string }; metricDiff: TMetricDelta[] };
  metrics: TCanaryEvidence;
};

export async function buildEvidenceSnapshot(rollout: TRolloutState, evidence: TCanaryEvidence, canaryPercent: number | null, now = new Date()): Promise<TEvidenceSnapshot> {
  const versions = await db.modelVersion.findMany({ where: { id: { in: [rollout.stable.id, rollout.canary.id] } }, select: { id: true, metrics: true } });
  const metricsOf = (id: string) => (versions.find((v) => v.id === id)?.metrics ?? {}) as TMetrics;
  return {
    takenAt: now.toISOString(),
    canaryPercent,
    durationMinutes: Math.floor((now.getTime() - new Date(rollout.startedAt).getTime()) / 60_000),
    canaryRequests: evidence.ok ? evidence.canary.requests : null,
    versions: {
      stable: { version: rollout.stable.version, storageUri: rollout.stable.storageUri },
      canary: { version: rollout.canary.version, storageUri: rollout.canary.storageUri },
      metricDiff: computeMetricDeltas(metricsOf(rollout.canary.id), metricsOf(rollout.stable.id)),
    },
    // Series are for charts on the page; the snapshot keeps the figures and the verdict.
    metrics: evidence.ok ? { ...evidence, series: { p95: [], errorRate: [], requestRate: [] } } : evidence,
  };
}

export async function requestPromotion(actor: TActor | null, raw: TRequestPromotionInput): Promise<{ id: string }> {
  requirePermission(actor, "promotion.request");
  const input = ZRequestPromotionInput.parse(raw);
  // Checks the team too.
  const ctx = await loadRolloutContext(actor, input.namespace, input.name, "promotion.request");
  const rollout = requireLiveCanary(ctx);
  if (!ctx.policy.requiresApproval) throw new AppError("CONFLICT", `${ctx.row.environment} needs no approval: promote directly.`);
  if (ctx.actor.apiToken) throw new AppError("FORBIDDEN", "A promotion request needs a person who can be asked about it; sign in instead of using an API token.");
  const connection = requireConnection();
  const live = await readUnchanged(connection, ctx.row.namespace, ctx.row.name, input.expectedVersion);
  const split = readTrafficSplit(live, rollout);
  const now = new Date();
  const evidence = await getCanaryEvidence({ namespace: ctx.row.namespace, name: ctx.row.name, canaryRevision: split.canaryRevision, stableRevision: split.stableRevision, startedAt: new Date(rollout.startedAt) }, now.getTime());
  const unmet = promotionRequirements(ctx.policy, { startedAt: new Date(rollout.startedAt), requests: evidence.ok ? evidence.canary.requests : null, isReady: split.isCanaryReady }, now).filter((r) => !r.met);
  if (unmet.length) throw new AppError("VALIDATION", `Not yet: ${unmet.map((r) => `${r.label.toLowerCase()} (${r.detail})`).join("; ")}.`);
  const snapshot = await buildEvidenceSnapshot(rollout, evidence, split.configuredPercent, now);
  return withTransaction(async (tx) => {
    // One open request per deployment: lock the deployment row while checking.
    await tx.$queryRaw`SELECT id FROM deployments WHERE id = ${ctx.row.id}::uuid FOR UPDATE`;
    const open = await tx.promotionRequest.findFirst({ where: { deploymentId: ctx.row.id, status: { in: ["pending", "approved"] } } });
    if (open) throw new AppError("CONFLICT", `A promotion request for this canary is already ${open.status}; see it below.`);
    const request = await tx.promotionRequest.create({
      data: {
        deploymentId: ctx.row.id,
        requestedById: ctx.actor.id,
        canaryVersionId: rollout.canary.id,
        canaryPercent: split.configuredPercent ?? 0,
        comment: input.note,
        specFingerprint: live.changeVersion,
        evidence: toJson(snapshot),
        approvalsRequired: ctx.policy.approvalsRequired,
        expiresAt: new Date(now.getTime() + ctx.policy.requestTtlHours * 3_600_000),
      },
    });
    await recordAuditEvent(tx, ctx.actor, {
      action: "promotion.requested",
      targetType: "deployment",
      targetId: ctx.target,
      after: { promotionRequestId: request.id, note: input.note, canaryVersion: rollout.canary.version, approvalsRequired: ctx.policy.approvalsRequired },
      metadata: { deploymentId: ctx.row.id, evidence: snapshot },
    });
    return { id: request.id };
  });
}
