import { describe, expect, it } from "vitest";
import { deploymentQueries, fleetQueries, metricsRuntimeOf, poolQueries, rangePlan, RANGES } from "./queries";

describe("PromQL builders", () => {
  it("pick the runtime's metrics", () => {
    const k = deploymentQueries({ namespace: "fraud", name: "scorer", runtime: "kserve" }, "5m");
    expect(k.latencyP99?.query).toBe('histogram_quantile(0.99, sum by (le, revision_name) (rate(request_predict_seconds_bucket{namespace="fraud", model_name="scorer"}[5m])))');
    expect(k.requestRate?.query).toBe('sum by (revision_name) (rate(request_predict_seconds_count{namespace="fraud", model_name="scorer"}[5m]))');
    expect(k.errorRatio?.query).toContain('revision_request_count{namespace_name="fraud", configuration_name="scorer-predictor", response_code_class!="5xx"}[5m]');
    expect(k.tokensPerSec).toBeUndefined();

    const v = deploymentQueries({ namespace: "assistant", name: "llama", runtime: "vllm" }, "2m");
    expect(v.latencyP95?.query).toContain("vllm:e2e_request_latency_seconds_bucket");
    expect(v.tokensPerSec?.query).toBe('sum by (revision_name) (rate(vllm:generation_tokens_total{namespace="assistant", model_name="llama"}[2m]))');
    expect(v.ttftP95?.query).toContain("vllm:time_to_first_token_seconds_bucket");
    expect(v.queueDepth?.query).toBe('sum by (revision_name) (vllm:num_requests_waiting{namespace="assistant", model_name="llama"})');

    const t = deploymentQueries({ namespace: "search", name: "resnet", runtime: "triton" }, "1m");
    // Triton counters have no _total; its latency comes from the queue-proxy histogram in ms.
    expect(t.requestRate?.query).toContain('nv_inference_request_success{namespace="search", model="resnet"}');
    expect(t.latencyP50?.query).toMatch(/revision_request_latencies_bucket\{.*\}\[1m\]\)\)\) \/ 1000$/);
    expect(t.errorRatio?.query).toContain("nv_inference_request_failure");
  });

  it("join GPU series to the deployment's pods with configurable labels", () => {
    const q = deploymentQueries({ namespace: "ml", name: "a.b", runtime: "kserve" }, "5m", { namespace: "namespace", revision: "rev", dcgmNamespace: "exported_namespace", dcgmPod: "exported_pod", dcgmHostname: "hostname" });
    expect(q.gpuUtil?.query).toBe('avg by (exported_pod) (DCGM_FI_DEV_GPU_UTIL{exported_namespace="ml", exported_pod=~"a\\\\.b-predictor-.+"})');
    expect(q.latencyP50?.query).toContain("sum by (le, rev)");
    expect(poolQueries(["n-1", "n-2"], { namespace: "namespace", revision: "rev", dcgmNamespace: "ns", dcgmPod: "p", dcgmHostname: "hostname" }).gpuHeatmap.query).toBe('max by (hostname, gpu) (DCGM_FI_DEV_GPU_UTIL{hostname=~"n-1|n-2"})');
    expect(poolQueries([]).poolUtil.query).toContain('Hostname=~"^$"');
  });

  it("fleet queries map GPUs to deployments with label_replace", () => {
    const f = fleetQueries("5m");
    expect(f.gpuUtilByDeployment.query).toBe('avg by (namespace, deployment) (label_replace(DCGM_FI_DEV_GPU_UTIL{pod=~".+-predictor-.+"}, "deployment", "$1", "pod", "(.+)-predictor-.+"))');
    expect(f.gpuUtilMaxHourByDeployment.query).toContain("max_over_time(DCGM_FI_DEV_GPU_UTIL{pod=~\".+-predictor-.+\"}[1h])");
  });

  it("maps runtimes", () => {
    expect(metricsRuntimeOf("kserve-vllmserver")).toBe("vllm");
    expect(metricsRuntimeOf("kserve-tritonserver")).toBe("triton");
    expect(metricsRuntimeOf("kserve-sklearnserver")).toBe("kserve");
    expect(metricsRuntimeOf(undefined)).toBe("kserve");
  });

  it("keeps every range under 500 points", () => {
    for (const r of RANGES) {
      const p = rangePlan(r);
      expect(p.rangeSec / p.stepSec + 1, r).toBeLessThan(500);
    }
    expect(rangePlan("15m")).toEqual({ rangeSec: 900, stepSec: 15, window: "1m" });
    expect(rangePlan("7d").stepSec).toBe(1800);
  });
});
