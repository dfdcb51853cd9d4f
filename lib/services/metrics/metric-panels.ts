import { getPrometheusClient, promLabelNames, type TMetricPoint, type TPrometheusClient } from "@/lib/adapters/prometheus/client";
import { rangePlan, type TMetricsRange, type TQuerySpec, type TUnit } from "@/lib/adapters/prometheus/queries";

// A chart's data as pages see it: lines with points, or "unavailable" with the reason. Prometheus
// being down or slow is data here, never an exception.

export type TMetricLine = { name: string; labels: Record<string, string>; points: TMetricPoint[] };

export type TMetricPanel =
  | { key: string; title: string; unit: TUnit; state: "ok"; lines: TMetricLine[] }
  | { key: string; title: string; unit: TUnit; state: "unavailable"; reason: string };

export type TMetricWindow = { range: TMetricsRange; stepSec: number; startMs: number; endMs: number };

export function metricWindow(range: TMetricsRange, nowMs = Date.now()): TMetricWindow & { window: string } {
  const plan = rangePlan(range);
  // Aligned to the step, so refreshes reuse the same timestamps and lines do not wobble.
  const endMs = Math.floor(nowMs / (plan.stepSec * 1000)) * plan.stepSec * 1000;
  return { range, stepSec: plan.stepSec, startMs: endMs - plan.rangeSec * 1000, endMs, window: plan.window };
}

export function metricsClient(): { client: TPrometheusClient; labels: ReturnType<typeof promLabelNames> } {
  const client = getPrometheusClient();
  return { client, labels: promLabelNames(client.settings) };
}

/** Runs every spec as a range query, all in parallel. */
export async function runPanels(client: TPrometheusClient, specs: [string, TQuerySpec][], w: TMetricWindow): Promise<TMetricPanel[]> {
  return Promise.all(
    specs.map(async ([key, spec]): Promise<TMetricPanel> => {
      const result = await client.queryRange(spec.query, { startMs: w.startMs, endMs: w.endMs, stepSec: w.stepSec });
      if (!result.ok) return { key, title: spec.title, unit: spec.unit, state: "unavailable", reason: result.reason };
      const lines = result.data
        .map((s) => ({ name: (spec.seriesLabel && s.labels[spec.seriesLabel]) || spec.title, labels: s.labels, points: s.points.filter(([, v]) => Number.isFinite(v)) }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return { key, title: spec.title, unit: spec.unit, state: "ok", lines };
    }),
  );
}
