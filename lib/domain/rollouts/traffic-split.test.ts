import { describe, expect, it } from "vitest";
import type { TInferenceServiceState, TTrafficTarget } from "@/lib/domain/deployments/types";
import type { TRolloutState } from "./rollout-state";
import { configuredCanaryPercent, readTrafficSplit } from "./traffic-split";

// The states of STATUS.md §4.3 (ISVC my-model): r1 = my-model-predictor-00001, r2 = …-00002.

const r1 = "my-model-predictor-00001";
const r2 = "my-model-predictor-00002";

type TRevisions = TInferenceServiceState["revisions"];

function isvc(options: { canary?: number; revisions: Partial<TRevisions>; traffic: TTrafficTarget[] }): TInferenceServiceState {
  const predictor: Record<string, unknown> = { model: { modelFormat: { name: "sklearn" }, storageUri: "s3://models/v2" } };
  if (options.canary !== undefined) predictor.canaryTrafficPercent = options.canary;
  return {
    namespace: "default",
    name: "my-model",
    uid: "uid",
    resourceVersion: "1",
    changeVersion: "cv",
    createdAt: null,
    isDeleting: false,
    labels: {},
    annotations: {},
    spec: { predictor },
    deploymentMode: "Knative",
    conditions: [],
    url: null,
    internalUrl: null,
    revisions: { latestCreated: null, latestReady: null, latestRolledout: null, previousRolledout: null, ...options.revisions },
    traffic: options.traffic,
    model: { transitionStatus: null, activeState: null, targetState: null, failure: null, readyCopies: null },
  };
}

const latest = (revisionName: string, percent: number): TTrafficTarget => ({ revisionName, percent, isLatest: true, tag: null, url: null });
const prev = (revisionName: string, percent: number): TTrafficTarget => ({ revisionName, percent, isLatest: false, tag: "prev", url: "http://prev-my-model-predictor.default.example.com" });

const rollout = (phase: TRolloutState["phase"] = "canary"): TRolloutState => ({
  phase,
  stable: { id: "v1", version: 1, storageUri: "s3://models/v1" },
  canary: { id: "v2", version: 2, storageUri: "s3://models/v2" },
  stableRevision: r1,
  startedAt: "2026-08-21T10:10:00Z",
  startedById: "u1",
  startedByEmail: "engineer@gantry.dev",
  finishedAt: null,
});

describe("configuredCanaryPercent", () => {
  it("reads spec.predictor.canaryTrafficPercent, or null without one", () => {
    expect(configuredCanaryPercent({ predictor: { canaryTrafficPercent: 20 } })).toBe(20);
    expect(configuredCanaryPercent({ predictor: { canaryTrafficPercent: 0 } })).toBe(0);
    expect(configuredCanaryPercent({ predictor: {} })).toBeNull();
    expect(configuredCanaryPercent({})).toBeNull();
  });
});

describe("readTrafficSplit", () => {
  it("step 2b, canary at 20 % and ready: r2 gets 20, r1 80", () => {
    const state = isvc({ canary: 20, revisions: { latestCreated: r2, latestReady: r2, latestRolledout: r1 }, traffic: [latest(r2, 20), prev(r1, 80)] });
    expect(readTrafficSplit(state, rollout())).toEqual({
      configuredPercent: 20,
      actual: { canaryPercent: 20, stablePercent: 80 },
      canaryRevision: r2,
      stableRevision: r1,
      isCanaryReady: true,
      isApplying: false,
    });
  });

  it("step 2a, canary not ready yet: the latest entry still resolves to r1, so the canary actually gets 0", () => {
    const state = isvc({ canary: 20, revisions: { latestCreated: r2, latestReady: r1, latestRolledout: r1 }, traffic: [latest(r1, 20), prev(r1, 80)] });
    const split = readTrafficSplit(state, rollout());
    expect(split).toMatchObject({ configuredPercent: 20, actual: { canaryPercent: 0, stablePercent: 100 }, canaryRevision: r2, stableRevision: r1, isCanaryReady: false });
    // Not "applying": KServe is waiting for the revision, not behind on the percent.
    expect(split.isApplying).toBe(false);
  });

  it("step 6, failed canary revision: same picture, all traffic on r1", () => {
    const state = isvc({ canary: 20, revisions: { latestCreated: r2, latestReady: r1, latestRolledout: r1 }, traffic: [latest(r1, 20), prev(r1, 80)] });
    expect(readTrafficSplit(state, rollout())).toMatchObject({ actual: { canaryPercent: 0, stablePercent: 100 }, isCanaryReady: false });
  });

  it("step 3 right after a percent change: the configured share leads the reported one (applying)", () => {
    const state = isvc({ canary: 50, revisions: { latestCreated: r2, latestReady: r2, latestRolledout: r1 }, traffic: [latest(r2, 20), prev(r1, 80)] });
    expect(readTrafficSplit(state, rollout())).toMatchObject({ configuredPercent: 50, actual: { canaryPercent: 20, stablePercent: 80 }, isApplying: true });
  });

  it("step 4, after promotion: 100 % on r2, the revision that was the canary", () => {
    const state = isvc({ revisions: { latestCreated: r2, latestReady: r2, latestRolledout: r2, previousRolledout: r1 }, traffic: [latest(r2, 100)] });
    expect(readTrafficSplit(state, rollout("promoted"))).toEqual({
      configuredPercent: null,
      actual: { canaryPercent: 100, stablePercent: 0 },
      canaryRevision: r2,
      stableRevision: r1,
      isCanaryReady: true,
      isApplying: false,
    });
  });

  it("step 5a, rollback during the canary: pinned, 0 % on r2 and 100 % on r1", () => {
    const state = isvc({ canary: 0, revisions: { latestCreated: r2, latestReady: r2, latestRolledout: r1 }, traffic: [latest(r2, 0), prev(r1, 100)] });
    expect(readTrafficSplit(state, rollout("rolled_back"))).toMatchObject({ configuredPercent: 0, actual: { canaryPercent: 0, stablePercent: 100 }, canaryRevision: r2, stableRevision: r1, isApplying: false });
  });

  it("step 5b, rollback after promotion: once the roll-back rule fired, 100 % on r1 again", () => {
    const state = isvc({ canary: 0, revisions: { latestCreated: r2, latestReady: r2, latestRolledout: r1, previousRolledout: r1 }, traffic: [latest(r2, 0), prev(r1, 100)] });
    expect(readTrafficSplit(state, rollout("rolled_back"))).toMatchObject({ actual: { canaryPercent: 0, stablePercent: 100 }, canaryRevision: r2, stableRevision: r1 });
  });

  it("step 1a, no traffic yet: the actual split is unknown (null), not 0", () => {
    const state = isvc({ revisions: { latestCreated: r1 }, traffic: [] });
    expect(readTrafficSplit(state, null)).toMatchObject({ configuredPercent: null, actual: null, stableRevision: null, isCanaryReady: false, isApplying: false });
  });

  it("step 1b without a rollout: one revision, everything is stable", () => {
    const state = isvc({ revisions: { latestCreated: r1, latestReady: r1, latestRolledout: r1 }, traffic: [latest(r1, 100)] });
    expect(readTrafficSplit(state, null)).toMatchObject({ canaryRevision: null, stableRevision: r1, actual: { canaryPercent: 0, stablePercent: 100 }, isCanaryReady: false });
  });

  it("without an InferenceService there is nothing to read", () => {
    expect(readTrafficSplit(null, rollout())).toEqual({ configuredPercent: null, actual: null, canaryRevision: null, stableRevision: null, isCanaryReady: false, isApplying: false });
  });
});
