import { inferenceServices, nodes, pods } from "../api/resources";
import { type GpuDevice, gpuDevices, type FleetConfig } from "../fleet/fleet";
import type { Kubelet } from "../kubelet/kubelet";
import { modelSizeBytes } from "../kserve/model";
import type { Store } from "../store/store";
import type { KubeObject } from "../store/types";
import { cdf, errorWave, type LogNormal, mean, SLOW_LEVEL, slowWave, trafficWave, unit, type Wave } from "./waves";

// Synthetic traffic and metrics for every running InferenceService revision and every GPU.
// Values are a deterministic function of time, the seed and the cluster's (observed) history:
// each pod's parameters (traffic share, rate level, canary factors) are kept as segments, and
// counters are exact integrals of smooth rates over those segments.

export const ANNOTATIONS = {
  rps: "gantry.dev/sim-rps",
  latencyMs: "gantry.dev/sim-latency-ms",
  errorRate: "gantry.dev/sim-error-rate",
  capacityRps: "gantry.dev/sim-gpu-capacity-rps",
  canaryLatencyFactor: "gantry.dev/sim-canary-latency-factor",
  canaryErrorRate: "gantry.dev/sim-canary-error-rate",
} as const;

const HOUR_MS = 3_600_000;
export const HISTORY_MS = 8 * 24 * HOUR_MS;
const MAX_ERROR_RATE = 0.2;

export type SimRuntime = "kserve" | "vllm" | "triton";

export type Labels = Record<string, string>;

/** One time series: its labels (with __name__), lifetime and value at any instant. */
export interface SimSeries {
  labels: Labels;
  startMs: number;
  endMs: number | undefined;
  value(tMs: number): number;
  monotonic?: boolean;
}

export interface MetricFamily {
  name: string;
  type: "counter" | "gauge" | "histogram";
  help: string;
}

interface Segment {
  fromMs: number;
  /** This pod's share of the deployment's traffic (0 while not ready). */
  weight: number;
  rps: number;
  latency: LogNormal;
  slow: LogNormal;
  errorRate: number;
  capacityRps: number;
}

interface Parts {
  /** Per segment: requests, slow requests and errors in the window, with its segment. */
  r: number;
  s: number;
  e: number;
  seg: Segment;
}

const BUCKETS = {
  kserve: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
  ttft: [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 640, 2560],
  e2e: [0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480, 960, 1920, 7680],
  knativeMs: [5, 10, 20, 40, 60, 80, 100, 150, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 2000, 5000, 10000, 20000, 50000, 100000],
};

const fmtLe = (le: number) => (Number.isInteger(le) ? `${le}.0` : String(le));

class PodTrack {
  readonly segments: Segment[] = [];
  endMs: number | undefined;
  readonly traffic: Wave;
  readonly slowW: Wave;
  readonly errW: Wave;
  private readonly memo = new Map<number, Parts[]>();

  constructor(
    readonly key: string,
    readonly ns: string,
    readonly isvc: string,
    readonly revision: string,
    readonly pod: string,
    readonly runtime: SimRuntime,
    readonly knative: boolean,
    readonly startMs: number,
    seed: string,
  ) {
    // Pods of one deployment share the deployment's traffic shape.
    this.traffic = trafficWave(`${seed}/${ns}/${isvc}`);
    this.slowW = slowWave(`${seed}/${ns}/${isvc}/slow`);
    this.errW = errorWave(`${seed}/${ns}/${isvc}/${revision}/err`);
  }

  segmentAt(tMs: number): Segment | undefined {
    let found: Segment | undefined;
    for (const s of this.segments) {
      if (s.fromMs <= tMs) found = s;
      else break;
    }
    return found;
  }

  /** Cumulative requests / slow requests / errors from the pod's start to t, per segment. */
  parts(tMs: number): Parts[] {
    const hit = this.memo.get(tMs);
    if (hit) return hit;
    const out: Parts[] = [];
    for (let i = 0; i < this.segments.length; i++) {
      const seg = this.segments[i]!;
      if (seg.fromMs >= tMs) break;
      const next = this.segments[i + 1]?.fromMs ?? Infinity;
      const a = seg.fromMs / 1000;
      const b = Math.min(tMs, next, this.endMs ?? Infinity) / 1000;
      if (b <= a || seg.weight === 0 || seg.rps === 0) continue;
      const k = seg.rps * seg.weight;
      out.push({
        r: k * (this.traffic.integral(b) - this.traffic.integral(a)),
        s: k * SLOW_LEVEL * (this.slowW.integral(b) - this.slowW.integral(a)),
        e: k * seg.errorRate * (this.errW.integral(b) - this.errW.integral(a)),
        seg,
      });
    }
    if (this.memo.size > 4096) this.memo.clear();
    this.memo.set(tMs, out);
    return out;
  }

  /** Requests per second right now. */
  rateAt(tMs: number): number {
    const seg = this.segmentAt(tMs);
    if (!seg) return 0;
    return seg.rps * seg.weight * this.traffic.rate(tMs / 1000);
  }

  slowShareAt(tMs: number): number {
    const r = this.traffic.rate(tMs / 1000);
    return (SLOW_LEVEL * this.slowW.rate(tMs / 1000)) / r;
  }

  /** GPU utilization (0–100) this pod's traffic causes. */
  utilAt(tMs: number): number {
    const seg = this.segmentAt(tMs);
    if (!seg || seg.weight === 0) return seg ? 1 : 0;
    const load = this.rateAt(tMs) / Math.max(seg.capacityRps, 1e-9);
    return Math.min(100, Math.max(0, 2 + 90 * load * (1 + 0.4 * this.slowShareAt(tMs))));
  }
}

const sum = (parts: Parts[], f: (p: Parts) => number) => parts.reduce((n, p) => n + f(p), 0);

const rec = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function runtimeOf(pod: KubeObject): SimRuntime {
  const containers = (rec(pod.spec).containers as Record<string, unknown>[] | undefined) ?? [];
  const main = containers.find((c) => c.name === "kserve-container") ?? containers[0];
  const image = String(main?.image ?? "");
  if (/vllm/i.test(image) || (Array.isArray(main?.command) && (main.command as string[]).join(" ").includes("vllm"))) return "vllm";
  if (/tritonserver/i.test(image)) return "triton";
  return "kserve";
}

const num = (v: string | undefined, dflt: number, min = 0, max = Infinity): number => {
  const n = Number(v);
  return v !== undefined && v !== "" && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : dflt;
};

interface DeviceRef {
  node: string;
  device: GpuDevice;
  /** GPU model as dcgm-exporter names it ("NVIDIA H100 80GB HBM3"). */
  modelName: string;
}

const GPU_POWER: [RegExp, number, number][] = [
  [/H100|H200/, 70, 700],
  [/A100/, 55, 400],
  [/L4/, 16, 72],
  [/T4/, 10, 70],
];

export interface MetricsModelOptions {
  seed: string;
  /** Series seen within this long after start are given full history (the seeded fleet). */
  backfillGraceMs?: number;
  nowMs?: () => number;
}

export class MetricsModel {
  readonly families = new Map<string, MetricFamily>();
  private readonly tracks = new Map<string, PodTrack>();
  private readonly series = new Map<string, SimSeries>();
  private readonly startedMs: number;
  private lastRefresh = -Infinity;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    private readonly kubelet: Kubelet,
    private readonly fleet: FleetConfig,
    private readonly opts: MetricsModelOptions,
  ) {
    this.now = opts.nowMs ?? Date.now;
    this.startedMs = this.now();
  }

  get historyStartMs(): number {
    return this.startedMs - HISTORY_MS;
  }

  /** Every series known (live and ended), after bringing the model up to date. */
  allSeries(): SimSeries[] {
    this.refresh();
    return [...this.series.values()];
  }

  liveSeries(): SimSeries[] {
    return this.allSeries().filter((s) => s.endMs === undefined);
  }

  private startFor(now: number): number {
    return now - this.startedMs <= (this.opts.backfillGraceMs ?? 10 * 60_000) ? this.historyStartMs : now;
  }

  /** Observes the cluster and records changes as new segments/series (at most every 250 ms). */
  refresh(force = false): void {
    const now = this.now();
    if (!force && now - this.lastRefresh < 250) return;
    this.lastRefresh = now;
    const inGrace = this.startFor(now) !== now;
    const running = this.kubelet.runningPods();
    const seen = new Set<string>();
    const assigned = new Map<string, PodTrack>();

    // Ready pods per revision, for the traffic share.
    const readyPerRev = new Map<string, number>();
    for (const p of running) {
      const isvc = p.labels["serving.kserve.io/inferenceservice"];
      if (!isvc || !p.ready) continue;
      const rev = p.labels["serving.knative.dev/revision"] ?? `${isvc}-predictor`;
      readyPerRev.set(`${p.namespace}/${rev}`, (readyPerRev.get(`${p.namespace}/${rev}`) ?? 0) + 1);
    }

    for (const p of running) {
      const isvcName = p.labels["serving.kserve.io/inferenceservice"];
      if (!isvcName) continue;
      const pod = this.store.get(pods, p.namespace, p.name);
      const isvc = this.store.get(inferenceServices, p.namespace, isvcName);
      if (!pod || !isvc) continue;
      const knative = p.labels["serving.knative.dev/revision"] !== undefined;
      const revision = p.labels["serving.knative.dev/revision"] ?? `${isvcName}-predictor`;
      const key = `${p.namespace}/${p.name}`;
      seen.add(key);
      let track = this.tracks.get(key);
      if (!track) {
        track = new PodTrack(key, p.namespace, isvcName, revision, p.name, runtimeOf(pod), knative, this.startFor(now), this.opts.seed);
        this.tracks.set(key, track);
        this.addPodSeries(track, pod);
      }
      const seg = this.segmentFor(track, isvc, p.ready, readyPerRev.get(`${p.namespace}/${revision}`) ?? 1, now);
      const last = track.segments.at(-1);
      if (!last) track.segments.push({ ...seg, fromMs: track.startMs });
      else if (!sameSegment(last, seg)) track.segments.push(seg);
      for (const d of p.gpus) assigned.set(`${p.node}/${d.id}`, track);
    }
    for (const [key, track] of this.tracks) {
      if (seen.has(key) || track.endMs !== undefined) continue;
      track.endMs = now;
      for (const s of this.series.values()) if ((s as SeriesWithOwner).owner === key && s.endMs === undefined) s.endMs = now;
    }
    this.refreshGpus(assigned, now, inGrace);
    // Forget what ended before the oldest history anyone can ask for.
    for (const [k, s] of this.series) if (s.endMs !== undefined && s.endMs < now - HISTORY_MS) this.series.delete(k);
    for (const [k, t] of this.tracks) if (t.endMs !== undefined && t.endMs < now - HISTORY_MS) this.tracks.delete(k);
  }

  private segmentFor(track: PodTrack, isvc: KubeObject, ready: boolean, readyInRev: number, now: number): Segment {
    const a = isvc.metadata.annotations ?? {};
    const traffic = (rec(rec(rec(isvc.status).components).predictor).traffic as { revisionName?: string; percent?: number; latestRevision?: boolean }[] | undefined) ?? [];
    const routed = traffic.filter((t) => (t.percent ?? 0) > 0);
    const percent = track.knative ? routed.filter((t) => t.revisionName === track.revision).reduce((n, t) => n + (t.percent ?? 0), 0) : 100;
    const isCanary = routed.length > 1 && routed.some((t) => t.latestRevision && t.revisionName === track.revision);
    const dfltRps = track.runtime === "vllm" ? 2 + unit(`${track.ns}/${track.isvc}/rps`) * 4 : 8 + Math.round(unit(`${track.ns}/${track.isvc}/rps`) * 40);
    const rps = num(a[ANNOTATIONS.rps], dfltRps, 0);
    const dfltLat = track.runtime === "vllm" ? 2500 : track.runtime === "triton" ? 12 : 35;
    let latencyMs = num(a[ANNOTATIONS.latencyMs], dfltLat, 0.1);
    let errorRate = num(a[ANNOTATIONS.errorRate], 0.002 + unit(`${track.ns}/${track.isvc}/err`) * 0.006, 0, MAX_ERROR_RATE);
    if (isCanary) {
      latencyMs *= num(a[ANNOTATIONS.canaryLatencyFactor], 1, 0.01);
      errorRate = num(a[ANNOTATIONS.canaryErrorRate], errorRate, 0, MAX_ERROR_RATE);
    }
    const median = latencyMs / 1000;
    return {
      fromMs: now,
      weight: ready ? percent / 100 / Math.max(readyInRev, 1) : 0,
      rps,
      latency: { median, sigma: 0.35 },
      slow: { median: median * 3.2, sigma: 0.45 },
      errorRate,
      capacityRps: num(a[ANNOTATIONS.capacityRps], rps * 1.15, 0.001),
    };
  }

  private family(name: string, type: MetricFamily["type"], help: string): void {
    if (!this.families.has(name)) this.families.set(name, { name, type, help });
  }

  private add(owner: string, startMs: number, labels: Labels, compute: (t: number) => number, monotonic = false): void {
    const key = JSON.stringify(labels);
    // The past never changes (segments are only appended at "now"), so values before the last
    // refresh are cached: the p50/p95/p99 queries of a dashboard share their bucket rates, and a
    // refreshing chart recomputes only its newest step.
    const cache = new Map<number, number>();
    const value = (t: number): number => {
      if (t > this.lastRefresh) return compute(t);
      let v = cache.get(t);
      if (v === undefined) {
        v = compute(t);
        if (cache.size >= 1500) cache.clear();
        cache.set(t, v);
      }
      return v;
    };
    const s: SeriesWithOwner = { labels, startMs, endMs: undefined, value, owner, monotonic };
    this.series.set(key, s);
  }

  /** Histogram series (_bucket per le, _sum, _count) from a per-segment distribution. */
  private histogram(
    track: PodTrack,
    name: string,
    help: string,
    base: Labels,
    les: number[],
    bucket: (parts: Parts[], le: number) => number,
    sumOf: (parts: Parts[]) => number,
    countOf: (parts: Parts[]) => number,
  ): void {
    this.family(name, "histogram", help);
    for (const le of les) this.add(track.key, track.startMs, { __name__: `${name}_bucket`, ...base, le: fmtLe(le) }, (t) => Math.floor(bucket(track.parts(t), le)), true);
    this.add(track.key, track.startMs, { __name__: `${name}_bucket`, ...base, le: "+Inf" }, (t) => Math.floor(countOf(track.parts(t))), true);
    this.add(track.key, track.startMs, { __name__: `${name}_sum`, ...base }, (t) => sumOf(track.parts(t)), true);
    this.add(track.key, track.startMs, { __name__: `${name}_count`, ...base }, (t) => Math.floor(countOf(track.parts(t))), true);
  }

  private counter(track: PodTrack, name: string, help: string, labels: Labels, f: (parts: Parts[]) => number): void {
    const base = name.replace(/_total$/, "");
    this.family(base, "counter", help);
    this.add(track.key, track.startMs, { __name__: name, ...labels }, (t) => Math.floor(f(track.parts(t))), true);
  }

  private gauge(track: PodTrack, name: string, help: string, labels: Labels, f: (t: number) => number): void {
    this.family(name, "gauge", help);
    this.add(track.key, track.startMs, { __name__: name, ...labels }, f);
  }

  private addPodSeries(track: PodTrack, pod: KubeObject): void {
    // Target labels a PodMonitor with the usual relabelling adds to the model server's series.
    const target: Labels = { namespace: track.ns, pod: track.pod, revision_name: track.revision };
    // Latency of one request: fast path vs slow path, in seconds.
    const lat = (parts: Parts[], le: number, scale = 1) => sum(parts, (p) => cdf(p.seg.latency, le / scale) * (p.r - p.s) + cdf(p.seg.slow, le / scale) * p.s);
    const latSum = (parts: Parts[], scale = 1) => sum(parts, (p) => scale * (mean(p.seg.latency) * (p.r - p.s) + mean(p.seg.slow) * p.s));
    const total = (parts: Parts[]) => sum(parts, (p) => p.r);
    const errors = (parts: Parts[]) => sum(parts, (p) => p.e);
    const ok = (parts: Parts[]) => sum(parts, (p) => p.r - p.e);

    if (track.runtime === "kserve") {
      const l = { model_name: track.isvc, ...target };
      this.histogram(track, "request_predict_seconds", "predict latency", l, BUCKETS.kserve, (ps, le) => lat(ps, le), (ps) => latSum(ps), total);
      for (const step of ["preprocess", "postprocess"]) {
        const d: LogNormal = { median: 0.0004, sigma: 0.3 };
        this.histogram(track, `request_${step}_seconds`, `${step} latency`, l, BUCKETS.kserve, (ps, le) => cdf(d, le) * total(ps), (ps) => mean(d) * total(ps), total);
      }
    } else if (track.runtime === "vllm") {
      const l = { model_name: track.isvc, engine: "0", ...target };
      this.counter(track, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", l, (ps) => 420 * total(ps));
      this.counter(track, "vllm:generation_tokens_total", "Number of generation tokens processed.", l, (ps) => 180 * total(ps) + 60 * sum(ps, (p) => p.s));
      this.counter(track, "vllm:request_success_total", "Count of successfully processed requests.", { ...l, finished_reason: "stop" }, (ps) => 0.86 * ok(ps));
      this.counter(track, "vllm:request_success_total", "Count of successfully processed requests.", { ...l, finished_reason: "length" }, (ps) => 0.14 * ok(ps));
      this.counter(track, "vllm:request_success_total", "Count of successfully processed requests.", { ...l, finished_reason: "abort" }, errors);
      this.histogram(track, "vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", l, BUCKETS.e2e, (ps, le) => lat(ps, le), (ps) => latSum(ps), total);
      // Time to first token: about 5 % of the end-to-end latency, with the same slow path.
      this.histogram(track, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", l, BUCKETS.ttft, (ps, le) => lat(ps, le, 0.05), (ps) => latSum(ps, 0.05), total);
      this.gauge(track, "vllm:num_requests_running", "Number of requests in model execution batches.", l, (t) => Math.round(track.rateAt(t) * mean(track.segmentAt(t)?.latency ?? { median: 0, sigma: 0 })));
      this.gauge(track, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", l, (t) => Math.round(track.rateAt(t) * 40 * Math.max(0, track.slowShareAt(t) - 0.05)));
      this.gauge(track, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", l, (t) => Math.min(0.99, track.utilAt(t) / 105));
    } else {
      const l = { model: track.isvc, version: "1", ...target };
      this.counter(track, "nv_inference_request_success", "Number of successful inference requests, all batch sizes", l, ok);
      for (const reason of ["REJECTED", "CANCELED", "BACKEND", "OTHER"]) {
        this.counter(track, "nv_inference_request_failure", "Number of failed inference requests, all batch sizes", { ...l, reason }, reason === "BACKEND" ? errors : () => 0);
      }
      this.counter(track, "nv_inference_count", "Number of inferences performed (does not include cached requests)", l, (ps) => 2 * ok(ps));
      this.counter(track, "nv_inference_exec_count", "Number of model executions performed (does not include cached requests)", l, (ps) => 1.2 * ok(ps));
      this.counter(track, "nv_inference_request_duration_us", "Cumulative inference request duration in microseconds (includes cached requests)", l, (ps) => latSum(ps, 1e6));
      this.counter(track, "nv_inference_queue_duration_us", "Cumulative inference queuing duration in microseconds (includes cached requests)", l, (ps) => latSum(ps, 1e5));
      this.counter(track, "nv_inference_compute_infer_duration_us", "Cumulative compute inference duration in microseconds (does not include cached requests)", l, (ps) => latSum(ps, 8e5));
      this.gauge(track, "nv_inference_pending_request_count", "Instantaneous number of pending requests awaiting execution per-model.", l, (t) => Math.round(track.rateAt(t) * 0.02 * (1 + 20 * track.slowShareAt(t))));
    }

    if (track.knative) {
      const cfg = `${track.isvc}-predictor`;
      const kl = (code: string): Labels => ({
        configuration_name: cfg,
        container_name: "queue-proxy",
        namespace_name: track.ns,
        pod_name: track.pod,
        response_code: code,
        response_code_class: `${code[0]}xx`,
        revision_name: track.revision,
        service_name: cfg,
      });
      this.counter(track, "revision_request_count", "The number of requests that are routed to queue-proxy", kl("200"), ok);
      this.counter(track, "revision_request_count", "The number of requests that are routed to queue-proxy", kl("500"), errors);
      // queue-proxy adds about 2 ms; errors fail fast.
      const okLat = (ps: Parts[], le: number) => sum(ps, (p) => cdf(p.seg.latency, (le - 2) / 1000) * (p.r - p.s - p.e) + cdf(p.seg.slow, (le - 2) / 1000) * p.s);
      const okSum = (ps: Parts[]) => sum(ps, (p) => 1000 * (mean(p.seg.latency) * (p.r - p.s - p.e) + mean(p.seg.slow) * p.s) + 2 * (p.r - p.e));
      this.histogram(track, "revision_request_latencies", "The response time in millisecond", kl("200"), BUCKETS.knativeMs, okLat, okSum, ok);
      const errLat = (ps: Parts[], le: number) => sum(ps, (p) => cdf(p.seg.latency, (le - 2) / 1000) * p.e);
      this.histogram(track, "revision_request_latencies", "The response time in millisecond", kl("500"), BUCKETS.knativeMs, errLat, (ps) => sum(ps, (p) => (1000 * mean(p.seg.latency) + 2) * p.e), errors);
    }
    void pod;
  }

  // ---- GPUs (dcgm-exporter) ----------------------------------------------------------

  private devices(): DeviceRef[] {
    const out: DeviceRef[] = [];
    for (const node of this.store.list(nodes)) {
      const poolName = node.metadata.labels?.["gantry.dev/pool"];
      const pool = this.fleet.pools.find((p) => p.name === poolName);
      if (!pool?.gpu) continue;
      const modelName = pool.gpu.product.replace(/-/g, " ");
      for (const device of gpuDevices(pool, node.metadata.name ?? "")) out.push({ node: node.metadata.name ?? "", device, modelName });
    }
    return out;
  }

  private refreshGpus(assigned: Map<string, PodTrack>, now: number, inGrace: boolean): void {
    // One series per physical GPU or MIG instance and holder; replicas of a shared GPU held by
    // nobody collapse into one unassigned series.
    const want = new Map<string, { ref: DeviceRef; track: PodTrack | undefined; replica: string | undefined }>();
    const byPhysical = new Map<string, DeviceRef[]>();
    for (const ref of this.devices()) {
      const k = `${ref.node}/${ref.device.uuid}`;
      byPhysical.set(k, [...(byPhysical.get(k) ?? []), ref]);
    }
    for (const [k, refs] of byPhysical) {
      const held = refs.filter((r) => assigned.has(`${r.node}/${r.device.id}`));
      if (held.length === 0) want.set(`gpu:${k}:`, { ref: refs[0]!, track: undefined, replica: undefined });
      for (const r of held) {
        const track = assigned.get(`${r.node}/${r.device.id}`)!;
        const replica = r.device.id.includes("::") ? r.device.id.split("::")[1] : undefined;
        want.set(`gpu:${k}:${track.key}`, { ref: r, track, replica });
      }
    }
    for (const [key, w] of want) {
      if (this.gpuSeriesKeys.has(key)) continue;
      const startMs = w.track ? w.track.startMs : this.startFor(now);
      this.addGpuSeries(key, w.ref, w.track, w.replica, startMs);
    }
    for (const key of this.gpuSeriesKeys) {
      if (want.has(key)) continue;
      this.gpuSeriesKeys.delete(key);
      for (const [sk, s] of this.series) {
        if ((s as SeriesWithOwner).owner !== key) continue;
        // A GPU taken by a pod of the seeded fleet never was idle: drop its idle history.
        if (inGrace && s.startMs === this.historyStartMs) this.series.delete(sk);
        else if (s.endMs === undefined) s.endMs = now;
      }
    }
  }

  private readonly gpuSeriesKeys = new Set<string>();

  private addGpuSeries(owner: string, ref: DeviceRef, track: PodTrack | undefined, replica: string | undefined, startMs: number): void {
    this.gpuSeriesKeys.add(owner);
    const d = ref.device;
    const labels: Labels = {
      gpu: String(d.index),
      UUID: d.uuid,
      pci_bus_id: `00000000:${(0x18 + d.index * 0x10).toString(16).toUpperCase().padStart(2, "0")}:00.0`,
      device: `nvidia${d.index}`,
      modelName: ref.modelName,
      Hostname: ref.node,
      DCGM_FI_DRIVER_VERSION: "550.90.07",
      ...(d.migProfile ? { GPU_I_PROFILE: d.migProfile, GPU_I_ID: String(Number.parseInt(d.uuid.slice(-2), 16) % 7) } : {}),
      ...(replica !== undefined ? { vgpu: replica } : {}),
      ...(track ? { container: "kserve-container", namespace: track.ns, pod: track.pod } : {}),
    };
    const jitter = unit(`${this.opts.seed}/${d.uuid}`) * 2 * Math.PI;
    const util = (t: number) => {
      if (!track) return 0;
      const u = track.utilAt(t);
      return u <= 1 ? u : Math.min(100, Math.max(0, u + 2 * Math.sin(t / 37_000 + jitter)));
    };
    const memTotal = d.memoryMiB;
    const reserved = Math.round(memTotal * 0.006);
    let used = 0;
    if (track) {
      const isvc = this.store.get(inferenceServices, track.ns, track.isvc);
      const model = rec(rec(rec(isvc?.spec).predictor).model);
      const bytes = modelSizeBytes(typeof model.storageUri === "string" ? model.storageUri : undefined, isvc?.metadata.annotations);
      const gpus = Math.max(1, this.kubelet.podGpus(track.ns, track.pod).length);
      used = track.runtime === "vllm" ? Math.round(memTotal * 0.9) : Math.min(memTotal - reserved, Math.round(bytes / gpus / 2 ** 20 + 600));
    }
    const [, idleW, maxW] = GPU_POWER.find(([re]) => re.test(ref.modelName)) ?? [/./, 30, 300];
    const fbUsed = (t: number) => (used === 0 ? 0 : Math.min(memTotal - reserved, Math.round(used + (track?.runtime === "vllm" ? 0 : (util(t) / 100) * 0.05 * memTotal))));
    const fam = (name: string, type: MetricFamily["type"], help: string, f: (t: number) => number) => {
      this.family(name, type, help);
      this.add(owner, startMs, { __name__: name, ...labels }, f);
    };
    fam("DCGM_FI_DEV_GPU_UTIL", "gauge", "GPU utilization (in %).", (t) => Math.round(util(t)));
    fam("DCGM_FI_DEV_FB_USED", "gauge", "Framebuffer memory used (in MiB).", fbUsed);
    fam("DCGM_FI_DEV_FB_FREE", "gauge", "Framebuffer memory free (in MiB).", (t) => memTotal - reserved - fbUsed(t));
    fam("DCGM_FI_DEV_FB_RESERVED", "gauge", "Framebuffer memory reserved (in MiB).", () => reserved);
    fam("DCGM_FI_DEV_POWER_USAGE", "gauge", "Power draw (in W).", (t) => Math.round((idleW + ((maxW - idleW) * util(t)) / 100) * 1000) / 1000);
    fam("DCGM_FI_DEV_GPU_TEMP", "gauge", "GPU temperature (in C).", (t) => Math.round(31 + 0.45 * util(t) + Math.sin(t / 600_000 + jitter)));
  }
}

interface SeriesWithOwner extends SimSeries {
  owner: string;
}

function sameSegment(a: Segment, b: Segment): boolean {
  return (
    a.weight === b.weight &&
    a.rps === b.rps &&
    a.errorRate === b.errorRate &&
    a.capacityRps === b.capacityRps &&
    a.latency.median === b.latency.median &&
    a.slow.median === b.slow.median
  );
}
