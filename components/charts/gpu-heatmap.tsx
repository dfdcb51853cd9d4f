"use client";

import { formatTime } from "./format";

export type TGpuHeatmapRow = { id: string; label: string; points: [number, number][] };

const BUCKETS = 48;

/** Utilization 0–100 → a blue scale that reads in both themes (idle is faint, busy is strong). */
function color(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return "transparent";
  const x = Math.max(0, Math.min(100, v)) / 100;
  return `hsl(${220 - 200 * x}deg 85% ${62 - 18 * x}% / ${0.18 + 0.82 * x})`;
}

/** One row per GPU, one cell per time slice, colored by utilization; title attributes as tooltips. */
export function GpuHeatmap({ rows, startMs, endMs, unavailableReason, isLoading }: { rows: TGpuHeatmapRow[]; startMs: number; endMs: number; unavailableReason?: string; isLoading?: boolean }) {
  const span = Math.max(1, endMs - startMs);
  const cells = rows.map((r) => {
    const sums = new Array<number>(BUCKETS).fill(0);
    const counts = new Array<number>(BUCKETS).fill(0);
    for (const [t, v] of r.points) {
      const i = Math.min(BUCKETS - 1, Math.max(0, Math.floor(((t - startMs) / span) * BUCKETS)));
      sums[i]! += v;
      counts[i]! += 1;
    }
    return sums.map((s, i) => (counts[i] ? s / counts[i]! : undefined));
  });
  return (
    <figure className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid="gpu-heatmap" data-state={unavailableReason ? "unavailable" : rows.length ? "ok" : isLoading ? "loading" : "empty"}>
      <figcaption className="mb-2 flex items-center justify-between text-sm font-medium text-slate-700 dark:text-slate-200">
        <span>Utilization per GPU</span>
        <span className="flex items-center gap-1 text-xs font-normal text-slate-500 dark:text-slate-400">
          0 %
          <span className="inline-block h-2 w-24 rounded" style={{ background: `linear-gradient(to right, ${color(0)}, ${color(50)}, ${color(100)})` }} />
          100 %
        </span>
      </figcaption>
      {unavailableReason ? (
        <p role="status" className="py-8 text-center text-sm text-amber-700 dark:text-amber-400">Metrics unavailable: {unavailableReason}.</p>
      ) : rows.length === 0 ? (
        <p role="status" className="py-8 text-center text-sm text-slate-500 dark:text-slate-400">{isLoading ? "Loading…" : "No GPU data in this range."}</p>
      ) : (
        <div className="max-h-96 overflow-y-auto">
          {rows.map((r, ri) => (
            <div key={r.id} className="flex items-center gap-2">
              <span className="w-40 shrink-0 truncate text-right font-mono text-[11px] text-slate-500 dark:text-slate-400" title={r.label}>
                {r.label}
              </span>
              <div className="grid h-3.5 flex-1 gap-px" style={{ gridTemplateColumns: `repeat(${BUCKETS}, minmax(0, 1fr))` }}>
                {cells[ri]!.map((v, i) => (
                  <span key={i} style={{ background: color(v) }} title={`${r.label} · ${formatTime(startMs + (i * span) / BUCKETS, span)} · ${v === undefined ? "no data" : `${Math.round(v)} %`}`} />
                ))}
              </div>
            </div>
          ))}
          <div className="ml-42 mt-1 flex justify-between pl-40 text-[11px] text-slate-500 dark:text-slate-400">
            <span>{formatTime(startMs, span)}</span>
            <span>{formatTime(endMs, span)}</span>
          </div>
        </div>
      )}
    </figure>
  );
}


