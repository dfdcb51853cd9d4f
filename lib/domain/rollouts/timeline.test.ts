import { describe, expect, it } from "vitest";
import { buildTimeline, buildTrafficSteps, ROLLOUT_ACTIONS, type TRolloutAuditEvent } from "./timeline";

let nextId = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 10, minute));
const event = (minute: number, action: string, before: unknown = null, after: unknown = null, actorEmail = "engineer@gantry.dev"): TRolloutAuditEvent => ({
  id: String(++nextId),
  at: at(minute),
  actorEmail,
  action,
  before,
  after,
});

// One full cycle, in order: launch, canary at 10 %, 25 %, request, approval, promotion.
const cycle = [
  event(0, "deployment.launched"),
  event(5, "rollout.canary_started", { version: 3 }, { version: 4, canaryPercent: 10 }),
  event(10, "rollout.traffic_set", { canaryPercent: 10 }, { canaryPercent: 25 }),
  event(20, "promotion.requested", null, { note: "Error rate and p95 look fine." }),
  event(25, "promotion.approved", { status: "pending" }, { status: "approved", comment: "Go." }, "approver@gantry.dev"),
  event(26, "rollout.promoted", { canaryPercent: 25, version: 3 }, { canaryPercent: 100, version: 4 }, "approver@gantry.dev"),
];

describe("buildTimeline", () => {
  it("lists the events newest first with who did it and when", () => {
    const shuffled = [2, 0, 5, 1, 4, 3].map((i) => cycle[i]!);
    const entries = buildTimeline(shuffled);
    expect(entries.map((e) => e.action)).toEqual(["rollout.promoted", "promotion.approved", "promotion.requested", "rollout.traffic_set", "rollout.canary_started", "deployment.launched"]);
    expect(entries[0]).toMatchObject({ at: at(26).toISOString(), actor: "approver@gantry.dev" });
  });

  it("titles each step in words, with the detail and tone", () => {
    const byAction = new Map(buildTimeline(cycle).map((e) => [e.action, e]));
    expect(byAction.get("deployment.launched")).toMatchObject({ title: "Launched", detail: null, tone: "info" });
    expect(byAction.get("rollout.canary_started")).toMatchObject({ title: "Canary v4 started at 10 % (stable v3)", detail: null, tone: "info" });
    expect(byAction.get("rollout.traffic_set")).toMatchObject({ title: "Canary share 10 % → 25 %", detail: null });
    expect(byAction.get("promotion.requested")).toMatchObject({ title: "Promotion requested", detail: "Error rate and p95 look fine." });
    expect(byAction.get("promotion.approved")).toMatchObject({ title: "Approved (final approval)", detail: "Go.", tone: "good" });
    expect(byAction.get("rollout.promoted")).toMatchObject({ title: "Promoted v4 to 100 %", tone: "good" });
  });

  it("tells an intermediate approval from the final one, and titles the unhappy paths", () => {
    const entries = buildTimeline([
      event(1, "promotion.approved", { status: "pending" }, { status: "pending", comment: "" }),
      event(2, "promotion.rejected", { status: "pending" }, { status: "rejected", comment: "p95 is 30 % worse." }),
      event(3, "promotion.cancelled", { status: "pending" }, { status: "cancelled" }),
      event(4, "rollout.promote_failed", null, { error: "The InferenceService is missing." }),
      event(5, "rollout.rolled_back", { phase: "canary" }, { phase: "rolled_back", canaryPercent: 0, version: 3, reason: "Errors on v4." }),
    ]).reverse();
    expect(entries.map(({ title, detail, tone }) => ({ title, detail, tone }))).toEqual([
      { title: "Approved", detail: null, tone: "good" },
      { title: "Rejected", detail: "p95 is 30 % worse.", tone: "bad" },
      { title: "Request withdrawn", detail: null, tone: "warn" },
      { title: "Promotion failed", detail: "The InferenceService is missing.", tone: "bad" },
      { title: "Rolled back to v3", detail: "Errors on v4.", tone: "bad" },
    ]);
  });

  it("survives missing or odd before/after values and unknown actions", () => {
    const [started, set, unknown] = buildTimeline([event(3, "rollout.canary_started", null, "not an object"), event(2, "rollout.traffic_set", undefined, { canaryPercent: "25" }), event(1, "deployment.updated")]);
    expect(started?.title).toBe("Canary v? started at ? % (stable v?)");
    expect(set?.title).toBe("Canary share 0 % → 0 %");
    expect(unknown).toMatchObject({ title: "deployment.updated", tone: "info" });
  });

  it("covers every rollout action with a title of its own", () => {
    const titles = buildTimeline(ROLLOUT_ACTIONS.map((action, i) => event(i, action, {}, {}))).map((e) => e.title);
    expect(titles.filter((t) => (ROLLOUT_ACTIONS as readonly string[]).includes(t))).toEqual([]);
  });
});

describe("buildTrafficSteps", () => {
  it("is the canary share after each step, oldest first; promotion is 100", () => {
    expect(buildTrafficSteps([...cycle].reverse())).toEqual([
      { at: at(5).toISOString(), canaryPercent: 10, label: "Canary v4 started at 10 % (stable v3)" },
      { at: at(10).toISOString(), canaryPercent: 25, label: "Canary share 10 % → 25 %" },
      { at: at(26).toISOString(), canaryPercent: 100, label: "Promoted v4 to 100 %" },
    ]);
  });

  it("a rollback is a step to 0; requests, approvals and failures are not steps", () => {
    const steps = buildTrafficSteps([
      event(1, "rollout.canary_started", { version: 3 }, { version: 4, canaryPercent: 20 }),
      event(2, "promotion.requested", null, { note: "ok" }),
      event(3, "rollout.promote_failed", null, { error: "x" }),
      event(4, "rollout.rolled_back", { phase: "canary" }, { canaryPercent: 0, version: 3, reason: "bad" }),
    ]);
    expect(steps.map((s) => [s.canaryPercent, s.label])).toEqual([
      [20, "Canary v4 started at 20 % (stable v3)"],
      [0, "Rolled back to v3"],
    ]);
  });

  it("skips a traffic event without a numeric share", () => {
    expect(buildTrafficSteps([event(1, "rollout.traffic_set", {}, { canaryPercent: null })])).toEqual([]);
  });
});
