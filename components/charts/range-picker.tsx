"use client";

import { RANGES, type TMetricsRange } from "@/lib/domain/metrics/ranges";
import { cn } from "@/components/ui/cn";

export function RangePicker({ value, onChange }: { value: TMetricsRange; onChange: (r: TMetricsRange) => void }) {
  return (
    <div role="radiogroup" aria-label="Time range" className="inline-flex rounded-md border border-slate-200 bg-white p-0.5 dark:border-slate-700 dark:bg-slate-900">
      {RANGES.map((r) => (
        <button
          key={r}
          type="button"
          role="radio"
          aria-checked={r === value}
          onClick={() => onChange(r)}
          className={cn("rounded px-2.5 py-1 text-xs font-medium", r === value ? "bg-brand-600 text-white" : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800")}
        >
          {r}
        </button>
      ))}
    </div>
  );
}
