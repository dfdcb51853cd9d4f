"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { TMetricsRange } from "@/lib/domain/metrics/ranges";
import { GpuHeatmap } from "./gpu-heatmap";
import { gpuPoolMetricsQuery } from "./metrics-queries";
import { RangePicker } from "./range-picker";
import { TimeSeriesChart } from "./lazy-time-series-chart";

/** A pool's GPU utilization over time and a per-GPU heatmap, refreshing while open. */
export function GpuPoolMetricsPanel({ pool, initialRange = "6h" }: { pool: string; initialRange?: TMetricsRange }) {
  const [range, setRange] = useState<TMetricsRange>(initialRange);
  const { data, error, isPending } = useQuery({ ...gpuPoolMetricsQuery(pool, range), placeholderData: keepPreviousData });
  const util = data?.panels.find((p) => p.key === "poolUtil");
  const heat = data?.panels.find((p) => p.key === "gpuHeatmap");
  const [now] = useState(() => Date.now());
  const startMs = data?.startMs ?? now - 6 * 3_600_000;
  const endMs = data?.endMs ?? now;
  const rows =
    heat?.state === "ok"
      ? heat.lines
          .map((l) => {
            const host = Object.entries(l.labels).find(([k]) => k !== "gpu")?.[1] ?? "";
            return { id: `${host}/${l.labels.gpu}`, label: `${host.replace(/^gke-[^-]+-/, "")} · GPU ${l.labels.gpu ?? "?"}`, points: l.points };
          })
          .sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }))
      : [];
  const reason = error?.message ?? (util?.state === "unavailable" ? util.reason : undefined);
  return (
    <section aria-label="GPU utilization" className="space-y-3" data-testid="pool-metrics">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold">GPU utilization</h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <TimeSeriesChart title="Average GPU utilization" unit="percent" lines={util?.state === "ok" ? util.lines.map((l) => ({ name: "pool average", points: l.points })) : []} isLoading={isPending} unavailableReason={reason} startMs={startMs} endMs={endMs} />
      <GpuHeatmap rows={rows} startMs={startMs} endMs={endMs} isLoading={isPending} unavailableReason={heat?.state === "unavailable" ? heat.reason : reason} />
    </section>
  );
}
