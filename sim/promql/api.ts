import { PromQLError } from "./ast";
import { Evaluator, labelKey, matchSelector, type Labels, type SeriesSource, type Storage } from "./evaluate";
import { parseDurationMs, parsePromQL } from "./parse";

// The Prometheus HTTP API (/api/v1/query, query_range, series, labels, label/<n>/values) over
// a Storage. Responses have Prometheus' JSON shapes; errors are {status:"error",errorType,error}.

export interface ApiResponse {
  status: number;
  body: unknown;
}

const MAX_POINTS = 11_000;

const fmt = (v: number): string => (Number.isNaN(v) ? "NaN" : v === Infinity ? "+Inf" : v === -Infinity ? "-Inf" : String(v));
const ts = (ms: number): number => ms / 1000;

export function parseTime(v: string | undefined, dflt: number, param: string): number {
  if (v === undefined || v === "") return dflt;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const d = Date.parse(v);
  if (Number.isNaN(d)) throw new PromQLError(`invalid parameter "${param}": cannot parse "${v}" to a valid timestamp`);
  return d;
}

export function parseStep(v: string | undefined): number {
  if (!v) throw new PromQLError('invalid parameter "step": cannot parse "" to a valid duration');
  const ms = /^\d+(\.\d+)?$/.test(v) ? Number(v) * 1000 : parseDurationMs(v);
  if (!(ms > 0)) throw new PromQLError('invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer');
  return ms;
}

const ok = (data: unknown): ApiResponse => ({ status: 200, body: { status: "success", data } });

export function errorResponse(err: unknown): ApiResponse {
  if (err instanceof PromQLError) return { status: err.errorType === "bad_data" ? 400 : 422, body: { status: "error", errorType: err.errorType, error: err.message } };
  return { status: 500, body: { status: "error", errorType: "internal", error: String((err as Error)?.message ?? err) } };
}

export function instantQuery(storage: Storage, query: string, timeMs: number): ApiResponse {
  try {
    const expr = parsePromQL(query);
    const v = new Evaluator(storage).eval(expr, timeMs);
    switch (v.kind) {
      case "scalar":
        return ok({ resultType: "scalar", result: [ts(timeMs), fmt(v.value)] });
      case "string":
        return ok({ resultType: "string", result: [ts(timeMs), v.value] });
      case "vector":
        return ok({ resultType: "vector", result: v.samples.map((s) => ({ metric: s.labels, value: [ts(timeMs), fmt(s.value)] })) });
      case "matrix":
        return ok({ resultType: "matrix", result: v.series.map((s) => ({ metric: s.labels, values: s.points.map((p) => [ts(p.t), fmt(p.v)]) })) });
    }
  } catch (err) {
    return errorResponse(err);
  }
}

export function rangeQuery(storage: Storage, query: string, startMs: number, endMs: number, stepMs: number): ApiResponse {
  try {
    if (endMs < startMs) throw new PromQLError('invalid parameter "end": end timestamp must not be before start time');
    if ((endMs - startMs) / stepMs > MAX_POINTS) {
      throw new PromQLError("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
    }
    const expr = parsePromQL(query);
    if (expr.type === "matrix") throw new PromQLError("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector");
    if (expr.type === "string") throw new PromQLError("invalid expression type \"string\" for range query, must be Scalar or instant Vector");
    const ev = new Evaluator(storage);
    const out = new Map<string, { metric: Labels; values: [number, string][] }>();
    for (let t = startMs; t <= endMs; t += stepMs) {
      const v = ev.eval(expr, t);
      const samples = v.kind === "scalar" ? [{ labels: {}, value: v.value }] : v.kind === "vector" ? v.samples : [];
      for (const s of samples) {
        const k = labelKey(s.labels);
        let row = out.get(k);
        if (!row) out.set(k, (row = { metric: s.labels, values: [] }));
        row.values.push([ts(t), fmt(s.value)]);
      }
    }
    return ok({ resultType: "matrix", result: [...out.values()] });
  } catch (err) {
    return errorResponse(err);
  }
}

function selectSeries(storage: Storage, matchParams: string[], startMs: number, endMs: number): SeriesSource[] {
  const all = storage.series().filter((s) => s.startMs <= endMs && (s.endMs === undefined || s.endMs >= startMs));
  if (matchParams.length === 0) return all;
  const picked = new Set<SeriesSource>();
  for (const m of matchParams) {
    const e = parsePromQL(m);
    if (e.type !== "vector") throw new PromQLError(`invalid parameter "match[]": expected a vector selector, got ${m}`);
    for (const s of matchSelector(e, all)) picked.add(s);
  }
  return [...picked];
}

export function seriesQuery(storage: Storage, matchParams: string[], startMs: number, endMs: number): ApiResponse {
  try {
    if (matchParams.length === 0) throw new PromQLError("no match[] parameter provided");
    return ok(selectSeries(storage, matchParams, startMs, endMs).map((s) => s.labels));
  } catch (err) {
    return errorResponse(err);
  }
}

export function labelsQuery(storage: Storage, matchParams: string[], startMs: number, endMs: number): ApiResponse {
  try {
    const names = new Set<string>();
    for (const s of selectSeries(storage, matchParams, startMs, endMs)) for (const k of Object.keys(s.labels)) names.add(k);
    return ok([...names].sort());
  } catch (err) {
    return errorResponse(err);
  }
}

export function labelValuesQuery(storage: Storage, name: string, matchParams: string[], startMs: number, endMs: number): ApiResponse {
  try {
    const values = new Set<string>();
    for (const s of selectSeries(storage, matchParams, startMs, endMs)) {
      const v = s.labels[name];
      if (v !== undefined && v !== "") values.add(v);
    }
    return ok([...values].sort());
  } catch (err) {
    return errorResponse(err);
  }
}
