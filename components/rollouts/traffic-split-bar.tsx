import { cn } from "@/components/ui/cn";

/** Canary on the left, stable on the right, everywhere (the slider's value is the canary share). */
export const CANARY_FILL = "bg-violet-500 dark:bg-violet-400";
export const STABLE_FILL = "bg-brand-600 dark:bg-brand-500";

export type TTrafficSplitBarProps = {
  label: string;
  canaryPercent: number;
  stablePercent: number;
  canaryName: string;
  stableName: string;
  note?: string;
};

export function describeSplit(canaryPercent: number, stablePercent: number, canaryName: string, stableName: string): string {
  return `${canaryPercent} % to canary ${canaryName}, ${stablePercent} % to stable ${stableName}`;
}

/** A horizontal stacked bar of the traffic split between the canary and the stable revision. */
export function TrafficSplitBar({ label, canaryPercent, stablePercent, canaryName, stableName, note }: TTrafficSplitBarProps) {
  // Widths follow the two shares even when they do not add up to 100 (e.g. a third traffic target).
  const total = Math.max(0, canaryPercent) + Math.max(0, stablePercent);
  const canaryWidth = total > 0 ? (Math.max(0, canaryPercent) / total) * 100 : 0;
  const stableWidth = total > 0 ? 100 - canaryWidth : 0;
  const description = `${label}: ${describeSplit(canaryPercent, stablePercent, canaryName, stableName)}${note ? `. ${note}` : ""}`;

  return (
    <div role="img" aria-label={description} className="min-w-0 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</p>
      <div className="flex h-3 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
        {canaryWidth > 0 ? <div className={cn("h-full transition-[width]", CANARY_FILL)} style={{ width: `${canaryWidth}%` }} /> : null}
        {stableWidth > 0 ? (
          <div className={cn("h-full transition-[width]", STABLE_FILL, canaryWidth > 0 && "border-l-2 border-white dark:border-slate-900")} style={{ width: `${stableWidth}%` }} />
        ) : null}
      </div>
      <div className="mt-2 flex flex-wrap justify-between gap-x-3 gap-y-1 text-xs">
        <Legend dot={CANARY_FILL} role="canary" name={canaryName} percent={canaryPercent} />
        <Legend dot={STABLE_FILL} role="stable" name={stableName} percent={stablePercent} />
      </div>
      {note ? <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{note}</p> : null}
    </div>
  );
}

function Legend({ dot, role, name, percent, className }: { dot: string; role: string; name: string; percent: number; className?: string }) {
  return (
    <span className={cn("flex min-w-0 items-center gap-1.5", className)}>
      <span aria-hidden className={cn("size-2 shrink-0 rounded-full", dot)} />
      <span className="truncate text-slate-600 dark:text-slate-400" title={`${role} ${name}`}>
        {role} {name}
      </span>
      <span className="-ml-0.5 shrink-0 font-medium tabular-nums text-slate-900 dark:text-slate-100">· {percent} %</span>
    </span>
  );
}
