"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAge } from "@/components/gpu/format";
import { cn } from "@/components/ui/cn";
import type { TTimelineEntry, TTrafficStep } from "@/lib/domain/rollouts/timeline";

const TONE_DOT: Record<TTimelineEntry["tone"], string> = {
  info: "bg-brand-500",
  good: "bg-emerald-500",
  bad: "bg-red-500",
  warn: "bg-amber-500",
};

const time = (ms: number) => new Date(ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/** The canary's share after each step, as a step line from the start to now. */
export function TrafficStepsChart({ steps, nowMs }: { steps: TTrafficStep[]; nowMs: number }) {
  if (steps.length === 0) return null;
  const data = [...steps.map((s) => ({ t: new Date(s.at).getTime(), percent: s.canaryPercent, label: s.label })), { t: Math.max(nowMs, new Date(steps.at(-1)!.at).getTime()), percent: steps.at(-1)!.canaryPercent, label: "now" }];
  return (
    <figure className="min-w-0" aria-label={`Canary share over time: ${steps.map((s) => `${s.canaryPercent} %`).join(", ")}`}>
      <figcaption className="mb-1 text-xs font-medium text-slate-500">Canary share over time</figcaption>
      <div style={{ height: 140 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" className="text-slate-200 dark:text-slate-800" />
            <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={time} tick={{ fontSize: 11 }} stroke="currentColor" className="text-slate-500" />
            <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 11 }} stroke="currentColor" className="text-slate-500" />
            <Tooltip labelFormatter={(v) => time(Number(v))} formatter={(v) => [`${String(v)} %`, "canary share"]} />
            <Line type="stepAfter" dataKey="percent" stroke="#7c3aed" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

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
