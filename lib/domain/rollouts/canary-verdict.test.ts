import { describe, expect, it } from "vitest";
import {
  VERDICT_METHOD_NOTES,
  combineVerdicts,
  compareErrorRates,
  compareLatency,
  erfc,
  formatPValue,
  judgeCanary,
  mulberry32,
  normalCdf,
  normalQuantile,
  sampleSizePerArm,
  twoSidedPValue,
  type TMatchedWindow,
  type TVerdict,
} from "./canary-verdict";

/** `count` windows, stable p95 around 200–250 ms, canary = stable × factor × (1 ± noise/2). */
function makeWindows(count: number, factor: number, noise: number, seed = 7): TMatchedWindow[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const stableP95 = 0.2 + 0.05 * random();
    return { stableP95, canaryP95: stableP95 * factor * (1 + noise * (random() - 0.5)) };
  });
}

const hasNaN = (value: unknown): boolean => JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && Number.isNaN(v) ? "NaN!" : v)).includes("NaN!");

describe("the normal distribution", () => {
  it("matches published values to ~1e-12", () => {
    // Reference values: Python's math.erfc / statistics.NormalDist (double precision).
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 12);
    expect(erfc(1)).toBeCloseTo(0.1572992070502851, 12);
    expect(erfc(3) / 2.209049699858544e-5).toBeCloseTo(1, 10);
    expect(erfc(4) / 1.541725790028002e-8).toBeCloseTo(1, 10);
    expect(erfc(-1)).toBeCloseTo(2 - 0.1572992070502851, 12);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 12);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 12);
    expect(twoSidedPValue(1.96)).toBeCloseTo(0.04999579029644087, 12);
    expect(twoSidedPValue(-1.96)).toBe(twoSidedPValue(1.96));
  });

  it("inverts the CDF", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 10);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 10);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalCdf(normalQuantile(1e-6))).toBeCloseTo(1e-6, 14);
  });
});

describe("error rate: two-proportion z-test", () => {
  it("reproduces a textbook example: 40/1000 vs 20/1000", () => {
    // Pooled p̂ = 60/2000 = 0.03; SE = √(0.03 · 0.97 · (1/1000 + 1/1000)) = √0.0000582 = 0.0076289;
    // z = (0.04 − 0.02) / 0.0076289 = 2.6216; p = 2 · (1 − Φ(2.6216)) = 0.00875.
    // (The unpooled SE √(0.04·0.96/1000 + 0.02·0.98/1000) would give z = 2.626, p = 0.0086.)
    const test = compareErrorRates({ requests: 1000, errors: 40 }, { requests: 1000, errors: 20 });
    expect(test.canary.rate).toBe(0.04);
    expect(test.stable.rate).toBe(0.02);
    expect(test.difference).toBeCloseTo(0.02, 12);
    expect(test.z).toBeCloseTo(2.62161, 4);
    expect(test.pValue).toBeCloseTo(0.0087515, 6);
    // Significant, so the canary's 1,000 < 1,141 requests do not matter.
    expect(test.verdict).toBe("worse");
    expect(test.method).toBe("Two-proportion z-test (pooled), two-sided, α = 0.05");
    expect(test.explanation).toBe("The canary fails more often: canary 4.00 % (40 of 1,000) vs stable 2.00 % (20 of 1,000), p = 0.009, unlikely to be chance at α = 0.05.");
  });

  it("computes the minimum sample size per arm by the standard formula", () => {
    // p1 = 0.02, δ = 0.02 (default: a doubling), p2 = 0.04, p̄ = 0.03; z₀.₉₇₅ = 1.959964, z₀.₈ = 0.841621:
    // 1.959964 · √(2 · 0.03 · 0.97) = 1.959964 · 0.241247 = 0.472835
    // 0.841621 · √(0.02 · 0.98 + 0.04 · 0.96) = 0.841621 · 0.240832 = 0.202689
    // n = (0.472835 + 0.202689)² / 0.02² = 0.456333 / 0.0004 = 1140.83 → 1141
    expect(sampleSizePerArm(0.02, 0.02, 0.05, 0.8)).toBe(1141);
    expect(compareErrorRates({ requests: 1000, errors: 40 }, { requests: 1000, errors: 20 }).minimumRequestsPerArm).toBe(1141);
    // Stable rate 0 → δ = 0.005 (the floor): p̄ = 0.0025,
    // n = (1.959964 · √(2 · 0.0025 · 0.9975) + 0.841621 · √(0.005 · 0.995))² / 0.005²
    //   = (0.138417 + 0.059364)² / 0.000025 = 1564.7 → 1565
    expect(sampleSizePerArm(0, 0.005, 0.05, 0.8)).toBe(1565);
    // An explicit δ: a large rise needs few requests, but never fewer than 100.
    expect(sampleSizePerArm(0.02, 0.3, 0.05, 0.8)).toBeLessThan(100);
    expect(compareErrorRates({ requests: 1000, errors: 20 }, { requests: 1000, errors: 20 }, { minDetectableErrorDiff: 0.3 }).minimumRequestsPerArm).toBe(100);
    // Nothing left to detect when stable already fails everything.
    expect(sampleSizePerArm(1, 0.01, 0.05, 0.8)).toBe(Infinity);
    expect(compareErrorRates({ requests: 200, errors: 200 }, { requests: 200, errors: 200 }).minimumRequestsPerArm).toBe(100);
  });

  it("says not enough data for small samples, even with a large p-value gap", () => {
    const tiny = compareErrorRates({ requests: 5, errors: 1 }, { requests: 5000, errors: 20 });
    expect(tiny.verdict).toBe("not_enough_data");
    expect(tiny.pValue).toBeLessThan(0.001); // computed, but not trusted below 100 requests
    expect(tiny.explanation).toBe("Too few requests to compare error rates: the canary has 5 and stable 5,000; each needs at least 4,054 to detect a rise of 0.5 percentage points.");

    const stableTiny = compareErrorRates({ requests: 5000, errors: 20 }, { requests: 50, errors: 0 });
    expect(stableTiny.verdict).toBe("not_enough_data");
  });

  it("says not enough data when nothing is significant and the canary is under the minimum", () => {
    const test = compareErrorRates({ requests: 500, errors: 2 }, { requests: 50_000, errors: 200 });
    expect(test.pValue).toBeCloseTo(1, 12);
    expect(test.minimumRequestsPerArm).toBe(4054);
    expect(test.verdict).toBe("not_enough_data");
    expect(test.explanation).toContain("The canary needs at least 4,054 requests to detect a rise of 0.5 percentage points; it has 500.");
    // Same rates with enough canary traffic: a real "no difference".
    expect(compareErrorRates({ requests: 5000, errors: 20 }, { requests: 50_000, errors: 200 }).verdict).toBe("no_difference");
  });

  it("handles ties, including zero errors on both sides, without NaN", () => {
    const zero = compareErrorRates({ requests: 5000, errors: 0 }, { requests: 5000, errors: 0 });
    expect(zero).toMatchObject({ verdict: "no_difference", z: 0, pValue: 1, difference: 0, minimumRequestsPerArm: 1565 });
    expect(hasNaN(zero)).toBe(false);
    expect(zero.explanation).toBe(
      "No significant difference in error rate: canary 0.00 % (0 of 5,000) vs stable 0.00 % (0 of 5,000), p = 1.00. With at least 1,565 requests per arm, a rise of 0.5 percentage points would have been detected 80 % of the time.",
    );
    const same = compareErrorRates({ requests: 5000, errors: 20 }, { requests: 5000, errors: 20 });
    expect(same).toMatchObject({ verdict: "no_difference", z: 0, pValue: 1 });
    const allFailing = compareErrorRates({ requests: 200, errors: 200 }, { requests: 200, errors: 200 });
    expect(allFailing).toMatchObject({ verdict: "no_difference", z: 0, pValue: 1 });
  });

  it("guards against empty and malformed counts", () => {
    const empty = compareErrorRates({ requests: 0, errors: 0 }, { requests: 0, errors: 0 });
    expect(empty).toMatchObject({ verdict: "not_enough_data", difference: null, z: null, pValue: null });
    expect(empty.canary.rate).toBeNull();
    expect(hasNaN(empty)).toBe(false);
    const junk = compareErrorRates({ requests: NaN, errors: 3 }, { requests: 100, errors: 500 });
    expect(junk.canary).toEqual({ requests: 0, errors: 0, rate: null });
    expect(junk.stable).toEqual({ requests: 100, errors: 100, rate: 1 });
    expect(hasNaN(junk)).toBe(false);
  });

  it("finds a better canary", () => {
    const test = compareErrorRates({ requests: 5000, errors: 2 }, { requests: 5000, errors: 30 });
    expect(test.verdict).toBe("better");
    expect(test.z).toBeLessThan(0);
    expect(test.explanation).toContain("The canary fails less often");
    expect(test.explanation).toContain("p < 0.001");
  });

  it("uses alpha and power from the options", () => {
    // z = 2.6216, p = 0.0088: significant at 0.05, not at 0.005.
    const strict = compareErrorRates({ requests: 1000, errors: 40 }, { requests: 1000, errors: 20 }, { alpha: 0.005 });
    expect(strict.method).toBe("Two-proportion z-test (pooled), two-sided, α = 0.005");
    expect(strict.verdict).toBe("not_enough_data"); // and 1,000 < the minimum at α = 0.005
    expect(strict.minimumRequestsPerArm).toBeGreaterThan(1141);
    expect(() => compareErrorRates({ requests: 1, errors: 0 }, { requests: 1, errors: 0 }, { alpha: 2 })).toThrow();
  });
});

describe("p95 latency: median ratio with a bootstrap interval", () => {
  it("finds a clearly slower canary (+40 % in 30 noisy windows)", () => {
    const test = compareLatency(makeWindows(30, 1.4, 0.1));
    expect(test.verdict).toBe("worse");
    expect(test.windows).toBe(30);
    expect(test.relativeChange).toBeCloseTo(0.4, 1);
    const [lower, upper] = test.interval!;
    expect(lower).toBeGreaterThan(0.3);
    expect(upper).toBeLessThan(0.5);
    expect(lower).toBeLessThanOrEqual(test.relativeChange!);
    expect(upper).toBeGreaterThanOrEqual(test.relativeChange!);
    expect(test.explanation).toMatch(/^The canary's p95 latency is \d+\.\d % higher than stable \(median over 30 matched windows; 95 % interval \+\d+\.\d % to \+\d+\.\d %\), beyond the ±5 % tolerance\.$/);
  });

  it("finds a clearly faster canary", () => {
    const test = compareLatency(makeWindows(30, 0.7, 0.1));
    expect(test.verdict).toBe("better");
    expect(test.interval![1]).toBeLessThan(-0.05);
  });

  it("calls a clearly equal canary no difference", () => {
    const test = compareLatency(makeWindows(30, 1, 0.04));
    expect(test.verdict).toBe("no_difference");
    expect(Math.abs(test.relativeChange!)).toBeLessThan(0.02);
    expect(test.interval![0]).toBeGreaterThanOrEqual(-0.05);
    expect(test.interval![1]).toBeLessThanOrEqual(0.05);
    expect(test.explanation).toContain("within ±5 % of stable");
  });

  it("says so when the interval is too wide to tell", () => {
    const test = compareLatency(makeWindows(12, 1, 0.6));
    expect(test.verdict).toBe("no_difference");
    expect(test.interval![1] - test.interval![0]).toBeGreaterThan(0.1);
    expect(test.explanation).toContain("is wide and reaches past ±5 %; more windows would narrow it");
  });

  it("needs the minimum number of windows", () => {
    const test = compareLatency(makeWindows(5, 1.4, 0.1));
    expect(test).toMatchObject({ verdict: "not_enough_data", windows: 5, minimumWindows: 10, interval: null });
    expect(test.relativeChange).toBeCloseTo(0.4, 1); // the estimate so far is still reported
    expect(test.explanation).toMatch(/^Only 5 matched windows with p95 latency from both revisions; at least 10 are needed\. So far the canary's p95 is \d+\.\d % higher than stable \(median\)\.$/);
    expect(compareLatency(makeWindows(5, 1.4, 0.1), { minimumWindows: 5 }).verdict).toBe("worse");
    const none = compareLatency([]);
    expect(none).toMatchObject({ verdict: "not_enough_data", windows: 0, relativeChange: null, interval: null });
  });

  it("drops windows without a usable p95 on both sides", () => {
    const good = makeWindows(10, 1.2, 0);
    const bad: TMatchedWindow[] = [
      { canaryP95: NaN, stableP95: 0.2 },
      { canaryP95: 0.2, stableP95: 0 },
      { canaryP95: Infinity, stableP95: 0.2 },
      { canaryP95: -1, stableP95: 0.2 },
    ];
    const test = compareLatency([...good, ...bad]);
    expect(test.windows).toBe(10);
    // Every usable ratio is exactly 1.2, so the median and every bootstrap median are 0.2.
    expect(test.relativeChange).toBeCloseTo(0.2, 12);
    expect(test.interval![0]).toBeCloseTo(0.2, 12);
    expect(test.interval![1]).toBeCloseTo(0.2, 12);
    expect(hasNaN(test)).toBe(false);
  });

  it("takes the median, not the mean, of the per-window ratios", () => {
    // Ratios 1.00, 1.01, …, 1.09 and one outlier 5.0: median of 11 = the 6th smallest = 1.05.
    const windows = [...Array.from({ length: 10 }, (_, i) => ({ stableP95: 1, canaryP95: 1 + i / 100 })), { stableP95: 1, canaryP95: 5 }];
    expect(compareLatency(windows).relativeChange).toBeCloseTo(0.05, 12);
    // Even count: mean of the two middle ratios.
    expect(compareLatency(windows.slice(0, 10)).relativeChange).toBeCloseTo(0.045, 12);
  });

  it("is deterministic for a seed", () => {
    const windows = makeWindows(30, 1.1, 0.3);
    const first = compareLatency(windows);
    const second = compareLatency(windows);
    expect(second.interval).toEqual(first.interval);
    expect(compareLatency(windows, { seed: 42 }).interval).toEqual(compareLatency(windows, { seed: 42 }).interval);
    expect(compareLatency(windows, { seed: 42 }).interval).not.toEqual(first.interval);
  });
});

describe("the overall verdict", () => {
  it("combines the two tests: worse first, then missing data, then better", () => {
    const cases: [TVerdict, TVerdict, TVerdict][] = [
      ["worse", "not_enough_data", "worse"],
      ["better", "worse", "worse"],
      ["no_difference", "worse", "worse"],
      ["not_enough_data", "better", "not_enough_data"],
      ["no_difference", "not_enough_data", "not_enough_data"],
      ["better", "no_difference", "better"],
      ["no_difference", "better", "better"],
      ["better", "better", "better"],
      ["no_difference", "no_difference", "no_difference"],
    ];
    for (const [a, b, expected] of cases) {
      expect(combineVerdicts(a, b)).toBe(expected);
      expect(combineVerdicts(b, a)).toBe(expected);
    }
  });

  it("flags a worse error rate even while latency lacks data", () => {
    const verdict = judgeCanary({ canary: { requests: 1000, errors: 40 }, stable: { requests: 1000, errors: 20 }, p95Windows: makeWindows(3, 1, 0.02) });
    expect(verdict.errorRate.verdict).toBe("worse");
    expect(verdict.latency.verdict).toBe("not_enough_data");
    expect(verdict.overall).toBe("worse");
    expect(verdict.summary).toBe("Canary is worse: error rate 4.00 % vs 2.00 % (p = 0.009).");
  });

  it("names both regressions", () => {
    const verdict = judgeCanary({ canary: { requests: 1000, errors: 40 }, stable: { requests: 1000, errors: 20 }, p95Windows: makeWindows(30, 1.4, 0.1) });
    expect(verdict.overall).toBe("worse");
    expect(verdict.summary).toMatch(/^Canary is worse: error rate 4\.00 % vs 2\.00 % \(p = 0\.009\) and p95 latency \+\d+\.\d % \(\+\d+\.\d % to \+\d+\.\d %\)\.$/);
  });

  it("waits for data when one test lacks it and nothing is worse", () => {
    const verdict = judgeCanary({ canary: { requests: 500, errors: 2 }, stable: { requests: 50_000, errors: 200 }, p95Windows: makeWindows(3, 1, 0.02) });
    expect(verdict.overall).toBe("not_enough_data");
    expect(verdict.summary).toBe("Not enough data yet: needs 4,054 requests per revision to compare error rates (canary has 500) and 10 matched windows to compare p95 latency (has 3).");
  });

  it("calls it better when one test is better and the other no different", () => {
    const verdict = judgeCanary({ canary: { requests: 5000, errors: 2 }, stable: { requests: 5000, errors: 30 }, p95Windows: makeWindows(30, 1, 0.04) });
    expect(verdict.overall).toBe("better");
    expect(verdict.summary).toMatch(/^Canary is better: error rate 0\.04 % vs 0\.60 % \(p < 0\.001\); no difference in p95 latency /);
  });

  it("finds no difference when both agree", () => {
    const verdict = judgeCanary({ canary: { requests: 5000, errors: 20 }, stable: { requests: 5000, errors: 20 }, p95Windows: makeWindows(30, 1, 0.04) });
    expect(verdict.overall).toBe("no_difference");
    expect(verdict.summary).toMatch(/^No difference found: error rate 0\.40 % vs 0\.40 % \(p = 1\.00\) and p95 latency /);
    expect(hasNaN(verdict)).toBe(false);
  });
});

describe("plain numbers", () => {
  it("formats p-values without rounding across α", () => {
    expect(formatPValue(0.0004)).toBe("p < 0.001");
    expect(formatPValue(0.0087)).toBe("p = 0.009");
    expect(formatPValue(0.0312)).toBe("p = 0.03");
    expect(formatPValue(0.81)).toBe("p = 0.81");
    expect(formatPValue(0.0499)).toBe("p = 0.0499"); // not "0.05", which would read as not significant
    expect(formatPValue(0.0501)).toBe("p = 0.05");
  });

  it("has a short how-is-this-computed panel", () => {
    expect(VERDICT_METHOD_NOTES.length).toBeGreaterThanOrEqual(3);
    expect(VERDICT_METHOD_NOTES.length).toBeLessThanOrEqual(5);
  });
});
