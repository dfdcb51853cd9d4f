import { db } from "@/lib/adapters/db";
import { canChangeTeamResource, hasPermission, requirePermission, type TActor } from "@/lib/auth/permissions";
import { canaryCeiling, describePolicy, whyCannotDecide, type TEnvironmentPolicy, type TRequestStatus } from "@/lib/domain/rollouts/promotion-policy";
import { isCanaryLive, rolloutOf, type TRolloutState } from "@/lib/domain/rollouts/rollout-state";
import { buildTimeline, buildTrafficSteps, ROLLOUT_ACTIONS, type TTimelineEntry, type TTrafficStep } from "@/lib/domain/rollouts/timeline";
import { readTrafficSplit, type TTrafficSplit } from "@/lib/domain/rollouts/traffic-split";
import { getDeploymentRowOrThrow, specOf, type TDeploymentListItem } from "@/lib/services/deployments/deployment-views";
import { objectKeyOf, readServingIndex } from "@/lib/services/deployments/read-serving";
import { getEnvironmentPolicy } from "./environment-policies";
import { liveDeploymentOf, REQUEST_INCLUDE, rulesViewOf, settleRequest } from "./promotion-requests";
import type { TEvidenceSnapshot } from "./request-promotion";

// Everything the deployment page's rollout section shows, from the registry and the watch
// cache (never Prometheus: the evidence is fetched on its own, so the slider and rollback do
// not wait for metrics).

/** A request, with the deployment it is for (namespace, name, environment, team, model). */
export type TPromotionRequestView = Pick<TDeploymentListItem, "namespace" | "name" | "environment" | "team" | "model"> & {
  id: string;
  status: TRequestStatus;
  statusReason: string | null;
  requestedBy: string;
  note: string;
  createdAt: string;
  expiresAt: string | null;
  canaryVersion: number | null;
  canaryPercent: number;
  approvalsRequired: number;
  approvals: { by: string; decision: "approve" | "reject"; comment: string; at: string }[];
  evidence: TEvidenceSnapshot | null;
  promoteError: string | null;
  promoteAttempts: number;
  appliedAt: string | null;
  /** Null when the viewer may approve or reject; otherwise why not. */
  whyCannotDecide: string | null;
  canRetry: boolean;
  canCancel: boolean;
};

export type TCanaryCandidate = { version: number; createdAt: string; status: string };

export type TRolloutView = {
  namespace: string;
  name: string;
  environment: string;
  mode: string;
  model: string;
  changeVersion: string | null;
  servingVersion: number;
  policy: TEnvironmentPolicy & { description: string; ceiling: number };
  rollout: TRolloutState | null;
  isCanaryLive: boolean;
  split: TTrafficSplit;
  candidates: TCanaryCandidate[];
  requests: TPromotionRequestView[];
  timeline: TTimelineEntry[];
  trafficSteps: TTrafficStep[];
  can: { manage: boolean; request: boolean; promoteDirectly: boolean; rollback: boolean };
};

type TRequestRow = Parameters<typeof rulesViewOf>[0];

export function toRequestView(actor: TActor, row: TRequestRow, status: { status: TRequestStatus; reason: string | null }): TPromotionRequestView {
  const team = row.deployment.team.slug;
  const rules = { ...rulesViewOf(row), status: status.status };
  const isApprover = hasPermission(actor.role, "promotion.approve");
  return {
    id: row.id,
    namespace: row.deployment.namespace,
    name: row.deployment.name,
    environment: row.deployment.environment,
    team,
    model: row.deployment.modelVersion.model.name,
    status: status.status,
    statusReason: status.reason,
    requestedBy: row.requestedBy.email,
    note: row.comment,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    canaryVersion: row.canaryVersion?.version ?? null,
    canaryPercent: row.canaryPercent,
    approvalsRequired: row.approvalsRequired,
    approvals: row.approvals.map((a) => ({ by: a.approver.email, decision: a.decision, comment: a.comment, at: a.createdAt.toISOString() })),
    evidence: row.evidence && typeof row.evidence === "object" && "takenAt" in row.evidence ? (row.evidence as unknown as TEvidenceSnapshot) : null,
    promoteError: row.promoteError,
    promoteAttempts: row.promoteAttempts,
    appliedAt: row.appliedAt?.toISOString() ?? null,
    whyCannotDecide: isApprover ? whyCannotDecide(rules, actor.id) : "Only approvers can approve or reject.",
    canRetry: status.status === "approved" && (isApprover || canChangeTeamResource(actor, team, "promotion.request")),
    canCancel: status.status === "pending" && canChangeTeamResource(actor, team, "promotion.request"),
  };
}

export async function getRollout(actor: TActor | null, namespace: string, name: string): Promise<TRolloutView> {
  requirePermission(actor, "fleet.view");
  const row = await getDeploymentRowOrThrow(namespace, name);
  const [index, policy, requestRows, events, model] = await Promise.all([
    readServingIndex(),
    getEnvironmentPolicy(row.environment),
    db.promotionRequest.findMany({ where: { deploymentId: row.id }, include: REQUEST_INCLUDE, orderBy: { createdAt: "desc" }, take: 20 }),
    db.auditEvent.findMany({ where: { targetType: "deployment", targetId: `${namespace}/${name}`, action: { in: [...ROLLOUT_ACTIONS] } }, orderBy: { id: "desc" }, take: 200 }),
    db.model.findUnique({ where: { name: specOf(row).model.name }, select: { versions: { select: { version: true, createdAt: true, status: true }, orderBy: { version: "desc" } } } }),
  ]);
  const isvc = index.isvcByKey.get(objectKeyOf(namespace, name)) ?? null;
  const rollout = rolloutOf(row);
  const now = new Date();
  const requests = await Promise.all(requestRows.map(async (r) => toRequestView(actor, r, await settleRequest(r, liveDeploymentOf(r, isvc), now))));
  const auditEvents = events.map((e) => ({ id: String(e.id), at: e.at, actorEmail: e.actorEmail, action: e.action, before: e.before, after: e.after }));
  const currentCycle = rollout ? auditEvents.filter((e) => e.at.getTime() >= new Date(rollout.startedAt).getTime() - 1000) : [];
  const isTeam = canChangeTeamResource(actor, row.team.slug);
  const manage = isTeam && hasPermission(actor.role, "deployment.manage");
  return {
    namespace,
    name,
    environment: row.environment,
    mode: specOf(row).mode,
    model: specOf(row).model.name,
    changeVersion: isvc?.changeVersion ?? null,
    servingVersion: row.modelVersion.version,
    policy: { ...policy, description: describePolicy(policy), ceiling: canaryCeiling(policy) },
    rollout,
    isCanaryLive: isCanaryLive(rollout),
    split: readTrafficSplit(isvc, rollout),
    candidates: (model?.versions ?? []).filter((v) => v.version > row.modelVersion.version && v.status !== "archived").map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), status: v.status })),
    requests,
    timeline: buildTimeline(auditEvents),
    trafficSteps: buildTrafficSteps(currentCycle),
    can: {
      manage,
      request: manage && policy.requiresApproval && !actor.apiToken,
      promoteDirectly: manage && !policy.requiresApproval,
      rollback: hasPermission(actor.role, "rollout.rollback") && (isTeam || actor.role === "approver"),
    },
  };
}
