import { clusterServingRuntimes, servingRuntimes } from "../api/resources";
import type { Store } from "../store/store";
import type { KubeObject } from "../store/types";

// Turns an InferenceService predictor into the pod spec KServe would run, resolving the
// serving runtime from the model format the way the KServe controller does.

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

/** Legacy framework shortcuts (spec.predictor.sklearn …) and the format each one means. */
const FRAMEWORKS: Record<string, string> = {
  sklearn: "sklearn", xgboost: "xgboost", lightgbm: "lightgbm", tensorflow: "tensorflow", pytorch: "pytorch",
  onnx: "onnx", triton: "triton", huggingface: "huggingface", pmml: "pmml", paddle: "paddle",
};

/** Predictor fields that configure KServe itself rather than the pod. */
const NON_POD_FIELDS = new Set([
  "minReplicas", "maxReplicas", "scaleTarget", "scaleMetric", "scaleMetricType", "containerConcurrency", "timeout",
  "canaryTrafficPercent", "logger", "batcher", "labels", "annotations", "deploymentStrategy", "autoScaling", "model",
  "workerSpec", "storageUris", "storageContainerName", "name", "containers", ...Object.keys(FRAMEWORKS),
]);

export interface ResolvedRuntime {
  name: string;
  cluster: boolean;
  spec: Rec;
}

export class RuntimeResolutionError extends Error {
  constructor(readonly reason: "NoSupportingRuntime" | "RuntimeNotRecognized" | "RuntimeDisabled" | "InvalidPredictorSpec", message: string) {
    super(message);
  }
}

interface ModelSpec {
  format: string | undefined;
  version: string | undefined;
  runtime: string | undefined;
  protocol: string | undefined;
  container: Rec;
}

function modelOf(predictor: Rec): ModelSpec | undefined {
  if (predictor.model) {
    const m = rec(predictor.model);
    const fmt = rec(m.modelFormat);
    return { format: fmt.name as string | undefined, version: fmt.version as string | undefined, runtime: m.runtime as string | undefined, protocol: m.protocolVersion as string | undefined, container: m };
  }
  for (const [field, format] of Object.entries(FRAMEWORKS)) {
    if (predictor[field]) {
      const m = rec(predictor[field]);
      return { format, version: undefined, runtime: undefined, protocol: m.protocolVersion as string | undefined, container: m };
    }
  }
  return undefined;
}

function supports(spec: Rec, model: ModelSpec, requireAutoSelect: boolean): { ok: boolean; priority: number } {
  if (spec.disabled === true) return { ok: false, priority: 0 };
  const protocols = (spec.protocolVersions as string[] | undefined) ?? ["v1"];
  if (model.protocol && !protocols.includes(model.protocol)) return { ok: false, priority: 0 };
  let best = -1;
  for (const f of arr(spec.supportedModelFormats)) {
    if (String(f.name).toLowerCase() !== String(model.format).toLowerCase()) continue;
    if (model.version && f.version && !String(model.version).startsWith(String(f.version))) continue;
    if (requireAutoSelect && f.autoSelect !== true) continue;
    best = Math.max(best, Number(f.priority ?? 0));
  }
  return { ok: best >= 0, priority: best };
}

export function resolveRuntime(store: Store, namespace: string, model: ModelSpec): ResolvedRuntime {
  const candidates: ResolvedRuntime[] = [
    ...store.list(servingRuntimes, namespace).map((r) => ({ name: r.metadata.name ?? "", cluster: false, spec: rec(r.spec) })),
    ...store.list(clusterServingRuntimes).map((r) => ({ name: r.metadata.name ?? "", cluster: true, spec: rec(r.spec) })),
  ];
  if (model.runtime) {
    const named = candidates.find((c) => c.name === model.runtime);
    if (!named) throw new RuntimeResolutionError("RuntimeNotRecognized", `Waiting for runtime to become available`);
    if (named.spec.disabled === true) throw new RuntimeResolutionError("RuntimeDisabled", `Specified runtime ${model.runtime} is disabled`);
    if (!supports(named.spec, model, false).ok) throw new RuntimeResolutionError("NoSupportingRuntime", `Specified runtime ${model.runtime} does not support specified framework/version`);
    return named;
  }
  // Namespaced runtimes win over cluster ones; then the highest priority; then the name.
  const ranked = candidates
    .map((c) => ({ c, s: supports(c.spec, model, true) }))
    .filter((x) => x.s.ok)
    .sort((a, b) => Number(a.c.cluster) - Number(b.c.cluster) || b.s.priority - a.s.priority || a.c.name.localeCompare(b.c.name));
  const first = ranked[0];
  if (!first) throw new RuntimeResolutionError("NoSupportingRuntime", `No runtime found to support predictor with model type: {${model.format} ${model.version ?? ""}}`);
  return first.c;
}

function mergeResources(base: Rec, over: Rec): Rec {
  return {
    ...(Object.keys({ ...rec(base.requests), ...rec(over.requests) }).length ? { requests: { ...rec(base.requests), ...rec(over.requests) } } : {}),
    ...(Object.keys({ ...rec(base.limits), ...rec(over.limits) }).length ? { limits: { ...rec(base.limits), ...rec(over.limits) } } : {}),
  };
}

export interface PredictorPodSpec {
  spec: Rec;
  runtime: ResolvedRuntime | undefined;
  storageUri: string | undefined;
}

/** Builds the predictor pod spec (throws RuntimeResolutionError for unservable specs). */
export function buildPredictorPodSpec(store: Store, isvc: KubeObject, knative: boolean): PredictorPodSpec {
  const name = isvc.metadata.name ?? "";
  const predictor = rec(rec(isvc.spec).predictor);
  const model = modelOf(predictor);
  const podSpec: Rec = {};
  for (const [k, v] of Object.entries(predictor)) if (!NON_POD_FIELDS.has(k)) podSpec[k] = structuredClone(v);

  let runtime: ResolvedRuntime | undefined;
  let main: Rec;
  let storageUri: string | undefined;
  if (model) {
    if (!model.format) throw new RuntimeResolutionError("InvalidPredictorSpec", "modelFormat is required");
    runtime = resolveRuntime(store, isvc.metadata.namespace ?? "", model);
    const base = structuredClone(arr(runtime.spec.containers)[0] ?? {});
    const user = model.container;
    const render = (s: unknown) => String(s).replace(/\{\{\.Name\}\}/g, name);
    main = {
      ...base,
      name: "kserve-container",
      image: user.runtimeVersion ? `${String(base.image).split(":")[0]}:${String(user.runtimeVersion)}` : (user.image ?? base.image),
      ...(base.command || user.command ? { command: (user.command as unknown[] | undefined) ?? base.command } : {}),
      args: [...((base.args as unknown[] | undefined) ?? []).map(render), ...((user.args as unknown[] | undefined) ?? [])],
      ...(user.env || base.env ? { env: [...arr(base.env), ...arr(user.env)] } : {}),
      resources: mergeResources(rec(base.resources), rec(user.resources)),
    };
    for (const k of ["ports", "readinessProbe", "livenessProbe", "startupProbe", "volumeMounts", "securityContext", "imagePullPolicy"]) {
      if (user[k] !== undefined) main[k] = structuredClone(user[k]);
    }
    storageUri = user.storageUri as string | undefined;
  } else {
    const containers = arr(predictor.containers);
    if (!containers.length) throw new RuntimeResolutionError("InvalidPredictorSpec", "the predictor needs a model, a framework or containers");
    main = structuredClone(containers[0] ?? {});
    main.name ??= "kserve-container";
    podSpec.containers = containers.slice(1).map((c) => structuredClone(c));
    const envUri = arr(main.env).find((e) => e.name === "STORAGE_URI")?.value;
    storageUri = typeof envUri === "string" ? envUri : undefined;
  }

  const containers: Rec[] = [main, ...arr(podSpec.containers)];
  if (storageUri) {
    main.volumeMounts = [...arr(main.volumeMounts), { name: "kserve-provision-location", mountPath: "/mnt/models", readOnly: true }];
    podSpec.volumes = [...arr(podSpec.volumes), { name: "kserve-provision-location", emptyDir: {} }];
    podSpec.initContainers = [
      ...arr(podSpec.initContainers),
      {
        name: "storage-initializer",
        image: "kserve/storage-initializer:v0.15.2",
        args: [storageUri, "/mnt/models"],
        resources: { requests: { cpu: "100m", memory: "100Mi" }, limits: { cpu: "1", memory: "1Gi" } },
        volumeMounts: [{ name: "kserve-provision-location", mountPath: "/mnt/models" }],
        terminationMessagePolicy: "FallbackToLogsOnError",
      },
    ];
  }
  if (knative) {
    containers.push({
      name: "queue-proxy",
      image: "gcr.io/knative-releases/knative.dev/serving/cmd/queue:v1.15.2",
      ports: [{ name: "http-queueadm", containerPort: 8022, protocol: "TCP" }, { name: "http-autometric", containerPort: 9090, protocol: "TCP" }, { name: "queue-port", containerPort: 8012, protocol: "TCP" }],
      resources: { requests: { cpu: "25m" } },
      readinessProbe: { httpGet: { port: 8012, httpHeaders: [{ name: "K-Network-Probe", value: "queue" }] }, periodSeconds: 10 },
    });
  }
  podSpec.containers = containers;
  return { spec: podSpec, runtime, storageUri };
}
