import type { TInferenceServiceState } from "@/lib/domain/deployments/types";
import type { TRolloutState } from "./rollout-state";

// Configured vs actual split of a Knative-mode canary. The configured share is the spec's
// canaryTrafficPercent; the actual one comes from status.components.predictor.traffic, where
// the "latest" entry resolves to the latest READY revision: until the canary revision is
// ready, KServe keeps sending its share to the old revision (STATUS.md §4.1).

export type TTrafficSplit = {
  configuredPercent: number | null;
  /** Shares per side as KServe reports them; null until the status lists any traffic. */
  actual: { canaryPercent: number; stablePercent: number } | null;
  canaryRevision: string | null;
  stableRevision: string | null;
  isCanaryReady: boolean;
  /** The configured and reported shares differ: KServe has not caught up yet. */
  isApplying: boolean;
};

export function configuredCanaryPercent(spec: Record<string, unknown>): number | null {
  const predictor = spec.predictor as { canaryTrafficPercent?: unknown } | undefined;
  return typeof predictor?.canaryTrafficPercent === "number" ? predictor.canaryTrafficPercent : null;
}

export function readTrafficSplit(isvc: TInferenceServiceState | null, rollout: TRolloutState | null): TTrafficSplit {
  const configuredPercent = isvc ? configuredCanaryPercent(isvc.spec) : null;
  if (!isvc) return { configuredPercent, actual: null, canaryRevision: null, stableRevision: null, isCanaryReady: false, isApplying: false };
  const { latestCreated, latestReady, latestRolledout } = isvc.revisions;
  const stableRevision = rollout?.stableRevision ?? latestRolledout;
  // The canary is the newest revision once one exists beside the stable one.
  const canaryRevision = latestCreated && stableRevision && latestCreated !== stableRevision ? latestCreated : null;
  const isCanaryReady = Boolean(canaryRevision && latestReady === canaryRevision);
  let actual: TTrafficSplit["actual"] = null;
  if (isvc.traffic.length) {
    const canaryPercent = canaryRevision ? isvc.traffic.filter((t) => t.revisionName === canaryRevision).reduce((n, t) => n + t.percent, 0) : 0;
    const total = isvc.traffic.reduce((n, t) => n + t.percent, 0);
    actual = { canaryPercent, stablePercent: total - canaryPercent };
  }
  const expected = configuredPercent ?? 100;
  const isApplying = Boolean(actual && isCanaryReady && actual.canaryPercent !== expected);
  return { configuredPercent, actual, canaryRevision, stableRevision, isCanaryReady, isApplying };
}
