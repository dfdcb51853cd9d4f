import { describe, expect, it } from "vitest";
import { compoundAlerts, mergeSignals, topBy } from "./alerts";

describe("compound alerts", () => {
  const signals = mergeSignals([
    { field: "p99Seconds", rows: [{ namespace: "a", name: "hot", value: 0.9 }, { namespace: "a", name: "cool", value: 0.2 }, { namespace: "b", name: "nan", value: NaN }] },
    { field: "gpuUtilPercent", rows: [{ namespace: "a", name: "hot", value: 91 }, { namespace: "a", name: "cool", value: 40 }, { namespace: "a", name: "idle", value: 3 }] },
    { field: "gpuUtilMaxHourPercent", rows: [{ namespace: "a", name: "hot", value: 97 }, { namespace: "a", name: "idle", value: 6 }] },
    { field: "errorRatio", rows: [{ namespace: "a", name: "hot", value: 0.01 }, { namespace: "a", name: "cool", value: 0.05 }] },
  ]);

  it("flags hot GPUs with p99 over the SLO, and GPUs idle for an hour", () => {
    const alerts = compoundAlerts(signals, [{ namespace: "a", name: "hot", p99LatencyMs: 500, errorRateRatio: 0.01 }, { namespace: "a", name: "cool", p99LatencyMs: 100, errorRateRatio: 0.01 }]);
    expect(alerts).toEqual([
      { kind: "hot-and-slow", namespace: "a", name: "hot", gpuUtilPercent: 91, p99Seconds: 0.9, sloP99Ms: 500 },
      { kind: "idle-gpus", namespace: "a", name: "idle", gpuUtilMaxHourPercent: 6 },
    ]);
  });

  it("needs an SLO for the latency half", () => {
    expect(compoundAlerts(signals, []).map((a) => a.kind)).toEqual(["idle-gpus"]);
  });

  it("ranks the top deployments and skips missing values", () => {
    expect(topBy(signals, "p99Seconds").map((s) => s.name)).toEqual(["hot", "cool"]);
    expect(topBy(signals, "errorRatio", 1).map((s) => s.name)).toEqual(["cool"]);
  });
});
