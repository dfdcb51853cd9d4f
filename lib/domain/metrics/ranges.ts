// Chart ranges and units, shared by the metrics services and the chart components.

export type TUnit = "seconds" | "reqps" | "ratio" | "percent" | "mib" | "tokps" | "count";

export const RANGES = ["15m", "1h", "6h", "24h", "7d"] as const;
export type TMetricsRange = (typeof RANGES)[number];

const RANGE_SEC: Record<TMetricsRange, number> = { "15m": 900, "1h": 3600, "6h": 21_600, "24h": 86_400, "7d": 604_800 };
const NICE_STEPS = [15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600];

/** Step keeping every line under ~400 points (< 500 with both ends), and the rate window to go with it. */
export function rangePlan(range: TMetricsRange): { rangeSec: number; stepSec: number; window: string } {
  const rangeSec = RANGE_SEC[range];
  const stepSec = NICE_STEPS.find((s) => rangeSec / s <= 400) ?? 3600;
  // At least 4 scrapes of a 15 s interval; at least two steps so no sample falls between windows.
  const windowSec = Math.max(60, 2 * stepSec);
  return { rangeSec, stepSec, window: windowSec % 60 === 0 ? `${windowSec / 60}m` : `${windowSec}s` };
}
