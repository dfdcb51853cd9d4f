import type { TUnit } from "@/lib/domain/metrics/ranges";

// Units of the metric charts: axis ticks short, tooltips a little more precise.

function trim(v: number, digits: number): string {
  return Number(v.toFixed(digits)).toString();
}

/** Axis ticks: the same numbers, without a long unit suffix, so they fit the axis. */
export function formatTick(unit: TUnit, v: number): string {
  if (unit === "reqps" || unit === "tokps") return `${trim(v, v < 10 ? 1 : 0)}/s`;
  return formatMetric(unit, v);
}

export function formatMetric(unit: TUnit, v: number, precise = false): string {
  if (!Number.isFinite(v)) return "–";
  switch (unit) {
    case "seconds":
      if (v < 1) return `${trim(v * 1000, precise || v < 0.01 ? 1 : 0)} ms`;
      return `${trim(v, precise ? 2 : 1)} s`;
    case "reqps":
      return `${trim(v, v < 10 || precise ? 2 : 0)} req/s`;
    case "tokps":
      return `${trim(v, v < 10 ? 1 : 0)} tok/s`;
    case "ratio":
      return `${trim(v * 100, precise || v < 0.1 ? 2 : 1)} %`;
    case "percent":
      return `${trim(v, precise ? 1 : 0)} %`;
    case "mib":
      return v >= 1024 ? `${trim(v / 1024, 1)} GiB` : `${trim(v, 0)} MiB`;
    case "count":
      return trim(v, precise ? 1 : 0);
  }
}

export function formatTime(ms: number, spanMs: number): string {
  const d = new Date(ms);
  if (spanMs > 2 * 86_400_000) return d.toLocaleDateString(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });
  return d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

/** Colors that read on white and on slate-900. */
/** The stable and canary revision in every chart, matching the traffic split bars (brand blue, violet-500). */
export const STABLE_COLOR = "#2f6fed";
export const CANARY_COLOR = "#8b5cf6";

export const LINE_COLORS = ["#2f6fed", "#e8590c", "#0ca678", "#ae3ec9", "#f59f00", "#e03131", "#1098ad", "#74b816"];
