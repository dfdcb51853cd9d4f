// The rollout a deployment row records (Deployment.rollout, JSON): which version is the stable
// one and which the canary, and the revision that served 100 % before the canary started, so
// the cluster's revision names can be told apart as "stable" and "canary".

export type TRolloutVersion = { id: string; version: number; storageUri: string };

export type TRolloutPhase =
  /** The canary revision takes canaryTrafficPercent; the rest stays on the stable revision. */
  | "canary"
  /** canaryTrafficPercent removed: KServe's promotion rule made the canary the rolled-out revision. */
  | "promoted"
  /** Traffic pinned to the stable revision (during a canary), or back on the previous one (after a promotion). */
  | "rolled_back";

export type TRolloutState = {
  phase: TRolloutPhase;
  stable: TRolloutVersion;
  canary: TRolloutVersion;
  /** latestRolledoutRevision when the canary started: the revision the stable version runs as. */
  stableRevision: string | null;
  startedAt: string;
  /** The user who started the canary (may not approve its promotion). */
  startedById: string | null;
  startedByEmail: string;
  finishedAt: string | null;
};

export function rolloutOf(row: { rollout: unknown }): TRolloutState | null {
  const value = row.rollout as TRolloutState | null | undefined;
  return value && typeof value === "object" && "phase" in value ? value : null;
}

export const isCanaryLive = (rollout: TRolloutState | null): rollout is TRolloutState => rollout?.phase === "canary";
