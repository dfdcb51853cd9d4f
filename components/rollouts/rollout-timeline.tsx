"use client";

import { formatAge } from "@/components/gpu/format";
import { cn } from "@/components/ui/cn";
import type { TTimelineEntry } from "@/lib/domain/rollouts/timeline";

const TONE_DOT: Record<TTimelineEntry["tone"], string> = {
  info: "bg-brand-500",
  good: "bg-emerald-500",
  bad: "bg-red-500",
  warn: "bg-amber-500",
};

/** Who did what, newest first. */
export function RolloutTimeline({ entries, nowMs }: { entries: TTimelineEntry[]; nowMs: number }) {
  if (!entries.length) return <p className="text-sm text-slate-500">No rollout steps yet.</p>;
  return (
    <ol className="space-y-2 text-sm" data-testid="rollout-timeline">
      {entries.map((e) => (
        <li key={e.id} className="flex gap-3">
          <span className={cn("mt-1.5 size-2 shrink-0 rounded-full", TONE_DOT[e.tone])} aria-hidden />
          <div className="min-w-0">
            <p>
              <span className="font-medium">{e.title}</span> <span className="text-xs text-slate-500">by {e.actor}, {formatAge(e.at, nowMs)}</span>
            </p>
            {e.detail ? <p className="break-words text-slate-600 dark:text-slate-400">“{e.detail}”</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
