import type { IncomingMessage, ServerResponse } from "node:http";
import { PromQLError } from "../promql/ast";
import { errorResponse, instantQuery, labelsQuery, labelValuesQuery, parseStep, parseTime, rangeQuery, seriesQuery, type ApiResponse } from "../promql/api";
import type { Storage } from "../promql/evaluate";
import { renderExposition } from "./exposition";
import type { MetricsModel } from "./model";

// /metrics (Prometheus text format) and the Prometheus HTTP API under /api/v1/. Both need no
// token, like an in-cluster Prometheus behind a network policy. Paths are checked before the
// Kubernetes API's, which has no /api/v1/query* resources.

const PROM_PATHS = /^\/api\/v1\/(query|query_range|series|labels|label\/[^/]+\/values|status\/buildinfo)$/;

export function isMetricsPath(pathname: string): boolean {
  return pathname === "/metrics" || PROM_PATHS.test(pathname);
}

async function readParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search);
  if (req.method === "POST") {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    for (const [k, v] of body) params.append(k, v);
  }
  return params;
}

function send(res: ServerResponse, r: ApiResponse): void {
  res.writeHead(r.status, { "content-type": "application/json" }).end(JSON.stringify(r.body));
}

export function createMetricsHandler(model: MetricsModel, intervalMs: number) {
  const storage = (): Storage => {
    const series = model.allSeries();
    return { series: () => series, intervalMs, nowMs: Date.now() };
  };
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.pathname;
    if (path === "/metrics") {
      const now = Date.now();
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }).end(renderExposition(model.liveSeries(), model.families, now));
      return;
    }
    if (req.method !== "GET" && req.method !== "POST") {
      send(res, { status: 405, body: { status: "error", errorType: "bad_data", error: "method not allowed" } });
      return;
    }
    let params: URLSearchParams;
    try {
      params = await readParams(req, url);
    } catch (err) {
      send(res, errorResponse(err));
      return;
    }
    const st = storage();
    const now = st.nowMs;
    try {
      const match = params.getAll("match[]");
      if (path === "/api/v1/query") {
        send(res, instantQuery(st, params.get("query") ?? "", parseTime(params.get("time") ?? undefined, now, "time")));
      } else if (path === "/api/v1/query_range") {
        const start = parseTime(params.get("start") ?? undefined, NaN, "start");
        const end = parseTime(params.get("end") ?? undefined, NaN, "end");
        if (Number.isNaN(start)) throw new PromQLError('invalid parameter "start": cannot parse "" to a valid timestamp');
        if (Number.isNaN(end)) throw new PromQLError('invalid parameter "end": cannot parse "" to a valid timestamp');
        send(res, rangeQuery(st, params.get("query") ?? "", start, end, parseStep(params.get("step") ?? undefined)));
      } else if (path === "/api/v1/series") {
        send(res, seriesQuery(st, match, parseTime(params.get("start") ?? undefined, model.historyStartMs, "start"), parseTime(params.get("end") ?? undefined, now, "end")));
      } else if (path === "/api/v1/labels") {
        send(res, labelsQuery(st, match, parseTime(params.get("start") ?? undefined, model.historyStartMs, "start"), parseTime(params.get("end") ?? undefined, now, "end")));
      } else if (path === "/api/v1/status/buildinfo") {
        send(res, { status: 200, body: { status: "success", data: { version: "2.53.0-gantry-sim", revision: "sim", branch: "sim", buildUser: "gantry", buildDate: "", goVersion: "" } } });
      } else {
        const name = decodeURIComponent(path.split("/")[4] ?? "");
        send(res, labelValuesQuery(st, name, match, parseTime(params.get("start") ?? undefined, model.historyStartMs, "start"), parseTime(params.get("end") ?? undefined, now, "end")));
      }
    } catch (err) {
      send(res, errorResponse(err));
    }
  };
}
