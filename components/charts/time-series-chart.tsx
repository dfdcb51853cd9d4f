"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TUnit } from "@/lib/domain/metrics/ranges";
import { cn } from "@/components/ui/cn";
import { formatMetric, formatTick, formatTime, LINE_COLORS } from "./format";

export type TChartLine = { name: string; points: [number, number][]; color?: string; dashed?: boolean };

export type TTimeSeriesChartProps = {
  title: string;
  unit: TUnit;
  lines: TChartLine[];
  /** Set while the first answer is on its way. */
  isLoading?: boolean;
  /** "metrics unavailable, because …" */
  unavailableReason?: string;
  startMs: number;
  endMs: number;
  height?: number;
  className?: string;
};

/** A time-series line chart with units, tooltips, and loading / empty / unavailable states. */
export function TimeSeriesChart({ title, unit, lines, isLoading, unavailableReason, startMs, endMs, height = 200, className }: TTimeSeriesChartProps) {
  const hasPoints = lines.some((l) => l.points.length > 0);
  // recharts wants rows keyed by x; lines share the step grid of one range query.
  const rows = new Map<number, Record<string, number>>();
  lines.forEach((l, i) => {
    for (const [t, v] of l.points) {
      let row = rows.get(t);
      if (!row) rows.set(t, (row = { t }));
      row[`l${i}`] = v;
    }
  });
  const data = [...rows.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
  const span = endMs - startMs;
  const showDots = data.length <= 40;

  return (
    <figure className={cn("min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900", className)} data-testid="metric-chart" data-chart-title={title} data-state={unavailableReason ? "unavailable" : isLoading && !hasPoints ? "loading" : hasPoints ? "ok" : "empty"}>
      <figcaption className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-200">{title}</figcaption>
      <div style={{ height }} className="relative">
        {unavailableReason ? (
          <p role="status" className="flex h-full items-center justify-center px-4 text-center text-sm text-amber-700 dark:text-amber-400">
            Metrics unavailable: {unavailableReason}.
          </p>
        ) : isLoading && !hasPoints ? (
          <div role="status" aria-label={`Loading ${title}`} className="h-full animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
        ) : !hasPoints ? (
          <p role="status" className="flex h-full items-center justify-center text-sm text-slate-500 dark:text-slate-400">
            No data in this range.
          </p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" className="stroke-slate-200 dark:stroke-slate-700" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={[startMs, endMs]}
                tickFormatter={(v: number) => formatTime(v, span)}
                tick={{ fontSize: 11, fill: "currentColor" }}
                className="text-slate-500 dark:text-slate-400"
                minTickGap={40}
              />
              <YAxis width={64} tickFormatter={(v: number) => formatTick(unit, v)} tick={{ fontSize: 11, fill: "currentColor" }} className="text-slate-500 dark:text-slate-400" domain={unit === "percent" ? [0, 100] : [0, "auto"]} />
              <Tooltip
                labelFormatter={(v) => new Date(Number(v)).toLocaleString()}
                formatter={(v, name) => [formatMetric(unit, Number(v), true), String(name)]}
                contentStyle={{ fontSize: 12, borderRadius: 6 }}
                wrapperClassName="!bg-white dark:!bg-slate-900"
              />
              {lines.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
              {lines.map((l, i) => (
                <Line
                  key={l.name}
                  dataKey={`l${i}`}
                  name={l.name}
                  stroke={l.color ?? LINE_COLORS[i % LINE_COLORS.length]}
                  strokeDasharray={l.dashed ? "5 3" : undefined}
                  strokeWidth={1.8}
                  dot={showDots ? { r: 2 } : false}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
}
