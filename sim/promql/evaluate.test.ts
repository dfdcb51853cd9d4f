import { describe, expect, it } from "vitest";
import { bucketQuantile, extrapolatedRate, type SeriesSource, summarize } from "./evaluate";
import { instantQuery, rangeQuery } from "./api";

// Hand-computed expectations for the evaluator, on a storage with a 10 s sample grid.

const T = 1_000_000_000; // ms, a multiple of the grid
const series = (labels: Record<string, string>, value: (t: number) => number, monotonic = false): SeriesSource => ({ labels, startMs: 0, endMs: undefined, value, monotonic });

const store = (list: SeriesSource[]) => ({ series: () => list, intervalMs: 10_000, nowMs: T });

// http_requests: a counter growing 2/s on pod a, 4/s on pod b.
const counters = [
  series({ __name__: "reqs_total", job: "api", pod: "a", code: "200" }, (t) => (t / 1000) * 2, true),
  series({ __name__: "reqs_total", job: "api", pod: "b", code: "200" }, (t) => (t / 1000) * 4, true),
  series({ __name__: "reqs_total", job: "api", pod: "b", code: "500" }, (t) => (t / 1000) * 1),
];
const q = (expr: string, list = counters) => {
  const r = instantQuery(store(list), expr, T).body as { status: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] }; error?: string };
  return r;
};
const values = (expr: string, list = counters) =>
  Object.fromEntries((q(expr, list).data?.result ?? []).map((s) => [JSON.stringify(s.metric), Number(s.value[1])]));

describe("rate and increase", () => {
  it("extrapolates to the window edges like Prometheus", () => {
    // Samples at 10 s spacing, window 60 s (left-open): 6 samples at T-50 … T. Sampled interval 50 s,
    // gap to the start 10 s < 1.1 × 10 s → extrapolated to 60 s. Increase 2/s × 50 s × 60/50 = 120.
    expect(values("increase(reqs_total{pod=\"a\"}[1m])")[JSON.stringify({ job: "api", pod: "a", code: "200" })]).toBeCloseTo(120, 9);
    expect(values("rate(reqs_total{pod=\"a\"}[1m])")[JSON.stringify({ job: "api", pod: "a", code: "200" })]).toBeCloseTo(2, 10);
  });

  it("the monotonic shortcut agrees with the full sample walk", () => {
    const a = values("rate(reqs_total{code=\"200\"}[5m])");
    const b = values("rate(reqs_total{code=\"200\"}[5m])", counters.map((s) => ({ ...s, monotonic: false })));
    expect(a).toEqual(b);
  });

  it("handles counter resets and the zero point", () => {
    // 0,10,20,5,15 at 10 s spacing: resets add 20 → increase 35 over 40 s.
    const pts = [0, 10, 20, 5, 15].map((v, i) => ({ t: i * 10_000, v }));
    const w = summarize(pts)!;
    expect(w.resets).toBe(20);
    // Window (−10 s, 40 s]: duration to start 10 s, but zero point is 40 × 0/35 = 0 s → no extension at start; end 0.
    expect(extrapolatedRate(w, -10_000, 40_000, true, false)).toBeCloseTo(35, 10);
  });

  it("irate uses the last two samples", () => {
    expect(Object.values(values("irate(reqs_total{pod=\"b\",code=\"500\"}[1m])"))[0]).toBeCloseTo(1, 10);
  });
});

describe("aggregation and matching", () => {
  it("sum by / without, count, max, avg", () => {
    expect(values("sum by (job) (rate(reqs_total[1m]))")[JSON.stringify({ job: "api" })]).toBeCloseTo(7, 10);
    expect(values("count without (code) (reqs_total)")).toEqual({ [JSON.stringify({ job: "api", pod: "a" })]: 1, [JSON.stringify({ job: "api", pod: "b" })]: 2 });
    expect(values("max(rate(reqs_total[1m]))")[JSON.stringify({})]).toBeCloseTo(4, 10);
    expect(values("avg(rate(reqs_total[1m]))")[JSON.stringify({})]).toBeCloseTo(7 / 3, 10);
  });

  it("error ratio with on() and ignoring()", () => {
    const r = values('sum by (pod) (rate(reqs_total{code="500"}[1m])) / on (pod) sum by (pod) (rate(reqs_total[1m]))');
    expect(r[JSON.stringify({ pod: "b" })]).toBeCloseTo(1 / 5, 10);
    expect(r[JSON.stringify({ pod: "a" })]).toBeUndefined();
    const i = values('rate(reqs_total{code="500"}[1m]) / ignoring (code) rate(reqs_total{code="200"}[1m])');
    expect(i[JSON.stringify({ job: "api", pod: "b" })]).toBeCloseTo(1 / 4, 10);
  });

  it("group_left copies labels from the one side", () => {
    const info = [...counters, series({ __name__: "pod_info", pod: "b", node: "n1" }, () => 1), series({ __name__: "pod_info", pod: "a", node: "n2" }, () => 1)];
    const r = values('reqs_total * on (pod) group_left (node) pod_info', info);
    expect(Object.keys(r).map((k) => JSON.parse(k).node).sort()).toEqual(["n1", "n1", "n2"]);
  });

  it("refuses ambiguous one-to-one matches as an execution error", () => {
    const r = q('reqs_total / on (job) reqs_total');
    expect(r.status).toBe("error");
  });

  it("comparison filters keep the name; bool returns 0/1 without it", () => {
    expect(Object.keys(values("reqs_total > 1.5e6"))).toHaveLength(2);
    expect(Object.keys(values("reqs_total > 1.5e6"))[0]).toContain("reqs_total");
    expect(Object.values(values("reqs_total > bool 1.5e6")).sort()).toEqual([0, 1, 1]);
  });
});

describe("functions", () => {
  it("clamp, label_replace, *_over_time", () => {
    expect(Object.values(values('clamp(reqs_total{pod="a"}, 0, 5)'))).toEqual([5]);
    const lr = values('label_replace(reqs_total{code="500"}, "deployment", "$1", "pod", "(.)")');
    expect(Object.keys(lr)[0]).toContain('"deployment":"b"');
    // max over a 1 m window of a 1/s counter: value at T.
    expect(Object.values(values('max_over_time(reqs_total{code="500"}[1m])'))).toEqual([T / 1000]);
    expect(Object.values(values('count_over_time(reqs_total{code="500"}[1m])'))).toEqual([6]);
    expect(Object.values(values('avg_over_time(reqs_total{code="500"}[1m])'))).toEqual([T / 1000 - 25]);
  });

  it("histogram_quantile interpolates inside the bucket", () => {
    // 100 observations: 50 ≤ 0.1, 90 ≤ 0.5, 100 ≤ +Inf. p50 → 0.1; p90 → 0.5; p70 → 0.1 + 0.4 × 20/40 = 0.3; p99 → 0.5.
    const b = [
      { le: 0.1, count: 50 },
      { le: 0.5, count: 90 },
      { le: Infinity, count: 100 },
    ];
    expect(bucketQuantile(0.5, b)).toBeCloseTo(0.1, 12);
    expect(bucketQuantile(0.7, b)).toBeCloseTo(0.3, 12);
    expect(bucketQuantile(0.99, b)).toBe(0.5);
    expect(bucketQuantile(0.5, b.slice(0, 2))).toBeNaN();
    expect(bucketQuantile(0.5, [{ le: Infinity, count: 0 }, { le: 1, count: 0 }])).toBeNaN();
  });
});

describe("errors and range queries", () => {
  it("anything outside the subset is a bad_data error", () => {
    for (const e of ["topk(1, reqs_total)", "reqs_total offset 5m", "rate(reqs_total[5m:1m])", "reqs_total @ 100", "holt_winters(reqs_total[5m], 0.1, 0.1)", "{code=~\".*\"}", "sum(", "a or b"]) {
      const r = q(e);
      expect(r.status, e).toBe("error");
    }
    expect((q("topk(1, reqs_total)") as { errorType?: string }).errorType).toBe("bad_data");
  });

  it("evaluates each step independently and keeps series apart", () => {
    const r = rangeQuery(store(counters), 'sum by (pod) (rate(reqs_total{code="200"}[1m]))', T - 60_000, T, 30_000).body as { data: { result: { metric: { pod: string }; values: [number, string][] }[] } };
    expect(r.data.result).toHaveLength(2);
    for (const s of r.data.result) expect(s.values.map((v) => v[0])).toEqual([(T - 60_000) / 1000, (T - 30_000) / 1000, T / 1000]);
  });

  it("applies 5 m lookback and staleness to instant selectors", () => {
    const ended = [series({ __name__: "g", a: "1" }, () => 7)];
    ended[0]!.endMs = T - 60_000;
    expect(q("g", ended).data?.result).toHaveLength(0);
    const late = [{ ...series({ __name__: "g", a: "1" }, () => 7), startMs: T - 400_000 }];
    expect(instantQuery({ series: () => late, intervalMs: 10_000, nowMs: T - 390_000 }, "g", T).body).toMatchObject({ data: { result: [] } });
  });
});
