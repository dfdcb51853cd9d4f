import { z } from "zod";

// Is a canary revision of an InferenceService better, worse or no different from the stable
// one? Two tests on the same time range: error rates (a two-proportion z-test on request
// counts) and p95 latency (the median per-window ratio with a bootstrap interval). Pure: the
// counts and the matched windows come from Prometheus through the caller.

export type TVerdict = "better" | "worse" | "no_difference" | "not_enough_data";

export type TArmCounts = { requests: number; errors: number };

/** p95 latency (seconds) of each revision in the same time window (e.g. per 1-minute step). */
export type TMatchedWindow = { canaryP95: number; stableP95: number };

export type TErrorRateTest = {
  verdict: TVerdict;
  /** One sentence: "Two-proportion z-test (pooled), two-sided, α = 0.05". */
  method: string;
  canary: { requests: number; errors: number; rate: number | null };
  stable: { requests: number; errors: number; rate: number | null };
  /** Canary rate − stable rate. */
  difference: number | null;
  z: number | null;
  pValue: number | null;
  /** The requests each arm needs to detect `minDetectableErrorDiff` with the given power. */
  minimumRequestsPerArm: number;
  /** Plain-English sentence for the UI, with the numbers. */
  explanation: string;
};

export type TLatencyTest = {
  verdict: TVerdict;
  method: string;
  /** Matched windows used (after dropping unusable ones). */
  windows: number;
  minimumWindows: number;
  /** canary p95 / stable p95 − 1, point estimate (e.g. 0.12 = 12 % slower). */
  relativeChange: number | null;
  /** Percentile bootstrap interval of relativeChange (95 % by default: 1 − alpha). */
  interval: [number, number] | null;
  explanation: string;
};

export type TCanaryVerdict = { overall: TVerdict; errorRate: TErrorRateTest; latency: TLatencyTest; summary: string };

export type TVerdictOptions = {
  /** Default 0.05. */
  alpha?: number;
  /** Default 0.8. */
  power?: number;
  /** Smallest error-rate increase worth detecting, absolute; default max(stable rate, 0.005). */
  minDetectableErrorDiff?: number;
  /** Latency change treated as practically equal, relative; default 0.05 (±5 %). */
  latencyTolerance?: number;
  /** Default 10. */
  minimumWindows?: number;
  /** Default 2000. */
  bootstrapResamples?: number;
  /** Bootstrap RNG seed, default fixed → deterministic output. */
  seed?: number;
};

/** For callers that take options from a request (query string, API body). */
export const ZVerdictOptions = z.object({
  alpha: z.number().gt(0).lt(1).optional(),
  power: z.number().gt(0).lt(1).optional(),
  minDetectableErrorDiff: z.number().gt(0).lt(1).optional(),
  latencyTolerance: z.number().min(0).lt(1).optional(),
  minimumWindows: z.number().int().min(1).max(100_000).optional(),
  bootstrapResamples: z.number().int().min(100).max(100_000).optional(),
  seed: z.number().int().optional(),
}) satisfies z.ZodType<TVerdictOptions>;

/** Below this, the normal approximation of the z-test is not trustworthy, whatever the power says. */
export const MIN_REQUESTS_PER_ARM = 100;
/** The default error-rate rise worth detecting is a doubling, but never less than this. */
const MIN_DEFAULT_ERROR_DIFF = 0.005;

const DEFAULTS = { alpha: 0.05, power: 0.8, latencyTolerance: 0.05, minimumWindows: 10, bootstrapResamples: 2000, seed: 0x5eed_c0de };

type TResolvedOptions = typeof DEFAULTS & { minDetectableErrorDiff: number | undefined };

function resolveOptions(options: TVerdictOptions | undefined): TResolvedOptions {
  // Bad options are a programming error (the route validates with ZVerdictOptions): throw.
  const parsed = ZVerdictOptions.parse(options ?? {});
  return {
    alpha: parsed.alpha ?? DEFAULTS.alpha,
    power: parsed.power ?? DEFAULTS.power,
    latencyTolerance: parsed.latencyTolerance ?? DEFAULTS.latencyTolerance,
    minimumWindows: parsed.minimumWindows ?? DEFAULTS.minimumWindows,
    bootstrapResamples: parsed.bootstrapResamples ?? DEFAULTS.bootstrapResamples,
    seed: parsed.seed ?? DEFAULTS.seed,
    minDetectableErrorDiff: parsed.minDetectableErrorDiff,
  };
}

// ---------------------------------------------------------------------------------------------
// Normal distribution

const SQRT_PI = Math.sqrt(Math.PI);
const horner = (coefficients: readonly number[], x: number) => coefficients.reduce((acc, c) => acc * x + c, 0);

/** Complementary error function, to about 1e-15 absolute (and ~1e-12 relative in the tail). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    // erf(x) = 2/√π · e^(−x²) · Σ x·(2x²)ⁿ / (2n+1)!!: all terms positive, so no cancellation.
    const twoXSquared = 2 * x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= twoXSquared / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * sum;
  }
  if (x > 27) return 0; // e^(−x²) underflows
  // Tail: erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))), evaluated from the bottom up;
  // for x ≥ 3 sixty levels are far more than double precision needs.
  let fraction = x;
  for (let k = 60; k >= 1; k--) fraction = x + k / 2 / fraction;
  return Math.exp(-x * x) / (SQRT_PI * fraction);
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|). */
export function twoSidedPValue(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

// Acklam's rational approximation (relative error 1.15e-9), then one Halley step on Φ.
const ACKLAM_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1, 1];
const ACKLAM_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549671010135773, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416, 1];

/** Quantile of the standard normal: the z with Φ(z) = p. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = horner(ACKLAM_C, q) / horner(ACKLAM_D, q);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    x = (q * horner(ACKLAM_A, q * q)) / horner(ACKLAM_B, q * q);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -horner(ACKLAM_C, q) / horner(ACKLAM_D, q);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

// ---------------------------------------------------------------------------------------------
// Formatting (en-US, as the rest of the UI)

const integerFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
/** "12,345"; Prometheus' increase() gives fractional counts, so round for display. */
export const formatCount = (count: number) => integerFormat.format(count);

/** A rate as a percentage: "4.10 %", "12.5 %". */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  return `${percent.toFixed(Math.abs(percent) >= 10 ? 1 : 2)} %`;
}

/** A signed relative change: "+40.1 %", "−3.2 %". */
export function formatChange(ratio: number): string {
  const text = (Math.abs(ratio) * 100).toFixed(1);
  const sign = Number(text) === 0 ? "" : ratio < 0 ? "−" : "+";
  return `${sign}${text} %`;
}

/** "39.6 % higher than stable", "20.0 % lower than stable", "the same as stable". */
function describeChange(ratio: number): string {
  const text = (Math.abs(ratio) * 100).toFixed(1);
  return Number(text) === 0 ? "the same as stable" : `${text} % ${ratio > 0 ? "higher" : "lower"} than stable`;
}

/** "p < 0.001", "p = 0.03", "p = 0.0087"; never rounds a significant p up to α ("p = 0.05" when p = 0.0499). */
export function formatPValue(p: number, alpha = DEFAULTS.alpha): string {
  if (p < 0.001) return "p < 0.001";
  let digits = p < 0.01 ? 3 : 2;
  let text = p.toFixed(digits);
  while (digits < 6 && p < alpha !== Number(text) < alpha) text = p.toFixed(++digits);
  return `p = ${text}`;
}

const formatAlpha = (alpha: number) => `α = ${Number(alpha.toPrecision(3))}`;
const formatLevel = (alpha: number) => `${Number(((1 - alpha) * 100).toPrecision(3))} %`;
const formatPoints = (diff: number) => `${Number((diff * 100).toPrecision(3))} percentage point${diff * 100 === 1 ? "" : "s"}`;

// ---------------------------------------------------------------------------------------------
// Error rate: two-proportion z-test

/** Counts as given, but never NaN, negative, or more errors than requests. */
function cleanCounts(arm: TArmCounts): { requests: number; errors: number; rate: number | null } {
  const requests = Number.isFinite(arm.requests) && arm.requests > 0 ? arm.requests : 0;
  const errors = Number.isFinite(arm.errors) && arm.errors > 0 ? Math.min(arm.errors, requests) : 0;
  return { requests, errors, rate: requests > 0 ? errors / requests : null };
}

/**
 * Requests per arm for a two-sided two-proportion test to detect p2 = p1 + delta with the
 * given power: n = (z₁₋α/₂·√(2p̄(1−p̄)) + z_power·√(p1(1−p1) + p2(1−p2)))² / δ², rounded up.
 * Not floored at MIN_REQUESTS_PER_ARM: that is the caller's rule.
 */
export function sampleSizePerArm(p1: number, delta: number, alpha: number, power: number): number {
  const p2 = Math.min(p1 + delta, 1);
  const effect = p2 - p1;
  // A stable arm already failing every request leaves no room for a rise to detect.
  if (!(effect > 0)) return Infinity;
  const pBar = (p1 + p2) / 2;
  const zAlpha = normalQuantile(1 - alpha / 2);
  const zPower = normalQuantile(power);
  const root = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zPower * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  // The epsilon keeps float noise (1140.0000000001) from adding a request.
  return Math.ceil((root * root) / (effect * effect) - 1e-9);
}

function errorRateTest(canaryArm: TArmCounts, stableArm: TArmCounts, o: TResolvedOptions): TErrorRateTest {
  const canary = cleanCounts(canaryArm);
  const stable = cleanCounts(stableArm);
  const method = `Two-proportion z-test (pooled), two-sided, ${formatAlpha(o.alpha)}`;

  const baseline = stable.rate ?? 0;
  const delta = o.minDetectableErrorDiff ?? Math.max(baseline, MIN_DEFAULT_ERROR_DIFF);
  const needed = sampleSizePerArm(baseline, delta, o.alpha, o.power);
  const minimumRequestsPerArm = Math.max(MIN_REQUESTS_PER_ARM, Number.isFinite(needed) ? needed : MIN_REQUESTS_PER_ARM);

  let difference: number | null = null;
  let z: number | null = null;
  let pValue: number | null = null;
  if (canary.rate !== null && stable.rate !== null) {
    difference = canary.rate - stable.rate;
    const pooled = (canary.errors + stable.errors) / (canary.requests + stable.requests);
    const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / canary.requests + 1 / stable.requests));
    // Zero standard error only when both arms are all-success (or all-failure): identical rates.
    z = standardError > 0 ? difference / standardError : 0;
    pValue = twoSidedPValue(z);
  }

  const significant = pValue !== null && pValue < o.alpha;
  let verdict: TVerdict;
  if (canary.requests < MIN_REQUESTS_PER_ARM || stable.requests < MIN_REQUESTS_PER_ARM) verdict = "not_enough_data";
  else if (significant && difference !== null && difference > 0) verdict = "worse";
  else if (significant && difference !== null && difference < 0) verdict = "better";
  else if (canary.requests < minimumRequestsPerArm) verdict = "not_enough_data";
  else verdict = "no_difference";

  const arm = (a: typeof canary) => (a.rate === null ? "(no requests)" : `${formatPercent(a.rate)} (${formatCount(a.errors)} of ${formatCount(a.requests)})`);
  const rates = `canary ${arm(canary)} vs stable ${arm(stable)}`;
  const p = pValue === null ? "" : `, ${formatPValue(pValue, o.alpha)}`;
  const rise = formatPoints(Math.min(delta, 1 - baseline));
  let explanation: string;
  switch (verdict) {
    case "worse":
    case "better":
      explanation = `The canary fails ${verdict === "worse" ? "more" : "less"} often: ${rates}${p}, unlikely to be chance at ${formatAlpha(o.alpha)}.`;
      break;
    case "no_difference":
      explanation = `No significant difference in error rate: ${rates}${p}. With at least ${formatCount(minimumRequestsPerArm)} requests per arm, a rise of ${rise} would have been detected ${Math.round(o.power * 100)} % of the time.`;
      break;
    case "not_enough_data":
      explanation =
        canary.requests < MIN_REQUESTS_PER_ARM || stable.requests < MIN_REQUESTS_PER_ARM
          ? `Too few requests to compare error rates: the canary has ${formatCount(canary.requests)} and stable ${formatCount(stable.requests)}; each needs at least ${formatCount(minimumRequestsPerArm)} to detect a rise of ${rise}.`
          : `No significant difference in error rate yet: ${rates}${p}. The canary needs at least ${formatCount(minimumRequestsPerArm)} requests to detect a rise of ${rise}; it has ${formatCount(canary.requests)}.`;
      break;
  }

  return { verdict, method, canary, stable, difference, z, pValue, minimumRequestsPerArm, explanation };
}

export function compareErrorRates(canary: TArmCounts, stable: TArmCounts, options?: TVerdictOptions): TErrorRateTest {
  return errorRateTest(canary, stable, resolveOptions(options));
}

// ---------------------------------------------------------------------------------------------
// Latency: median per-window ratio, percentile bootstrap

/** mulberry32: a tiny seeded PRNG in [0, 1), so the bootstrap gives the same interval every time. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Median of an already sorted array (mean of the middle two when even); NaN when empty. */
function sortedMedian(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function median(values: readonly number[]): number {
  return sortedMedian(Float64Array.from(values).sort());
}

/** Linear-interpolated quantile (R's type 7) of an already sorted array. */
function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return below + (h - lo) * (above - below);
}

/** k-th smallest (0-based) of a resample given as counts over sorted values. */
function kthFromCounts(sorted: Float64Array, counts: Uint32Array, k: number): number {
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen > k) return sorted[i]!;
  }
  return NaN;
}

/** Percentile bootstrap interval of the median of `values`. */
export function bootstrapMedianInterval(values: readonly number[], resamples: number, level: number, seed: number): [number, number] {
  const random = mulberry32(seed);
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const counts = new Uint32Array(n);
  const medians = new Float64Array(resamples);
  const mid = n >> 1;
  // A resample of sorted values is a count per value: O(n) per median instead of a sort (a day of 1-minute windows is 1,440).
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const pick = Math.floor(random() * n);
      counts[pick] = counts[pick]! + 1;
    }
    medians[b] = n % 2 === 1 ? kthFromCounts(sorted, counts, mid) : (kthFromCounts(sorted, counts, mid - 1) + kthFromCounts(sorted, counts, mid)) / 2;
  }
  medians.sort();
  const tail = (1 - level) / 2;
  return [sortedQuantile(medians, tail), sortedQuantile(medians, 1 - tail)];
}

const usable = (value: number) => Number.isFinite(value) && value > 0;

function latencyTest(allWindows: readonly TMatchedWindow[], o: TResolvedOptions): TLatencyTest {
  // A window where either revision served nothing (0, NaN from histogram_quantile) says nothing.
  const ratios = allWindows.filter((w) => usable(w.canaryP95) && usable(w.stableP95)).map((w) => w.canaryP95 / w.stableP95 - 1);
  const windows = ratios.length;
  const level = formatLevel(o.alpha);
  const method = `Median of per-window p95 ratios (canary / stable − 1), ${level} percentile bootstrap interval (${formatCount(o.bootstrapResamples)} resamples), tolerance ±${Number((o.latencyTolerance * 100).toPrecision(3))} %`;
  const relativeChange = windows > 0 ? median(ratios) : null;
  const tolerance = `±${Number((o.latencyTolerance * 100).toPrecision(3))} %`;
  const windowCount = `${formatCount(windows)} matched window${windows === 1 ? "" : "s"}`;

  if (windows < o.minimumWindows || relativeChange === null) {
    const soFar = relativeChange === null ? "" : ` So far the canary's p95 is ${describeChange(relativeChange)} (median).`;
    return {
      verdict: "not_enough_data",
      method,
      windows,
      minimumWindows: o.minimumWindows,
      relativeChange,
      interval: null,
      explanation: `Only ${windowCount} with p95 latency from both revisions; at least ${formatCount(o.minimumWindows)} are needed.${soFar}`,
    };
  }

  const interval = bootstrapMedianInterval(ratios, o.bootstrapResamples, 1 - o.alpha, o.seed);
  const [lower, upper] = interval;
  const range = `${level} interval ${formatChange(lower)} to ${formatChange(upper)}`;
  let verdict: TVerdict;
  let explanation: string;
  if (lower > o.latencyTolerance) {
    verdict = "worse";
    explanation = `The canary's p95 latency is ${describeChange(relativeChange)} (median over ${windowCount}; ${range}), beyond the ${tolerance} tolerance.`;
  } else if (upper < -o.latencyTolerance) {
    verdict = "better";
    explanation = `The canary's p95 latency is ${describeChange(relativeChange)} (median over ${windowCount}; ${range}), beyond the ${tolerance} tolerance.`;
  } else if (lower >= -o.latencyTolerance && upper <= o.latencyTolerance) {
    verdict = "no_difference";
    explanation = `The canary's p95 latency is within ${tolerance} of stable: median change ${formatChange(relativeChange)} over ${windowCount} (${range}).`;
  } else {
    // The data fit both "equal" and "different by more than the tolerance": inconclusive, not proof of equality.
    verdict = "no_difference";
    explanation = `No clear p95 latency difference: median change ${formatChange(relativeChange)} over ${windowCount}, but the ${range} is wide and reaches past ${tolerance}; more windows would narrow it.`;
  }
  return { verdict, method, windows, minimumWindows: o.minimumWindows, relativeChange, interval, explanation };
}

export function compareLatency(windows: TMatchedWindow[], options?: TVerdictOptions): TLatencyTest {
  return latencyTest(windows, resolveOptions(options));
}

// ---------------------------------------------------------------------------------------------
// Both together

/** Worse wins (a regression must not hide behind missing data), then missing data, then better. */
export function combineVerdicts(a: TVerdict, b: TVerdict): TVerdict {
  if (a === "worse" || b === "worse") return "worse";
  if (a === "not_enough_data" || b === "not_enough_data") return "not_enough_data";
  if (a === "better" || b === "better") return "better";
  return "no_difference";
}

function describeErrorRate(test: TErrorRateTest, alpha: number): string {
  const { canary, stable, pValue } = test;
  if (canary.rate === null || stable.rate === null || pValue === null) return "no error-rate comparison";
  return `error rate ${formatPercent(canary.rate)} vs ${formatPercent(stable.rate)} (${formatPValue(pValue, alpha)})`;
}

function describeLatency(test: TLatencyTest): string {
  if (test.relativeChange === null || test.interval === null) return "no p95 latency comparison";
  return `p95 latency ${formatChange(test.relativeChange)} (${formatChange(test.interval[0])} to ${formatChange(test.interval[1])})`;
}

function summarize(overall: TVerdict, errorRate: TErrorRateTest, latency: TLatencyTest, alpha: number): string {
  const errorText = describeErrorRate(errorRate, alpha);
  const latencyText = describeLatency(latency);
  const parts = (verdict: TVerdict) => [errorRate.verdict === verdict ? errorText : null, latency.verdict === verdict ? latencyText : null].filter((part) => part !== null).join(" and ");
  switch (overall) {
    case "worse":
      return `Canary is worse: ${parts("worse")}.`;
    case "better": {
      const same = errorRate.verdict === "no_difference" ? `; no difference in ${errorText}` : latency.verdict === "no_difference" ? `; no difference in ${latencyText}` : "";
      return `Canary is better: ${parts("better")}${same}.`;
    }
    case "no_difference":
      return `No difference found: ${errorText} and ${latencyText}.`;
    case "not_enough_data": {
      const needs: string[] = [];
      if (errorRate.verdict === "not_enough_data") {
        const fewest = Math.min(errorRate.canary.requests, errorRate.stable.requests);
        needs.push(`${formatCount(errorRate.minimumRequestsPerArm)} requests per revision to compare error rates (${fewest === errorRate.canary.requests ? "canary" : "stable"} has ${formatCount(fewest)})`);
      }
      if (latency.verdict === "not_enough_data") needs.push(`${formatCount(latency.minimumWindows)} matched windows to compare p95 latency (has ${formatCount(latency.windows)})`);
      return `Not enough data yet: needs ${needs.join(" and ")}.`;
    }
  }
}

export function judgeCanary(input: { canary: TArmCounts; stable: TArmCounts; p95Windows: TMatchedWindow[] }, options?: TVerdictOptions): TCanaryVerdict {
  const o = resolveOptions(options);
  const errorRate = errorRateTest(input.canary, input.stable, o);
  const latency = latencyTest(input.p95Windows, o);
  const overall = combineVerdicts(errorRate.verdict, latency.verdict);
  return { overall, errorRate, latency, summary: summarize(overall, errorRate, latency, o.alpha) };
}

export const VERDICT_METHOD_NOTES: string[] = [
  "Error rate: the canary's and the stable revision's failed and total requests over the same time range go into a two-proportion z-test. The test pools both revisions' errors to estimate how much the rates would differ by chance alone, and the p-value is the probability of a difference at least this large if both revisions really failed equally often. Below α = 0.05 (by default) the difference counts as real: worse if the canary fails more, better if it fails less.",
  "A difference that is not significant only means \"no difference\" once there was enough traffic to see one. Each revision needs enough requests to detect, 80 % of the time, an error-rate rise of the stable rate again (a doubling), and at least half a percentage point; below that, and always below 100 requests, the verdict is \"not enough data\".",
  "p95 latency: for each time step in which both revisions served traffic, the canary's p95 is divided by the stable p95. The reported change is the median of those ratios, so a single noisy minute cannot swing it. Its 95 % interval comes from resampling the windows 2,000 times (bootstrap) with a fixed seed, so the same data always gives the same answer.",
  "The canary's latency counts as worse only if the whole interval lies above +5 %, and as better only if it lies below −5 %: smaller changes are treated as equal. When the interval straddles ±5 %, the verdict is \"no difference\" but the data cannot yet rule out a real change; more windows narrow it. At least 10 matched windows are needed.",
  "The overall verdict is worse if either test finds the canary worse, even when the other still lacks data; otherwise not enough data if either test lacks data; otherwise better if either finds it better. Both tests treat requests and windows as independent; traffic that comes in bursts makes them somewhat too confident.",
];
