import type { TMetrics } from "./model-fields";

// Metrics of a version compared with the previous one. Whether up is good depends on the
// metric: losses, errors and latencies should go down, scores (accuracy, AUC, F1, …) up.

const LOWER_IS_BETTER = /(loss|error|rmse|mse|mae|mape|latency|ttft|tpot|_ms$|perplexity|fpr|false_positive|hallucination|toxicity|wer|cer|brier|p\d\d)/i;

export type TMetricTrend = "better" | "worse" | "same" | "new";

export type TMetricDelta = { name: string; value: number; previous: number | null; delta: number | null; trend: TMetricTrend };

export function isLowerBetter(metric: string): boolean {
  // Only the measure itself counts: precision_at_1pct_fpr is a precision (higher is better).
  const measure = metric.split(/_at_|@/)[0]!;
  return LOWER_IS_BETTER.test(measure);
}

/** One entry per metric of `current`, sorted by name; `previous` null for a first version. */
export function computeMetricDeltas(current: TMetrics, previous: TMetrics | null): TMetricDelta[] {
  return Object.keys(current)
    .sort()
    .map((name) => {
      const value = current[name]!;
      const before = previous?.[name];
      if (before === undefined) return { name, value, previous: null, delta: null, trend: "new" as const };
      const delta = value - before;
      // Float noise (0.1 + 0.2) is not a change.
      const isSame = Math.abs(delta) < 1e-12;
      const improved = isLowerBetter(name) ? delta < 0 : delta > 0;
      return { name, value, previous: before, delta, trend: isSame ? ("same" as const) : improved ? ("better" as const) : ("worse" as const) };
    });
}

/** "+0.012", "−3.1" — signed, with as many decimals as the values need (at most 4). */
export function formatDelta(delta: number): string {
  const magnitude = Math.abs(delta);
  const digits = magnitude >= 100 ? 0 : magnitude >= 1 ? 2 : 4;
  const text = Number(magnitude.toFixed(digits)).toString();
  return `${delta < 0 ? "−" : "+"}${text}`;
}
