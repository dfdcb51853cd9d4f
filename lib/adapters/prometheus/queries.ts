import type { TUnit } from "@/lib/domain/metrics/ranges";

export { RANGES, rangePlan, type TMetricsRange, type TUnit } from "@/lib/domain/metrics/ranges";

// PromQL builders: which series answer which question for which serving runtime. Pure
// functions of the deployment, the rate window and the setup's label names, so they can be
// unit-tested and checked against a real Prometheus (sim/test/prometheus-contract.test.ts).
//
// Sources of the names: reference/metrics/METRICS.md (KServe model server, vLLM, Triton,
// dcgm-exporter) and Knative's queue-proxy metrics (revision_request_count,
// revision_request_latencies in ms, labelled namespace_name/configuration_name/revision_name).

export type TMetricsRuntime = "kserve" | "vllm" | "triton";

/** Label names that differ between scrape setups (e.g. exported_pod with honorLabels: false). */
export type TPromLabelNames = {
  /** Namespace target label on model-server series. */
  namespace: string;
  /** Revision label on model-server series (relabelled from serving.knative.dev/revision). */
  revision: string;
  dcgmNamespace: string;
  dcgmPod: string;
  dcgmHostname: string;
};

export const DEFAULT_LABEL_NAMES: TPromLabelNames = { namespace: "namespace", revision: "revision_name", dcgmNamespace: "namespace", dcgmPod: "pod", dcgmHostname: "Hostname" };

/** The runtime family from a ServingRuntime name or model format (kserve-vllmserver → vllm). */
export function metricsRuntimeOf(runtimeOrFormat: string | null | undefined): TMetricsRuntime {
  const s = (runtimeOrFormat ?? "").toLowerCase();
  if (s.includes("vllm") || s.includes("huggingface")) return "vllm";
  if (s.includes("triton") || s === "onnx" || s === "tensorrt") return "triton";
  return "kserve";
}

export type TQuerySpec = {
  title: string;
  unit: TUnit;
  query: string;
  /** Label that names a line (revision, pod, quantile…). */
  seriesLabel: string;
  /** Fixed line name when the query returns one line per label value of seriesLabel plus this suffix. */
  suffix?: string;
};

const q = (s: string) => JSON.stringify(s);
const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export type TDeploymentRef = { namespace: string; name: string; runtime: TMetricsRuntime };

export type TDeploymentPanelKey =
  | "latencyP50"
  | "latencyP95"
  | "latencyP99"
  | "requestRate"
  | "errorRatio"
  | "gpuUtil"
  | "gpuMemory"
  | "tokensPerSec"
  | "ttftP95"
  | "queueDepth";

/** Every query a deployment's dashboard runs, keyed by panel. `window` is a PromQL duration ("5m"). */
export function deploymentQueries(d: TDeploymentRef, window: string, L: TPromLabelNames = DEFAULT_LABEL_NAMES): Partial<Record<TDeploymentPanelKey, TQuerySpec>> {
  const rev = L.revision;
  const knSel = `namespace_name=${q(d.namespace)}, configuration_name=${q(`${d.name}-predictor`)}`;
  const podRe = `${reEscape(d.name)}-predictor-.+`;
  const dcgmSel = `${L.dcgmNamespace}=${q(d.namespace)}, ${L.dcgmPod}=~${q(podRe)}`;
  const knativeErrors = `1 - (sum by (revision_name) (rate(revision_request_count{${knSel}, response_code_class!="5xx"}[${window}])) / sum by (revision_name) (rate(revision_request_count{${knSel}}[${window}])))`;
  const out: Partial<Record<TDeploymentPanelKey, TQuerySpec>> = {};

  const latency = (phi: number, metricBucket: string, sel: string, scale = "") =>
    `histogram_quantile(${phi}, sum by (le, ${sel === knSel ? "revision_name" : rev}) (rate(${metricBucket}{${sel}}[${window}])))${scale}`;

  if (d.runtime === "kserve") {
    const sel = `${L.namespace}=${q(d.namespace)}, model_name=${q(d.name)}`;
    for (const [key, phi] of [["latencyP50", 0.5], ["latencyP95", 0.95], ["latencyP99", 0.99]] as const) {
      out[key] = { title: `Latency p${Math.round(phi * 100)}`, unit: "seconds", query: latency(phi, "request_predict_seconds_bucket", sel), seriesLabel: rev };
    }
    out.requestRate = { title: "Requests/s", unit: "reqps", query: `sum by (${rev}) (rate(request_predict_seconds_count{${sel}}[${window}]))`, seriesLabel: rev };
    out.errorRatio = { title: "Error rate", unit: "ratio", query: knativeErrors, seriesLabel: "revision_name" };
  } else if (d.runtime === "vllm") {
    const sel = `${L.namespace}=${q(d.namespace)}, model_name=${q(d.name)}`;
    for (const [key, phi] of [["latencyP50", 0.5], ["latencyP95", 0.95], ["latencyP99", 0.99]] as const) {
      out[key] = { title: `Latency p${Math.round(phi * 100)}`, unit: "seconds", query: latency(phi, "vllm:e2e_request_latency_seconds_bucket", sel), seriesLabel: rev };
    }
    out.requestRate = { title: "Requests/s", unit: "reqps", query: `sum by (${rev}) (rate(vllm:request_success_total{${sel}}[${window}]))`, seriesLabel: rev };
    out.errorRatio = { title: "Error rate", unit: "ratio", query: knativeErrors, seriesLabel: "revision_name" };
    out.tokensPerSec = { title: "Generated tokens/s", unit: "tokps", query: `sum by (${rev}) (rate(vllm:generation_tokens_total{${sel}}[${window}]))`, seriesLabel: rev };
    out.ttftP95 = { title: "Time to first token p95", unit: "seconds", query: latency(0.95, "vllm:time_to_first_token_seconds_bucket", sel), seriesLabel: rev };
    out.queueDepth = { title: "Queued requests", unit: "count", query: `sum by (${rev}) (vllm:num_requests_waiting{${sel}})`, seriesLabel: rev };
  } else {
    const sel = `${L.namespace}=${q(d.namespace)}, model=${q(d.name)}`;
    // Triton's own latency histograms are off by default; the queue-proxy's are always there.
    for (const [key, phi] of [["latencyP50", 0.5], ["latencyP95", 0.95], ["latencyP99", 0.99]] as const) {
      out[key] = { title: `Latency p${Math.round(phi * 100)}`, unit: "seconds", query: latency(phi, "revision_request_latencies_bucket", knSel, " / 1000"), seriesLabel: "revision_name" };
    }
    const ok = `sum by (${rev}) (rate(nv_inference_request_success{${sel}}[${window}]))`;
    const failed = `sum by (${rev}) (rate(nv_inference_request_failure{${sel}}[${window}]))`;
    out.requestRate = { title: "Requests/s", unit: "reqps", query: `${ok} + ${failed}`, seriesLabel: rev };
    out.errorRatio = { title: "Error rate", unit: "ratio", query: `${failed} / (${ok} + ${failed})`, seriesLabel: rev };
  }
  out.gpuUtil = { title: "GPU utilization", unit: "percent", query: `avg by (${L.dcgmPod}) (DCGM_FI_DEV_GPU_UTIL{${dcgmSel}})`, seriesLabel: L.dcgmPod };
  out.gpuMemory = { title: "GPU memory used", unit: "mib", query: `sum by (${L.dcgmPod}) (DCGM_FI_DEV_FB_USED{${dcgmSel}})`, seriesLabel: L.dcgmPod };
  return out;
}

export type TPoolPanelKey = "poolUtil" | "gpuHeatmap";

/** A pool's GPUs are those on its nodes (the cluster knows which nodes are in which pool). */
export function poolQueries(nodes: string[], L: TPromLabelNames = DEFAULT_LABEL_NAMES): Record<TPoolPanelKey, TQuerySpec> {
  const sel = `${L.dcgmHostname}=~${q(nodes.map(reEscape).join("|") || "^$")}`;
  return {
    poolUtil: { title: "Pool GPU utilization", unit: "percent", query: `avg(DCGM_FI_DEV_GPU_UTIL{${sel}})`, seriesLabel: "" },
    // Several series per GPU when it is time-sliced or split into MIG instances: the busiest counts.
    gpuHeatmap: { title: "Utilization per GPU", unit: "percent", query: `max by (${L.dcgmHostname}, gpu) (DCGM_FI_DEV_GPU_UTIL{${sel}})`, seriesLabel: "gpu" },
  };
}

export type TFleetQueryKey = "p99ByDeployment" | "errorRatioByDeployment" | "gpuUtilByDeployment" | "gpuUtilMaxHourByDeployment";

/**
 * Fleet-wide signals for the on-call overview, one value per deployment. Latency and errors
 * come from the Knative queue-proxy, which every runtime has; a deployment is
 * (namespace_name, configuration_name = "<name>-predictor"). GPU series are mapped to their
 * deployment with label_replace on the pod name.
 */
export function fleetQueries(window: string, L: TPromLabelNames = DEFAULT_LABEL_NAMES, wasteWindow = "1h"): Record<TFleetQueryKey, TQuerySpec> {
  const podToDeployment = (inner: string) => `label_replace(${inner}, "deployment", "$1", ${q(L.dcgmPod)}, "(.+)-predictor-.+")`;
  const gpuSel = `${L.dcgmPod}=~".+-predictor-.+"`;
  return {
    p99ByDeployment: {
      title: "p99 latency",
      unit: "seconds",
      query: `histogram_quantile(0.99, sum by (le, namespace_name, configuration_name) (rate(revision_request_latencies_bucket[${window}]))) / 1000`,
      seriesLabel: "configuration_name",
    },
    errorRatioByDeployment: {
      title: "Error rate",
      unit: "ratio",
      query: `1 - (sum by (namespace_name, configuration_name) (rate(revision_request_count{response_code_class!="5xx"}[${window}])) / sum by (namespace_name, configuration_name) (rate(revision_request_count[${window}])))`,
      seriesLabel: "configuration_name",
    },
    gpuUtilByDeployment: {
      title: "GPU utilization",
      unit: "percent",
      query: `avg by (${L.dcgmNamespace}, deployment) (${podToDeployment(`DCGM_FI_DEV_GPU_UTIL{${gpuSel}}`)})`,
      seriesLabel: "deployment",
    },
    gpuUtilMaxHourByDeployment: {
      title: "Highest GPU utilization in the last hour",
      unit: "percent",
      query: `max by (${L.dcgmNamespace}, deployment) (${podToDeployment(`max_over_time(DCGM_FI_DEV_GPU_UTIL{${gpuSel}}[${wasteWindow}])`)})`,
      seriesLabel: "deployment",
    },
  };
}

export type TCanaryQueryKey = "requests" | "errors" | "p50" | "p95" | "p99" | "gpuUtil" | "p95Windows" | "errorRatioSeries" | "requestRateSeries";

/**
 * Canary vs stable, one value (or line) per revision over the canary's lifetime. Counts and
 * latency come from the Knative queue-proxy, which every runtime has (revision_name label);
 * GPU series are mapped to their revision by the pod name ({revision}-deployment-…).
 * `lifetime` and `step` are PromQL durations; the *Series and p95Windows keys are range queries.
 */
export function canaryQueries(d: Pick<TDeploymentRef, "namespace" | "name">, lifetime: string, step: string, L: TPromLabelNames = DEFAULT_LABEL_NAMES): Record<TCanaryQueryKey, TQuerySpec> {
  const knSel = `namespace_name=${q(d.namespace)}, configuration_name=${q(`${d.name}-predictor`)}`;
  const byRev = "revision_name";
  const quantile = (phi: number, window: string) => `histogram_quantile(${phi}, sum by (le, ${byRev}) (increase(revision_request_latencies_bucket{${knSel}}[${window}]))) / 1000`;
  const dcgmSel = `${L.dcgmNamespace}=${q(d.namespace)}, ${L.dcgmPod}=~${q(`${reEscape(d.name)}-predictor-.+`)}`;
  return {
    requests: { title: "Requests", unit: "count", query: `sum by (${byRev}) (increase(revision_request_count{${knSel}}[${lifetime}]))`, seriesLabel: byRev },
    errors: { title: "Errors", unit: "count", query: `sum by (${byRev}) (increase(revision_request_count{${knSel}, response_code_class="5xx"}[${lifetime}]))`, seriesLabel: byRev },
    p50: { title: "Latency p50", unit: "seconds", query: quantile(0.5, lifetime), seriesLabel: byRev },
    p95: { title: "Latency p95", unit: "seconds", query: quantile(0.95, lifetime), seriesLabel: byRev },
    p99: { title: "Latency p99", unit: "seconds", query: quantile(0.99, lifetime), seriesLabel: byRev },
    gpuUtil: {
      title: "GPU utilization",
      unit: "percent",
      query: `avg by (${byRev}) (label_replace(avg_over_time(DCGM_FI_DEV_GPU_UTIL{${dcgmSel}}[${lifetime}]), "${byRev}", "$1", ${q(L.dcgmPod)}, "(.+-predictor-[0-9]+)-.*"))`,
      seriesLabel: byRev,
    },
    p95Windows: { title: "Latency p95", unit: "seconds", query: `histogram_quantile(0.95, sum by (le, ${byRev}) (rate(revision_request_latencies_bucket{${knSel}}[${step}]))) / 1000`, seriesLabel: byRev },
    errorRatioSeries: {
      title: "Error rate",
      unit: "ratio",
      query: `sum by (${byRev}) (rate(revision_request_count{${knSel}, response_code_class="5xx"}[${step}])) / sum by (${byRev}) (rate(revision_request_count{${knSel}}[${step}]))`,
      seriesLabel: byRev,
    },
    requestRateSeries: { title: "Requests/s", unit: "reqps", query: `sum by (${byRev}) (rate(revision_request_count{${knSel}}[${step}]))`, seriesLabel: byRev },
  };
}
