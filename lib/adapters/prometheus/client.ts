import { z } from "zod";
import { prometheusSettings, type TPrometheusEnv } from "@/lib/env";
import type { TPromLabelNames } from "./queries";

// Typed client for the Prometheus HTTP API. It never throws at its callers for Prometheus
// trouble: every call returns { ok: true, data } or { ok: false, reason } in plain words, so a
// chart can say "metrics unavailable, because …" while the rest of the page renders.

export type TMetricPoint = [timeMs: number, value: number];

export type TMetricSeries = { labels: Record<string, string>; points: TMetricPoint[] };

export type TMetricsResult<T> = { ok: true; data: T } | { ok: false; reason: string };

const ZValue = z.tuple([z.number(), z.string()]);
const ZSuccess = z.object({
  status: z.literal("success"),
  data: z.discriminatedUnion("resultType", [
    z.object({ resultType: z.literal("matrix"), result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(ZValue) })) }),
    z.object({ resultType: z.literal("vector"), result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: ZValue })) }),
    z.object({ resultType: z.literal("scalar"), result: ZValue }),
    z.object({ resultType: z.literal("string"), result: ZValue }),
  ]),
});
const ZError = z.object({ status: z.literal("error"), errorType: z.string().optional(), error: z.string().optional() });

const toPoint = ([t, v]: [number, string]): TMetricPoint => [Math.round(t * 1000), Number(v)];

export type TPrometheusClient = {
  /** Instant query at `timeMs` (default now): one point per series. */
  query(query: string, timeMs?: number): Promise<TMetricsResult<TMetricSeries[]>>;
  queryRange(query: string, range: { startMs: number; endMs: number; stepSec: number }): Promise<TMetricsResult<TMetricSeries[]>>;
  readonly settings: TPrometheusEnv;
};

function describeFailure(error: unknown, url: string, timeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `Prometheus at ${url} did not answer within ${timeoutMs / 1000} s`;
  const code = e?.cause?.code ?? "";
  if (code === "ECONNREFUSED") return `Prometheus at ${url} refused the connection (is it running?)`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `the host of PROMETHEUS_URL (${url}) cannot be resolved`;
  return `Prometheus at ${url} cannot be reached (${code || e?.cause?.message || e?.message || "network error"})`;
}

export function createPrometheusClient(settings: TPrometheusEnv = prometheusSettings(), fetchImpl: typeof fetch = fetch): TPrometheusClient {
  const base = settings.PROMETHEUS_URL?.replace(/\/+$/, "");

  async function call(path: string, params: Record<string, string>): Promise<TMetricsResult<TMetricSeries[]>> {
    if (!base) return { ok: false, reason: "PROMETHEUS_URL is not configured" };
    let res: Response;
    try {
      res = await fetchImpl(`${base}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
          ...(settings.PROMETHEUS_BEARER_TOKEN ? { authorization: `Bearer ${settings.PROMETHEUS_BEARER_TOKEN}` } : {}),
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(settings.PROMETHEUS_TIMEOUT_MS),
        cache: "no-store",
      });
    } catch (error) {
      return { ok: false, reason: describeFailure(error, base, settings.PROMETHEUS_TIMEOUT_MS) };
    }
    if (res.status === 401 || res.status === 403) return { ok: false, reason: `Prometheus refused the request (HTTP ${res.status}); check PROMETHEUS_BEARER_TOKEN` };
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return { ok: false, reason: `Prometheus answered HTTP ${res.status} without a JSON body` };
    }
    const failed = ZError.safeParse(body);
    if (failed.success) return { ok: false, reason: `Prometheus rejected the query: ${failed.data.error ?? failed.data.errorType ?? "unknown error"}` };
    const parsed = ZSuccess.safeParse(body);
    if (!parsed.success) return { ok: false, reason: `Prometheus answered HTTP ${res.status} with an unexpected body` };
    const data = parsed.data.data;
    switch (data.resultType) {
      case "matrix":
        return { ok: true, data: data.result.map((s) => ({ labels: s.metric, points: s.values.map(toPoint) })) };
      case "vector":
        return { ok: true, data: data.result.map((s) => ({ labels: s.metric, points: [toPoint(s.value)] })) };
      default:
        return { ok: true, data: [{ labels: {}, points: [toPoint(data.result)] }] };
    }
  }

  return {
    settings,
    query: (query, timeMs) => call("/api/v1/query", { query, ...(timeMs !== undefined ? { time: String(timeMs / 1000) } : {}) }),
    queryRange: (query, { startMs, endMs, stepSec }) => call("/api/v1/query_range", { query, start: String(startMs / 1000), end: String(endMs / 1000), step: String(stepSec) }),
  };
}

let shared: TPrometheusClient | undefined;

/** One client per server process, built from the environment. */
export function getPrometheusClient(): TPrometheusClient {
  shared ??= createPrometheusClient();
  return shared;
}

export function promLabelNames(s: TPrometheusEnv): TPromLabelNames {
  return {
    namespace: s.PROMETHEUS_LABEL_NAMESPACE,
    revision: s.PROMETHEUS_LABEL_REVISION,
    dcgmNamespace: s.PROMETHEUS_DCGM_LABEL_NAMESPACE,
    dcgmPod: s.PROMETHEUS_DCGM_LABEL_POD,
    dcgmHostname: s.PROMETHEUS_DCGM_LABEL_HOSTNAME,
  };
}
