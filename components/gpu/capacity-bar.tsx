import type { TCapacityBar } from "@/lib/domain/gpu/capacity";
import { cn } from "@/components/ui/cn";
import { formatGpuCount } from "./format";

// The pool's GPUs as one bar: allocated (held by pods), free (on nodes that take new pods)
// and unavailable (on cordoned or NotReady nodes, or withheld as unhealthy).

export const SEGMENT_STYLES = {
  allocated: "bg-brand-600 dark:bg-brand-500",
  free: "bg-emerald-400 dark:bg-emerald-500",
  unavailable: "bg-slate-300 bg-[repeating-linear-gradient(45deg,transparent_0_3px,rgba(0,0,0,.12)_3px_6px)] dark:bg-slate-600",
} as const;

export function CapacityBar({ bar, unit = "GPUs", className }: { bar: TCapacityBar; unit?: string; className?: string }) {
  const total = Math.max(bar.total, bar.allocated + bar.free + bar.unavailable, 1e-9);
  const segments = (["allocated", "free", "unavailable"] as const).filter((key) => bar[key] > 0);
  const label = `${formatGpuCount(bar.allocated)} allocated, ${formatGpuCount(bar.free)} free, ${formatGpuCount(bar.unavailable)} unavailable ${unit}`;
  return (
    <div className={className}>
      <div role="img" aria-label={label} title={label} className="flex h-3 w-full overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" data-testid="capacity-bar">
        {segments.map((key) => (
          <div key={key} className={cn("h-full", SEGMENT_STYLES[key])} style={{ width: `${(bar[key] / total) * 100}%` }} />
        ))}
      </div>
      <CapacityLegend bar={bar} />
    </div>
  );
}

export function CapacityLegend({ bar }: { bar?: TCapacityBar }) {
  return (
    <ul className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
      {(["allocated", "free", "unavailable"] as const).map((key) => (
        <li key={key} className="flex items-center gap-1.5">
          <span aria-hidden className={cn("inline-block size-2.5 rounded-sm", SEGMENT_STYLES[key])} />
          {bar ? <span className="font-medium text-slate-800 tabular-nums dark:text-slate-200">{formatGpuCount(bar[key])}</span> : null}
          {key}
        </li>
      ))}
    </ul>
  );
}
