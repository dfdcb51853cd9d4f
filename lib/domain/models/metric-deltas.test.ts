import { describe, expect, it } from "vitest";
import { computeMetricDeltas, formatDelta, isLowerBetter } from "./metric-deltas";

describe("metric deltas", () => {
  it("knows which way is better", () => {
    expect(isLowerBetter("rmse")).toBe(true);
    expect(isLowerBetter("latency_p95_ms")).toBe(true);
    expect(isLowerBetter("log_loss")).toBe(true);
    expect(isLowerBetter("hallucination_rate")).toBe(true);
    expect(isLowerBetter("ttft_p95_ms")).toBe(true);
    expect(isLowerBetter("precision_at_1pct_fpr")).toBe(false);
    expect(isLowerBetter("auc")).toBe(false);
    expect(isLowerBetter("ndcg_at_10")).toBe(false);
  });

  it("compares with the previous version, marking new metrics and unchanged ones", () => {
    const deltas = computeMetricDeltas({ auc: 0.93, rmse: 1.2, recall: 0.7, f1: 0.5 }, { auc: 0.91, rmse: 1.1, f1: 0.5 });
    expect(deltas).toEqual([
      { name: "auc", value: 0.93, previous: 0.91, delta: expect.closeTo(0.02, 10), trend: "better" },
      { name: "f1", value: 0.5, previous: 0.5, delta: 0, trend: "same" },
      { name: "recall", value: 0.7, previous: null, delta: null, trend: "new" },
      { name: "rmse", value: 1.2, previous: 1.1, delta: expect.closeTo(0.1, 10), trend: "worse" },
    ]);
  });

  it("has nothing to compare for a first version", () => {
    expect(computeMetricDeltas({ auc: 0.9 }, null)).toEqual([{ name: "auc", value: 0.9, previous: null, delta: null, trend: "new" }]);
  });

  it("formats signed deltas", () => {
    expect(formatDelta(0.0123456)).toBe("+0.0123");
    expect(formatDelta(-2.5)).toBe("−2.5");
    expect(formatDelta(-120.4)).toBe("−120");
  });
});
