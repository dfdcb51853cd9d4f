import { cn } from "@/components/ui/cn";
import { formatDelta, type TMetricDelta } from "@/lib/domain/models/metric-deltas";

const TREND_CLASS = {
  better: "text-emerald-700 dark:text-emerald-400",
  worse: "text-red-700 dark:text-red-400",
  same: "text-slate-500",
  new: "text-slate-500",
} as const;

/** A metric's value with its change since the previous version, green when better, red when worse. */
export function MetricDelta({ delta }: { delta: TMetricDelta | undefined }) {
  if (!delta) return <span className="text-slate-400">—</span>;
  return (
    <span className="whitespace-nowrap">
      <span className="font-mono">{formatMetric(delta.value)}</span>{" "}
      {delta.delta !== null ? (
        <span className={cn("text-xs font-medium", TREND_CLASS[delta.trend])} title={`${delta.trend} than the previous version (${formatMetric(delta.previous!)})`}>
          {delta.trend === "same" ? "±0" : formatDelta(delta.delta)}
          <span className="sr-only"> ({delta.trend})</span>
        </span>
      ) : null}
    </span>
  );
}

function formatMetric(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(4)).toString();
}
