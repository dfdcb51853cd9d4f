// Compound alerts of the on-call overview, from per-deployment signals and SLOs. Pure.

export const HOT_GPU_PERCENT = 85;
export const IDLE_GPU_PERCENT = 10;

export type TDeploymentKey = { namespace: string; name: string };

export type TDeploymentSignals = TDeploymentKey & {
  p99Seconds: number | null;
  errorRatio: number | null;
  gpuUtilPercent: number | null;
  /** Highest GPU utilization over the last hour. */
  gpuUtilMaxHourPercent: number | null;
};

export type TSloTarget = TDeploymentKey & { p99LatencyMs: number; errorRateRatio: number };

export type TCompoundAlert =
  | (TDeploymentKey & { kind: "hot-and-slow"; gpuUtilPercent: number; p99Seconds: number; sloP99Ms: number })
  | (TDeploymentKey & { kind: "idle-gpus"; gpuUtilMaxHourPercent: number });

const key = (d: TDeploymentKey) => `${d.namespace}/${d.name}`;

export function compoundAlerts(signals: readonly TDeploymentSignals[], slos: readonly TSloTarget[]): TCompoundAlert[] {
  const sloByKey = new Map(slos.map((s) => [key(s), s]));
  const out: TCompoundAlert[] = [];
  for (const s of signals) {
    const slo = sloByKey.get(key(s));
    if (slo && s.gpuUtilPercent !== null && s.p99Seconds !== null && s.gpuUtilPercent > HOT_GPU_PERCENT && s.p99Seconds * 1000 > slo.p99LatencyMs) {
      out.push({ kind: "hot-and-slow", namespace: s.namespace, name: s.name, gpuUtilPercent: s.gpuUtilPercent, p99Seconds: s.p99Seconds, sloP99Ms: slo.p99LatencyMs });
    }
    if (s.gpuUtilMaxHourPercent !== null && s.gpuUtilMaxHourPercent < IDLE_GPU_PERCENT) {
      out.push({ kind: "idle-gpus", namespace: s.namespace, name: s.name, gpuUtilMaxHourPercent: s.gpuUtilMaxHourPercent });
    }
  }
  return out.sort((a, b) => (a.kind === b.kind ? key(a).localeCompare(key(b)) : a.kind === "hot-and-slow" ? -1 : 1));
}

export function topBy<T extends TDeploymentSignals>(signals: readonly T[], field: "p99Seconds" | "errorRatio", n = 5): T[] {
  return signals
    .filter((s) => s[field] !== null && Number.isFinite(s[field]))
    .sort((a, b) => (b[field] ?? 0) - (a[field] ?? 0))
    .slice(0, n);
}

/** Joins per-deployment values from several queries into one signal row per deployment. */
export function mergeSignals(parts: { field: keyof Omit<TDeploymentSignals, "namespace" | "name">; rows: (TDeploymentKey & { value: number })[] }[]): TDeploymentSignals[] {
  const rows = new Map<string, TDeploymentSignals>();
  for (const part of parts) {
    for (const r of part.rows) {
      if (!Number.isFinite(r.value)) continue;
      let row = rows.get(key(r));
      if (!row) rows.set(key(r), (row = { namespace: r.namespace, name: r.name, p99Seconds: null, errorRatio: null, gpuUtilPercent: null, gpuUtilMaxHourPercent: null }));
      row[part.field] = r.value;
    }
  }
  return [...rows.values()].sort((a, b) => key(a).localeCompare(key(b)));
}
