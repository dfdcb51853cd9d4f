import { describe, expect, it } from "vitest";
import {
  canaryCeiling,
  countValidApprovals,
  describePolicy,
  openPolicy,
  promotionRequirements,
  resolveRequestStatus,
  whyCannotDecide,
  type TEnvironmentPolicy,
  type TLiveDeployment,
  type TRequestForRules,
} from "./promotion-policy";

const prod: TEnvironmentPolicy = {
  environment: "prod",
  canaryCeilingPercent: 50,
  defaultCanaryPercent: 10,
  requiresApproval: true,
  approvalsRequired: 2,
  minCanaryMinutes: 15,
  minCanaryRequests: 1000,
  requestTtlHours: 72,
};

const NOW = new Date("2026-11-22T12:00:00Z");
const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000);

const request = (extra: Partial<TRequestForRules> = {}): TRequestForRules => ({
  status: "pending",
  requestedById: "requester",
  canaryStartedById: "starter",
  canaryVersionId: "v4",
  specFingerprint: "fp-1",
  approvalsRequired: 2,
  expiresAt: new Date(NOW.getTime() + 3_600_000),
  approvals: [],
  ...extra,
});

const live = (extra: Partial<TLiveDeployment> = {}): TLiveDeployment => ({ specFingerprint: "fp-1", canaryVersionId: "v4", isCanaryLive: true, ...extra });

const approve = (approverId: string, specFingerprint = "fp-1") => ({ approverId, decision: "approve" as const, specFingerprint });
const reject = (approverId: string, specFingerprint = "fp-1") => ({ approverId, decision: "reject" as const, specFingerprint });

describe("whyCannotDecide", () => {
  it("refuses the requester (no self-approval)", () => {
    expect(whyCannotDecide(request(), "requester")).toMatch(/You requested this promotion/);
  });

  it("refuses whoever started the canary, even when someone else requested it", () => {
    expect(whyCannotDecide(request(), "starter")).toMatch(/You started this canary/);
  });

  it("refuses a second vote by the same person", () => {
    expect(whyCannotDecide(request({ approvals: [approve("alice")] }), "alice")).toMatch(/already decided/);
    expect(whyCannotDecide(request({ approvals: [reject("bob")] }), "bob")).toMatch(/already decided/);
  });

  it("refuses a request that is no longer pending", () => {
    expect(whyCannotDecide(request({ status: "applied" }), "alice")).toBe("This request is applied.");
  });

  it("lets anyone else decide", () => {
    expect(whyCannotDecide(request({ approvals: [approve("alice")] }), "bob")).toBeNull();
    expect(whyCannotDecide(request({ canaryStartedById: null }), "starter")).toBeNull();
  });
});

describe("resolveRequestStatus", () => {
  it("needs the required number of approvals: 1 of 2 is pending, 2 of 2 approved", () => {
    expect(resolveRequestStatus(request(), live(), NOW)).toEqual({ status: "pending", reason: null });
    expect(resolveRequestStatus(request({ approvals: [approve("alice")] }), live(), NOW)).toEqual({ status: "pending", reason: null });
    expect(resolveRequestStatus(request({ approvals: [approve("alice"), approve("bob")] }), live(), NOW)).toEqual({ status: "approved", reason: null });
  });

  it("one approval suffices when the policy asks for one", () => {
    expect(resolveRequestStatus(request({ approvalsRequired: 1, approvals: [approve("alice")] }), live(), NOW).status).toBe("approved");
  });

  it("is rejected by any rejection, whatever the approvals", () => {
    expect(resolveRequestStatus(request({ approvals: [reject("alice")] }), live(), NOW)).toEqual({ status: "rejected", reason: null });
    expect(resolveRequestStatus(request({ approvals: [approve("alice"), approve("bob"), reject("carol")] }), live(), NOW).status).toBe("rejected");
  });

  it("is void once the spec fingerprint changed after the request", () => {
    const resolved = resolveRequestStatus(request({ approvals: [approve("alice"), approve("bob")] }), live({ specFingerprint: "fp-2" }), NOW);
    expect(resolved.status).toBe("void");
    expect(resolved.reason).toMatch(/changed after the request/);
  });

  it("is void once the canary version changed", () => {
    const resolved = resolveRequestStatus(request(), live({ canaryVersionId: "v5" }), NOW);
    expect(resolved).toEqual({ status: "void", reason: "The canary version changed after the request." });
  });

  it("is void once the canary no longer runs (rolled back or promoted)", () => {
    const resolved = resolveRequestStatus(request(), live({ isCanaryLive: false }), NOW);
    expect(resolved.status).toBe("void");
    expect(resolved.reason).toMatch(/no longer running/);
  });

  it("expires at expiresAt and after it, not before", () => {
    const expiresAt = new Date(NOW.getTime());
    expect(resolveRequestStatus(request({ expiresAt }), live(), new Date(NOW.getTime() - 1)).status).toBe("pending");
    const atExpiry = resolveRequestStatus(request({ expiresAt }), live(), NOW);
    expect(atExpiry.status).toBe("expired");
    expect(atExpiry.reason).toContain(expiresAt.toISOString());
    expect(resolveRequestStatus(request({ expiresAt }), live(), new Date(NOW.getTime() + 60_000)).status).toBe("expired");
    // Expiry wins over enough approvals that were never applied.
    expect(resolveRequestStatus(request({ expiresAt, approvals: [approve("alice"), approve("bob")] }), live(), NOW).status).toBe("expired");
    expect(resolveRequestStatus(request({ expiresAt: null }), live(), new Date("2100-01-01")).status).toBe("pending");
  });

  it("does not count approvals given on an older fingerprint", () => {
    // The request was made on fp-2; alice approved an earlier state, bob the current one.
    const r = request({ specFingerprint: "fp-2", approvals: [approve("alice", "fp-1"), approve("bob", "fp-2")] });
    expect(countValidApprovals(r, live({ specFingerprint: "fp-2" }))).toBe(1);
    expect(resolveRequestStatus(r, live({ specFingerprint: "fp-2" }), NOW).status).toBe("pending");
    expect(countValidApprovals(r, live({ specFingerprint: null }))).toBe(2);
  });

  it("does not judge the spec when the live fingerprint is unknown", () => {
    expect(resolveRequestStatus(request({ approvals: [approve("alice"), approve("bob")] }), live({ specFingerprint: null }), NOW).status).toBe("approved");
  });

  it("leaves settled statuses as they are", () => {
    for (const status of ["approved", "rejected", "cancelled", "void", "expired", "applied"] as const) {
      expect(resolveRequestStatus(request({ status }), live({ isCanaryLive: false, specFingerprint: "other" }), NOW)).toEqual({ status, reason: null });
    }
  });
});

describe("promotionRequirements", () => {
  const canary = (extra: Partial<{ startedAt: Date; requests: number | null; isReady: boolean }> = {}) => ({ startedAt: minutesAgo(20), requests: 1500, isReady: true, ...extra });

  it("lists readiness, minimum minutes and minimum requests, all met", () => {
    const reqs = promotionRequirements(prod, canary(), NOW);
    expect(reqs.map((r) => r.label)).toEqual(["Canary revision ready", "Runs at least 15 min", "Serves at least 1,000 requests"]);
    expect(reqs.every((r) => r.met)).toBe(true);
    expect(reqs[1]?.detail).toBe("20 min so far");
    expect(reqs[2]?.detail).toBe("1,500 so far");
  });

  it("is unmet before the minimum minutes (whole minutes) and at the boundary met", () => {
    expect(promotionRequirements(prod, canary({ startedAt: new Date(NOW.getTime() - 14 * 60_000 - 59_000) }), NOW)[1]).toMatchObject({ met: false, detail: "14 min so far" });
    expect(promotionRequirements(prod, canary({ startedAt: minutesAgo(15) }), NOW)[1]?.met).toBe(true);
  });

  it("is unmet below the minimum requests", () => {
    expect(promotionRequirements(prod, canary({ requests: 999 }), NOW)[2]).toMatchObject({ met: false, detail: "999 so far" });
    expect(promotionRequirements(prod, canary({ requests: 1000 }), NOW)[2]?.met).toBe(true);
  });

  it("treats an unknown request count as unmet and says why", () => {
    expect(promotionRequirements(prod, canary({ requests: null }), NOW)[2]).toEqual({
      label: "Serves at least 1,000 requests",
      met: false,
      detail: "request count unavailable (metrics unreachable)",
    });
  });

  it("a canary that is not ready is unmet", () => {
    expect(promotionRequirements(prod, canary({ isReady: false }), NOW)[0]).toEqual({ label: "Canary revision ready", met: false, detail: "the new revision is not ready yet" });
  });

  it("zero minimums add no requirement (an unknown request count does not block)", () => {
    const reqs = promotionRequirements({ ...prod, minCanaryMinutes: 0, minCanaryRequests: 0 }, canary({ startedAt: NOW, requests: null }), NOW);
    expect(reqs).toEqual([{ label: "Canary revision ready", met: true, detail: "ready" }]);
  });
});

describe("canaryCeiling", () => {
  it("is the policy's ceiling when approval is required, never 100", () => {
    expect(canaryCeiling(prod)).toBe(50);
    expect(canaryCeiling({ ...prod, canaryCeilingPercent: 100 })).toBe(99);
  });

  it("without approval, 100 unless the policy sets a lower ceiling (as describePolicy says)", () => {
    expect(canaryCeiling(openPolicy("dev"))).toBe(100);
    const staging = { ...openPolicy("staging"), canaryCeilingPercent: 30 };
    expect(canaryCeiling(staging)).toBe(30);
    expect(describePolicy(staging)).toContain(`canaries up to ${canaryCeiling(staging)} %`);
  });
});

describe("describePolicy", () => {
  it("describes an approval policy with its minimums", () => {
    expect(describePolicy(prod)).toBe(
      "prod: canaries up to 50 % without approval; promotion needs 2 approvals from someone not on the request, after at least 15 min and 1,000 requests of canary; requests expire after 72 h.",
    );
  });

  it("says one approval and leaves out absent minimums", () => {
    expect(describePolicy({ ...prod, approvalsRequired: 1, minCanaryMinutes: 0, minCanaryRequests: 0, requestTtlHours: 24 })).toBe(
      "prod: canaries up to 50 % without approval; promotion needs one approval from someone not on the request; requests expire after 24 h.",
    );
    expect(describePolicy({ ...prod, minCanaryRequests: 0 })).toContain("after at least 15 min of canary");
  });

  it("describes an open policy, with a ceiling only when there is one", () => {
    expect(describePolicy(openPolicy("dev"))).toBe("dev: no approval needed.");
    expect(describePolicy({ ...openPolicy("staging"), canaryCeilingPercent: 30 })).toBe("staging: no approval needed; canaries up to 30 %.");
  });
});
