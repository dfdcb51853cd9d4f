import { z } from "zod";
import { withTransaction } from "@/lib/adapters/db";
import { getInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import { hasPermission, requirePermission, requireTeamMember, type TActor } from "@/lib/auth/permissions";
import { resolveRequestStatus, whyCannotDecide } from "@/lib/domain/rollouts/promotion-policy";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { requireConnection } from "@/lib/services/deployments/read-serving";
import { applyApprovedPromotion } from "./promote-canary";
import { findRequest, liveDeploymentOf, rulesViewOf, settleRequest } from "./promotion-requests";

// Approve or reject a promotion request. The rules (lib/domain/rollouts/promotion-policy.ts):
// nobody on the request decides on it, a change to the deployment voids it, it expires, and
// it needs the policy's number of approvals given on the spec that runs. On the final
// approval Gantry promotes; a failed promote stays visible on the request and can be retried.

export const ZDecidePromotionInput = z
  .object({
    requestId: z.uuid("Unknown promotion request."),
    decision: z.enum(["approve", "reject"]),
    comment: z.string().trim().max(2000, "Keep the comment under 2,000 characters.").default(""),
  })
  .refine((input) => input.decision === "approve" || input.comment.length >= 3, { path: ["comment"], message: "Say why you reject it, so the engineer knows what to change." });
export type TDecidePromotionInput = z.input<typeof ZDecidePromotionInput>;

export type TDecisionResult = { status: "pending" | "approved" | "rejected" | "applied"; promoteError: string | null };

export async function decidePromotion(actor: TActor | null, raw: TDecidePromotionInput): Promise<TDecisionResult> {
  requirePermission(actor, "promotion.approve");
  const input = ZDecidePromotionInput.parse(raw);
  if (actor.apiToken) throw new AppError("FORBIDDEN", "Approvals are made by people, not API tokens.");
  const found = await findRequest(input.requestId);
  if (!found) throw new AppError("NOT_FOUND", "There is no such promotion request.");
  const connection = requireConnection();
  const isvc = await getInferenceService(connection, found.deployment.namespace, found.deployment.name);
  if (!isvc) throw new AppError("CONFLICT", `The InferenceService ${found.deployment.namespace}/${found.deployment.name} is missing from the cluster; nothing to promote.`);
  const live = liveDeploymentOf(found, isvc);
  const settled = await settleRequest(found, live);
  if (settled.status !== "pending") throw new AppError("CONFLICT", `This request is ${settled.status}${settled.reason ? `: ${settled.reason}` : "."}`);
  const refusal = whyCannotDecide(rulesViewOf(found), actor.id);
  if (refusal) throw new AppError("FORBIDDEN", refusal);
  const target = `${found.deployment.namespace}/${found.deployment.name}`;
  const status = await withTransaction(async (tx) => {
    // Two approvers at once: the second waits here and counts the first one's approval.
    await tx.$queryRaw`SELECT id FROM promotion_requests WHERE id = ${found.id}::uuid FOR UPDATE`;
    const current = await findRequest(found.id, tx);
    if (!current || current.status !== "pending") throw new AppError("CONFLICT", `This request is ${current?.status ?? "gone"}.`);
    const rules = rulesViewOf(current);
    const again = whyCannotDecide(rules, actor.id);
    if (again) throw new AppError("FORBIDDEN", again);
    await tx.approval.create({ data: { promotionRequestId: current.id, approverId: actor.id, decision: input.decision, comment: input.comment, specFingerprint: live.specFingerprint ?? "" } });
    const withVote = { ...rules, approvals: [...rules.approvals, { approverId: actor.id, decision: input.decision, specFingerprint: live.specFingerprint ?? "" }] };
    const next = resolveRequestStatus(withVote, live, new Date()).status;
    if (next === "approved" || next === "rejected") await tx.promotionRequest.update({ where: { id: current.id }, data: { status: next, decidedAt: new Date() } });
    await recordAuditEvent(tx, actor, {
      action: input.decision === "approve" ? "promotion.approved" : "promotion.rejected",
      targetType: "deployment",
      targetId: target,
      before: { status: "pending" },
      after: { status: next, comment: input.comment, approvals: withVote.approvals.filter((a) => a.decision === "approve").length, approvalsRequired: current.approvalsRequired },
      metadata: { deploymentId: current.deploymentId, promotionRequestId: current.id, evidence: current.evidence },
    });
    return next;
  });
  if (status !== "approved") return { status: status === "rejected" ? "rejected" : "pending", promoteError: null };
  const applied = await applyApprovedPromotion(actor, found.id);
  return applied.applied ? { status: "applied", promoteError: null } : { status: "approved", promoteError: applied.error };
}

export const ZPromotionRequestRef = z.object({ requestId: z.uuid("Unknown promotion request.") });

/** Retry a failed promote of an approved request: approvers, or the requesting team. */
export async function retryPromotion(actor: TActor | null, raw: z.input<typeof ZPromotionRequestRef>): Promise<TDecisionResult> {
  requirePermission(actor, "fleet.view");
  const { requestId } = ZPromotionRequestRef.parse(raw);
  const found = await findRequest(requestId);
  if (!found) throw new AppError("NOT_FOUND", "There is no such promotion request.");
  if (!hasPermission(actor.role, "promotion.approve")) {
    requirePermission(actor, "promotion.request");
    requireTeamMember(actor, found.deployment.team, `Deployment ${found.deployment.name}`);
  }
  const applied = await applyApprovedPromotion(actor, requestId);
  return applied.applied ? { status: "applied", promoteError: null } : { status: "approved", promoteError: applied.error };
}

/** The requester (or their team) withdraws a pending request. */
export async function cancelPromotionRequest(actor: TActor | null, raw: z.input<typeof ZPromotionRequestRef>): Promise<void> {
  requirePermission(actor, "promotion.request");
  const { requestId } = ZPromotionRequestRef.parse(raw);
  const found = await findRequest(requestId);
  if (!found) throw new AppError("NOT_FOUND", "There is no such promotion request.");
  requireTeamMember(actor, found.deployment.team, `Deployment ${found.deployment.name}`);
  await withTransaction(async (tx) => {
    const { count } = await tx.promotionRequest.updateMany({ where: { id: requestId, status: "pending" }, data: { status: "cancelled", statusReason: `Withdrawn by ${actor.email}.`, decidedAt: new Date() } });
    if (!count) throw new AppError("CONFLICT", "Only a pending request can be withdrawn.");
    await recordAuditEvent(tx, actor, { action: "promotion.cancelled", targetType: "deployment", targetId: `${found.deployment.namespace}/${found.deployment.name}`, before: { status: "pending" }, after: { status: "cancelled" }, metadata: { deploymentId: found.deploymentId, promotionRequestId: requestId } });
  });
}
