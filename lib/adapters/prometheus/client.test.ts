import { describe, expect, it } from "vitest";
import { prometheusSettings } from "@/lib/env";
import { createPrometheusClient } from "./client";

const settings = (extra: Record<string, string> = {}) => prometheusSettings({ PROMETHEUS_URL: "http://prom:9090/", PROMETHEUS_TIMEOUT_MS: "200", ...extra });
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("Prometheus client", () => {
  it("posts the query with the bearer token and parses a matrix to points in ms", async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const client = createPrometheusClient(settings({ PROMETHEUS_BEARER_TOKEN: "s3cret" }), async (url, init) => {
      seen = { url: String(url), init: init! };
      return json({ status: "success", data: { resultType: "matrix", result: [{ metric: { revision_name: "r1" }, values: [[1700000000, "0.25"], [1700000015.5, "NaN"]] }] } });
    });
    const r = await client.queryRange("up", { startMs: 1_700_000_000_000, endMs: 1_700_000_015_000, stepSec: 15 });
    expect(r).toEqual({ ok: true, data: [{ labels: { revision_name: "r1" }, points: [[1_700_000_000_000, 0.25], [1_700_000_015_500, NaN]] }] });
    expect(seen?.url).toBe("http://prom:9090/api/v1/query_range");
    expect((seen?.init.headers as Record<string, string>).authorization).toBe("Bearer s3cret");
    expect(String(seen?.init.body)).toBe("query=up&start=1700000000&end=1700000015&step=15");
  });

  it("turns every failure into a reason", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    expect(await createPrometheusClient(settings(), async () => Promise.reject(refused)).query("up")).toEqual({ ok: false, reason: "Prometheus at http://prom:9090 refused the connection (is it running?)" });
    const slow = createPrometheusClient(settings(), (_url, init) => new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))));
    expect(await slow.query("up")).toEqual({ ok: false, reason: "Prometheus at http://prom:9090 did not answer within 0.2 s" });
    const bad = createPrometheusClient(settings(), async () => json({ status: "error", errorType: "bad_data", error: "parse error" }, 400));
    expect(await bad.query("up(")).toEqual({ ok: false, reason: "Prometheus rejected the query: parse error" });
    expect(await createPrometheusClient(settings(), async () => json({}, 403)).query("up")).toMatchObject({ ok: false, reason: expect.stringContaining("PROMETHEUS_BEARER_TOKEN") });
    expect(await createPrometheusClient(prometheusSettings({})).query("up")).toEqual({ ok: false, reason: "PROMETHEUS_URL is not configured" });
  });

  it("validates label names from the environment", () => {
    expect(() => prometheusSettings({ PROMETHEUS_DCGM_LABEL_POD: "exported-pod" })).toThrow(/PROMETHEUS_DCGM_LABEL_POD/);
    expect(prometheusSettings({ PROMETHEUS_DCGM_LABEL_POD: "exported_pod" }).PROMETHEUS_DCGM_LABEL_POD).toBe("exported_pod");
  });
});
