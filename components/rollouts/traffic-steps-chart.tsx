"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CANARY_COLOR } from "@/components/charts/format";
import type { TTrafficStep } from "@/lib/domain/rollouts/timeline";

// Loaded lazily by the rollout panel: recharts stays out of the page's first-load JS.

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
            <Line type="stepAfter" dataKey="percent" stroke={CANARY_COLOR} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

