import { createHash } from "node:crypto";

// Deterministic, smooth "traffic shapes" with closed-form integrals, so a counter at any
// instant is an exact integral of its rate and needs no stored history.

const DAY_S = 86_400;
/** Seconds are measured from here to keep the trig arguments small. */
const EPOCH_S = 1_700_000_000;
/** Daily traffic peaks at 15:00 UTC (US morning, European afternoon). */
const PEAK_UTC_S = 15 * 3600;

/** A number in [0, 1) derived from a string (stable across runs and machines). */
export function unit(seed: string): number {
  return createHash("sha1").update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

interface Term {
  amp: number;
  periodS: number;
  phase: number;
}

/**
 * rate(t) = level · (1 + Σ amp·sin(2πt/period + phase)), with Σ|amp| < 1 so the rate stays
 * positive. integral(t) is its exact antiderivative, so counters are monotonic by construction.
 */
export class Wave {
  private readonly terms: Term[];

  constructor(seed: string, spec: { amp: number; periodS: number; dailyPhase?: boolean }[]) {
    this.terms = spec.map((s, i) => ({
      amp: s.amp,
      periodS: s.periodS,
      // The daily term peaks in the (UTC) afternoon for every series, like real user traffic.
      // sin(2π(t − 15:00 UTC)/day + π/2) peaks at 15:00 UTC; t is counted from EPOCH_S.
      phase: s.dailyPhase ? (2 * Math.PI * (((EPOCH_S - PEAK_UTC_S) % DAY_S) / DAY_S)) + Math.PI / 2 + (unit(`${seed}/d`) - 0.5) * 0.6 : unit(`${seed}/${i}`) * 2 * Math.PI,
    }));
  }

  rate(tS: number): number {
    const x = tS - EPOCH_S;
    let v = 1;
    for (const t of this.terms) v += t.amp * Math.sin((2 * Math.PI * x) / t.periodS + t.phase);
    return v;
  }

  integral(tS: number): number {
    const x = tS - EPOCH_S;
    let v = x;
    for (const t of this.terms) {
      const w = (2 * Math.PI) / t.periodS;
      v -= (t.amp / w) * Math.cos(w * x + t.phase);
    }
    return v;
  }
}

/** The daily traffic pattern with three layers of smooth "noise"; min rate ≥ 0.46. */
export const trafficWave = (seed: string) =>
  new Wave(seed, [
    { amp: 0.35, periodS: DAY_S, dailyPhase: true },
    { amp: 0.08, periodS: 617 },
    { amp: 0.05, periodS: 173 },
    { amp: 0.06, periodS: 2711 },
  ]);

/** Share of requests that take the slow path; peaks with the daily load; max 0.159. */
export const slowWave = (seed: string) =>
  new Wave(seed, [
    { amp: 0.9, periodS: DAY_S, dailyPhase: true },
    { amp: 0.08, periodS: 401 },
  ]);
export const SLOW_LEVEL = 0.08;

/** Error bursts around the configured error ratio (max 1.5×). */
export const errorWave = (seed: string) =>
  new Wave(seed, [
    { amp: 0.35, periodS: 907 },
    { amp: 0.15, periodS: 3607 },
  ]);

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26, |error| < 1.5e-7.
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

/** Log-normal latency distribution by its median and shape. */
export interface LogNormal {
  median: number;
  sigma: number;
}

export function cdf(d: LogNormal, x: number): number {
  if (x <= 0) return 0;
  if (!Number.isFinite(x)) return 1;
  return 0.5 * (1 + erf(Math.log(x / d.median) / (d.sigma * Math.SQRT2)));
}

export const mean = (d: LogNormal): number => d.median * Math.exp((d.sigma * d.sigma) / 2);
