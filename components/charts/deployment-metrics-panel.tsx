"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { metricsRuntimeOf } from "@/lib/adapters/prometheus/queries";
import type { TMetricsRange } from "@/lib/domain/metrics/ranges";
import type { TMetricPanel } from "@/lib/services/metrics/metric-panels";
import { deploymentMetricsQuery } from "./metrics-queries";
import { CANARY_COLOR, STABLE_COLOR } from "./format";
import { RangePicker } from "./range-picker";
import type { TChartLine } from "./time-series-chart";
import { TimeSeriesChart } from "./lazy-time-series-chart";

export type TPanelRevision = { name: string; role: "stable" | "canary" | string; percent?: number | null };

export type TDeploymentMetricsPanelProps = {
  namespace: string;
  name: string;
  /** ServingRuntime name (kserve-vllmserver …) or a runtime family (kserve | vllm | triton). */
  runtime: string;
  /** Revisions with their role, to name the lines "stable" and "canary". */
  revisions: TPanelRevision[];
  initialRange?: TMetricsRange;
};

const ORDER: string[] = ["latencyP50", "latencyP95", "latencyP99", "requestRate", "errorRatio", "tokensPerSec", "ttftP95", "queueDepth", "gpuUtil", "gpuMemory"];

function lineName(raw: string, revisions: TPanelRevision[]): { name: string; color?: string; dashed?: boolean } {
  const rev = revisions.find((r) => r.name === raw);
  // A revision that no longer takes traffic still has its history in the range.
  if (!rev) return { name: /-(\d{5})$/.test(raw) ? `retired (${raw.slice(-5)})` : raw, color: "#94a3b8" };
  const short = raw.match(/-(\d{5})$/)?.[1] ?? raw;
  const pct = rev.percent !== undefined && rev.percent !== null ? ` ${rev.percent} %` : "";
  return { name: `${rev.role} (${short})${pct}`, color: rev.role === "canary" ? CANARY_COLOR : rev.role === "stable" ? STABLE_COLOR : undefined, dashed: rev.role === "canary" };
}

function toLines(panel: TMetricPanel | undefined, revisions: TPanelRevision[]): TChartLine[] {
  if (!panel || panel.state !== "ok") return [];
  return panel.lines.map((l) => ({ ...lineName(l.name, revisions), points: l.points }));
}

/** A deployment's metrics: latency p50/p95/p99, requests/s and errors per revision, GPU per pod, LLM panels. */
export function DeploymentMetricsPanel({ namespace, name, runtime, revisions, initialRange = "1h" }: TDeploymentMetricsPanelProps) {
  const [range, setRange] = useState<TMetricsRange>(initialRange);
  const family = runtime === "kserve" || runtime === "vllm" || runtime === "triton" ? runtime : metricsRuntimeOf(runtime);
  const { data, error, isPending } = useQuery({ ...deploymentMetricsQuery(namespace, name, family, range), placeholderData: keepPreviousData });
  const panels = new Map((data?.panels ?? []).map((p) => [p.key, p]));
  // A deployment without GPUs has no GPU series: its GPU panels are left out rather than empty.
  const holdsGpus = ["gpuUtil", "gpuMemory"].some((k) => { const p = panels.get(k); return p?.state !== "ok" || p.lines.length > 0; });
  const keys = data ? ORDER.filter((k) => panels.has(k) && (holdsGpus || !k.startsWith("gpu"))) : family === "vllm" ? ORDER : ORDER.filter((k) => !["tokensPerSec", "ttftP95", "queueDepth"].includes(k));
  const [now] = useState(() => Date.now());
  const startMs = data?.startMs ?? now - 3_600_000;
  const endMs = data?.endMs ?? now;
  const fallbackTitle: Record<string, string> = { latencyP50: "Latency p50", latencyP95: "Latency p95", latencyP99: "Latency p99", requestRate: "Requests/s", errorRatio: "Error rate", gpuUtil: "GPU utilization", gpuMemory: "GPU memory used", tokensPerSec: "Generated tokens/s", ttftP95: "Time to first token p95", queueDepth: "Queued requests" };

  return (
    <section aria-label="Metrics" className="space-y-3" data-testid="deployment-metrics">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold">Metrics</h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      {error ? <p className="text-sm text-amber-700 dark:text-amber-400">Metrics unavailable: {error.message}</p> : null}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3">
        {keys.map((key) => {
          const p = panels.get(key);
          return (
            <TimeSeriesChart
              key={key}
              title={p?.title ?? fallbackTitle[key] ?? key}
              unit={p?.unit ?? "count"}
              lines={toLines(p, revisions)}
              isLoading={isPending}
              unavailableReason={p?.state === "unavailable" ? p.reason : error ? error.message : undefined}
              startMs={startMs}
              endMs={endMs}
            />
          );
        })}
      </div>
    </section>
  );
}
