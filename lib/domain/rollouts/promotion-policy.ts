// An environment's rollout policy and the rules for promotion requests. Pure: the services
// feed in the rows and the live fingerprint, and persist what these functions decide.

export type TEnvironmentPolicy = {
  environment: string;
  /** Highest canary share without an approved promotion; 100 = no ceiling. */
  canaryCeilingPercent: number;
  defaultCanaryPercent: number;
  requiresApproval: boolean;
  approvalsRequired: number;
  minCanaryMinutes: number;
  minCanaryRequests: number;
  requestTtlHours: number;
};

/** Used when an environment has no policy row: no approval, no ceiling. */
export function openPolicy(environment: string): TEnvironmentPolicy {
  return { environment, canaryCeilingPercent: 100, defaultCanaryPercent: 10, requiresApproval: false, approvalsRequired: 1, minCanaryMinutes: 0, minCanaryRequests: 0, requestTtlHours: 72 };
}

export function describePolicy(p: TEnvironmentPolicy): string {
  if (!p.requiresApproval) return `${p.environment}: no approval needed${p.canaryCeilingPercent < 100 ? `; canaries up to ${p.canaryCeilingPercent} %` : ""}.`;
  const approvals = p.approvalsRequired === 1 ? "one approval" : `${p.approvalsRequired} approvals`;
  const minimums = [p.minCanaryMinutes ? `${p.minCanaryMinutes} min` : null, p.minCanaryRequests ? `${p.minCanaryRequests.toLocaleString("en-US")} requests` : null].filter(Boolean).join(" and ");
  return `${p.environment}: canaries up to ${p.canaryCeilingPercent} % without approval; promotion needs ${approvals} from someone not on the request${minimums ? `, after at least ${minimums} of canary` : ""}; requests expire after ${p.requestTtlHours} h.`;
}

/** The canary share one may set: above the ceiling only by promoting (with approval where the policy asks for it). */
export function canaryCeiling(p: TEnvironmentPolicy): number {
  return Math.min(p.canaryCeilingPercent, p.requiresApproval ? 99 : 100);
}

export type TRequirement = { label: string; met: boolean; detail: string };

/** What must hold before a promotion may be requested (or, without approval, applied). */
export function promotionRequirements(p: TEnvironmentPolicy, canary: { startedAt: Date; requests: number | null; isReady: boolean }, now: Date): TRequirement[] {
  const minutes = Math.floor((now.getTime() - canary.startedAt.getTime()) / 60_000);
  const out: TRequirement[] = [{ label: "Canary revision ready", met: canary.isReady, detail: canary.isReady ? "ready" : "the new revision is not ready yet" }];
  if (p.minCanaryMinutes > 0) out.push({ label: `Runs at least ${p.minCanaryMinutes} min`, met: minutes >= p.minCanaryMinutes, detail: `${minutes} min so far` });
  if (p.minCanaryRequests > 0) {
    const n = canary.requests;
    out.push({
      label: `Serves at least ${p.minCanaryRequests.toLocaleString("en-US")} requests`,
      met: n !== null && n >= p.minCanaryRequests,
      detail: n === null ? "request count unavailable (metrics unreachable)" : `${Math.round(n).toLocaleString("en-US")} so far`,
    });
  }
  return out;
}

export type TRequestStatus = "pending" | "approved" | "rejected" | "cancelled" | "void" | "expired" | "applied";

export type TRequestForRules = {
  status: TRequestStatus;
  requestedById: string;
  /** The user who started the canary being promoted. */
  canaryStartedById: string | null;
  canaryVersionId: string | null;
  specFingerprint: string;
  approvalsRequired: number;
  expiresAt: Date | null;
  approvals: { approverId: string; decision: "approve" | "reject"; specFingerprint: string }[];
};

export type TLiveDeployment = { specFingerprint: string | null; canaryVersionId: string | null; isCanaryLive: boolean };

/**
 * A pending request's status now: expired after its time, void once the deployment's spec or
 * canary version changed after it, rejected on any rejection, approved with enough approvals
 * given on the current spec. Settled statuses stay as they are.
 */
export function resolveRequestStatus(request: TRequestForRules, live: TLiveDeployment, now: Date): { status: TRequestStatus; reason: string | null } {
  if (request.status !== "pending") return { status: request.status, reason: null };
  if (request.expiresAt && now >= request.expiresAt) return { status: "expired", reason: `Expired at ${request.expiresAt.toISOString()} without enough approvals.` };
  if (!live.isCanaryLive) return { status: "void", reason: "The canary is no longer running (rolled back or promoted)." };
  if (live.canaryVersionId !== request.canaryVersionId) return { status: "void", reason: "The canary version changed after the request." };
  if (live.specFingerprint !== null && live.specFingerprint !== request.specFingerprint) return { status: "void", reason: "The deployment changed after the request; the evidence no longer describes what runs." };
  if (request.approvals.some((a) => a.decision === "reject")) return { status: "rejected", reason: null };
  if (countValidApprovals(request, live) >= request.approvalsRequired) return { status: "approved", reason: null };
  return { status: "pending", reason: null };
}

/** Approvals given on the spec that still runs. */
export function countValidApprovals(request: Pick<TRequestForRules, "approvals">, live: Pick<TLiveDeployment, "specFingerprint">): number {
  return request.approvals.filter((a) => a.decision === "approve" && (live.specFingerprint === null || a.specFingerprint === live.specFingerprint)).length;
}

/** Why `userId` may not decide on the request, or null when they may. */
export function whyCannotDecide(request: TRequestForRules, userId: string): string | null {
  if (request.requestedById === userId) return "You requested this promotion; someone else must approve it.";
  if (request.canaryStartedById === userId) return "You started this canary; someone not on the request must approve it.";
  if (request.approvals.some((a) => a.approverId === userId)) return "You have already decided on this request.";
  if (request.status !== "pending") return `This request is ${request.status}.`;
  return null;
}
