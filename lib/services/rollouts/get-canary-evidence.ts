import { canaryQueries, type TCanaryQueryKey } from "@/lib/adapters/prometheus/queries";
import type { TMetricPoint } from "@/lib/adapters/prometheus/client";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { judgeCanary, VERDICT_METHOD_NOTES, type TCanaryVerdict, type TMatchedWindow } from "@/lib/domain/rollouts/canary-verdict";
import { promotionRequirements, type TRequirement } from "@/lib/domain/rollouts/promotion-policy";
import { isCanaryLive, rolloutOf } from "@/lib/domain/rollouts/rollout-state";
import { readTrafficSplit } from "@/lib/domain/rollouts/traffic-split";
import { getDeploymentRowOrThrow } from "@/lib/services/deployments/deployment-views";
import { objectKeyOf, readServingIndex } from "@/lib/services/deployments/read-serving";
import { metricsClient } from "@/lib/services/metrics/metric-panels";
import { getEnvironmentPolicy } from "./environment-policies";

// Canary vs stable over the canary's lifetime, from Prometheus: request and error counts,
// p50/p95/p99, requests/s and GPU utilization per revision, the p95 of each matched window,
// and the verdict computed from them (lib/domain/rollouts/canary-verdict.ts). Prometheus
// being unreachable is data ({ ok: false, reason }), so rollback and the rest of the page
// never depend on it.

export type TRevisionStats = {
  revision: string;
  requests: number | null;
  errors: number | null;
  errorRate: number | null;
  p50Seconds: number | null;
  p95Seconds: number | null;
  p99Seconds: number | null;
  requestsPerSecond: number | null;
  gpuUtilPercent: number | null;
};

export type TEvidenceLine = { revision: string; side: "canary" | "stable"; points: TMetricPoint[] };

export type TCanaryEvidence =
  | {
      ok: true;
      fromMs: number;
      toMs: number;
      stepSec: number;
      canary: TRevisionStats;
      stable: TRevisionStats;
      verdict: TCanaryVerdict;
      series: { p95: TEvidenceLine[]; errorRate: TEvidenceLine[]; requestRate: TEvidenceLine[] };
    }
  | { ok: false; fromMs: number; toMs: number; reason: string };

const MAX_POINTS = 240;

/** "37m", "2h" … as a PromQL duration of whole seconds (at least one minute). */
const duration = (seconds: number) => `${Math.max(60, Math.round(seconds))}s`;

export async function getCanaryEvidence(target: { namespace: string; name: string; canaryRevision: string | null; stableRevision: string | null; startedAt: Date }, nowMs = Date.now()): Promise<TCanaryEvidence> {
  const fromMs = target.startedAt.getTime();
  const toMs = Math.max(nowMs, fromMs + 60_000);
  if (!target.canaryRevision || !target.stableRevision) return { ok: false, fromMs, toMs, reason: "The canary revision has not been created yet." };
  const lifetimeSec = (toMs - fromMs) / 1000;
  const stepSec = Math.max(60, Math.ceil(lifetimeSec / MAX_POINTS / 60) * 60);
  const { client, labels } = metricsClient();
  const specs = canaryQueries(target, duration(lifetimeSec), duration(stepSec), labels);
  const instant = async (key: TCanaryQueryKey) => {
    const result = await client.query(specs[key].query, toMs);
    if (!result.ok) return result;
    const byRevision = new Map(result.data.map((s) => [s.labels.revision_name ?? "", s.points[0]?.[1] ?? NaN]));
    return { ok: true as const, data: byRevision };
  };
  const range = async (key: TCanaryQueryKey) => {
    const result = await client.queryRange(specs[key].query, { startMs: fromMs, endMs: toMs, stepSec });
    if (!result.ok) return result;
    return { ok: true as const, data: new Map(result.data.map((s) => [s.labels.revision_name ?? "", s.points.filter(([, v]) => Number.isFinite(v))])) };
  };
  const [requests, errors, p50, p95, p99, gpu, windows, errorSeries, rateSeries] = await Promise.all([
    instant("requests"),
    instant("errors"),
    instant("p50"),
    instant("p95"),
    instant("p99"),
    instant("gpuUtil"),
    range("p95Windows"),
    range("errorRatioSeries"),
    range("requestRateSeries"),
  ]);
  // Counts are what the verdict needs; without them there is no evidence to show.
  if (!requests.ok) return { ok: false, fromMs, toMs, reason: requests.reason };
  if (!errors.ok) return { ok: false, fromMs, toMs, reason: errors.reason };
  const finite = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : null);
  const stats = (revision: string): TRevisionStats => {
    const n = finite(requests.data.get(revision));
    const e = finite(errors.data.get(revision)) ?? (n !== null ? 0 : null);
    const pick = (r: typeof p50) => (r.ok ? finite(r.data.get(revision)) : null);
    return {
      revision,
      requests: n,
      errors: e,
      errorRate: n && e !== null ? e / n : null,
      p50Seconds: pick(p50),
      p95Seconds: pick(p95),
      p99Seconds: pick(p99),
      requestsPerSecond: n !== null ? n / lifetimeSec : null,
      gpuUtilPercent: pick(gpu),
    };
  };
  const canary = stats(target.canaryRevision);
  const stable = stats(target.stableRevision);
  const matched: TMatchedWindow[] = [];
  if (windows.ok) {
    const stableByTime = new Map(windows.data.get(target.stableRevision) ?? []);
    for (const [t, canaryP95] of windows.data.get(target.canaryRevision) ?? []) {
      const stableP95 = stableByTime.get(t);
      if (stableP95 !== undefined) matched.push({ canaryP95, stableP95 });
    }
  }
  const verdict = judgeCanary({
    // Prometheus' increase() extrapolates, so counts are fractional; the table divides the same numbers.
    canary: { requests: canary.requests ?? 0, errors: canary.errors ?? 0 },
    stable: { requests: stable.requests ?? 0, errors: stable.errors ?? 0 },
    p95Windows: matched,
  });
  const lines = (r: typeof windows): TEvidenceLine[] =>
    r.ok
      ? [
          { revision: target.stableRevision!, side: "stable", points: r.data.get(target.stableRevision!) ?? [] },
          { revision: target.canaryRevision!, side: "canary", points: r.data.get(target.canaryRevision!) ?? [] },
        ]
      : [];
  return { ok: true, fromMs, toMs, stepSec, canary, stable, verdict, series: { p95: lines(windows), errorRate: lines(errorSeries), requestRate: lines(rateSeries) } };
}

export type TCanaryEvidenceView = { evidence: TCanaryEvidence | null; requirements: TRequirement[]; methodNotes: string[] };

/** The deployment page's evidence panel: the comparison and what promotion still waits for. */
export async function getDeploymentCanaryEvidence(actor: TActor | null, namespace: string, name: string): Promise<TCanaryEvidenceView> {
  requirePermission(actor, "fleet.view");
  const row = await getDeploymentRowOrThrow(namespace, name);
  const rollout = rolloutOf(row);
  if (!rollout) return { evidence: null, requirements: [], methodNotes: VERDICT_METHOD_NOTES };
  const [index, policy] = await Promise.all([readServingIndex(), getEnvironmentPolicy(row.environment)]);
  const split = readTrafficSplit(index.isvcByKey.get(objectKeyOf(namespace, name)) ?? null, rollout);
  const startedAt = new Date(rollout.startedAt);
  const endMs = rollout.finishedAt ? new Date(rollout.finishedAt).getTime() : Date.now();
  const evidence = await getCanaryEvidence({ namespace, name, canaryRevision: split.canaryRevision, stableRevision: split.stableRevision, startedAt }, endMs);
  const requirements = isCanaryLive(rollout) ? promotionRequirements(policy, { startedAt, requests: evidence.ok ? evidence.canary.requests : null, isReady: split.isCanaryReady }, new Date()) : [];
  return { evidence, requirements, methodNotes: VERDICT_METHOD_NOTES };
}
