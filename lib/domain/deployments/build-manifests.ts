import { z } from "zod";
import { parseQuantity } from "@/lib/domain/gpu/quantity";
import { FRAMEWORKS, chooseRuntime } from "./runtimes";

// The pure manifest builder: a launch request in, the InferenceService (and, with KEDA, its
// ScaledObject) out, as plain objects. Never string templates: the objects are what gets
// applied, what the review step shows as YAML, and what the tests validate against the CRDs.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type TEnvironment = (typeof ENVIRONMENTS)[number];
export const DEPLOYMENT_MODES = ["Knative", "Standard"] as const;
export type TDeploymentMode = (typeof DEPLOYMENT_MODES)[number];

export const MODEL_SIZE_ANNOTATION = "gantry.dev/model-size-bytes";
export const STOP_ANNOTATION = "serving.kserve.io/stop";

/** PriorityClass per environment: production pods preempt dev pods when GPUs are scarce. */
export const PRIORITY_CLASS_BY_ENVIRONMENT: Record<TEnvironment, string> = {
  dev: "gantry-dev",
  staging: "gantry-staging",
  prod: "gantry-prod",
};

const ZName = z
  .string()
  .min(1, "Give it a name.")
  .max(45, "Use at most 45 characters: KServe appends -predictor-00001 and the result must stay a valid name.")
  .regex(DNS1123_LABEL, "Use lower-case letters, digits and dashes, starting and ending with a letter or digit.");

const ZQuantity = (what: string, example: string) =>
  z.string().refine((value) => parseQuantity(value) > 0, `${what} must be a positive quantity such as ${example}.`);

const ZTaint = z.object({ key: z.string(), value: z.string().optional(), effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]) });

export const ZManifestInput = z
  .object({
    deploymentId: z.string().min(1),
    name: ZName,
    namespace: z.string().regex(DNS1123_LABEL, "The namespace must be a valid name."),
    environment: z.enum(ENVIRONMENTS),
    team: z.string().min(1),
    model: z.object({ name: z.string().min(1), framework: z.enum(FRAMEWORKS) }),
    version: z.object({
      version: z.number().int().positive(),
      storageUri: z.string().min(1),
      /** Memory the model needs to load (bytes); the memory limit must cover it. */
      requiredMemoryBytes: z.number().nonnegative().optional(),
      /** Artifact size (bytes), annotated so the progress can say what is loading. */
      sizeBytes: z.number().nonnegative().optional(),
    }),
    runtime: z.string().optional(),
    mode: z.enum(DEPLOYMENT_MODES).default("Knative"),
    pool: z.object({
      name: z.string().min(1),
      labelKey: z.string().min(1),
      gpuProduct: z.string().optional(),
      taints: z.array(ZTaint).default([]),
    }),
    resources: z.object({
      cpu: ZQuantity("CPU", "500m or 2"),
      memory: ZQuantity("Memory", "4Gi"),
      gpu: z
        .discriminatedUnion("kind", [
          z.object({ kind: z.literal("whole"), count: z.number().int().min(1, "Request at least 1 GPU.").max(16) }),
          z.object({ kind: z.literal("mig"), profile: z.string().regex(/^\d+g\.\d+gb$/, "A MIG profile looks like 1g.10gb."), count: z.number().int().min(1).max(16) }),
        ])
        .optional(),
    }),
    autoscaling: z.object({
      minReplicas: z.number().int().min(0, "Minimum replicas cannot be negative.").max(100),
      maxReplicas: z.number().int().min(1, "Maximum replicas must be at least 1.").max(100),
      target: z
        .discriminatedUnion("kind", [
          z.object({ kind: z.enum(["concurrency", "rps"]), value: z.number().int().positive("The target must be positive.") }),
          z.object({
            kind: z.literal("keda"),
            serverAddress: z.url("The Prometheus address must be a URL."),
            query: z.string().min(1, "Give the Prometheus query to scale on."),
            threshold: z.number().positive("The threshold must be positive."),
          }),
        ])
        .optional(),
    }),
    canaryTrafficPercent: z.number().int().min(0).max(100).optional(),
    /** Scaled to zero by hand: KServe's stop annotation removes the pods and keeps the object. */
    isStopped: z.boolean().optional(),
  })
  .superRefine((input, ctx) => {
    const { minReplicas, maxReplicas, target } = input.autoscaling;
    if (minReplicas > maxReplicas) {
      ctx.addIssue({ code: "custom", path: ["autoscaling", "minReplicas"], message: `Minimum replicas (${minReplicas}) cannot exceed the maximum (${maxReplicas}).` });
    }
    if (input.resources.gpu && !input.pool.gpuProduct) {
      ctx.addIssue({ code: "custom", path: ["resources", "gpu"], message: `Pool ${input.pool.name} has no GPUs; pick a GPU pool or remove the GPU request.` });
    }
    if (target?.kind === "keda" && input.mode !== "Standard") {
      ctx.addIssue({ code: "custom", path: ["autoscaling", "target"], message: "KEDA scaling needs the Standard deployment mode." });
    }
    if (minReplicas === 0 && input.mode === "Standard" && target?.kind !== "keda") {
      ctx.addIssue({ code: "custom", path: ["autoscaling", "minReplicas"], message: "Scale to zero needs the Knative mode, or KEDA in Standard mode." });
    }
    const required = input.version.requiredMemoryBytes ?? 0;
    const memory = parseQuantity(input.resources.memory);
    if (required > 0 && memory > 0 && memory < required) {
      ctx.addIssue({
        code: "custom",
        path: ["resources", "memory"],
        message: `The model needs about ${formatGi(required)} to load; raise memory to at least ${formatGi(required)}.`,
      });
    }
    try {
      chooseRuntime(input.model.framework, input.runtime);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["runtime"], message: (error as Error).message });
    }
  });

export type TManifestInput = z.input<typeof ZManifestInput>;
export type TManifestValues = z.output<typeof ZManifestInput>;

export type TKubernetesObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
};

export type TBuiltManifests = { inferenceService: TKubernetesObject; scaledObject: TKubernetesObject | null };

function formatGi(bytes: number): string {
  return `${Math.ceil(bytes / 2 ** 30)}Gi`;
}

function gpuResourceName(gpu: NonNullable<TManifestValues["resources"]["gpu"]>): string {
  return gpu.kind === "whole" ? "nvidia.com/gpu" : `nvidia.com/mig-${gpu.profile}`;
}

/** The labels every Gantry-managed object carries, so the cluster can be joined with the registry. */
export function deploymentLabels(input: Pick<TManifestValues, "deploymentId" | "team" | "model" | "version">): Record<string, string> {
  return {
    "gantry.dev/deployment-id": input.deploymentId,
    "gantry.dev/team": input.team,
    "gantry.dev/model": input.model.name,
    "gantry.dev/version": String(input.version.version),
    "app.kubernetes.io/managed-by": "gantry",
  };
}

/** Builds the manifests from already-validated values (see ZManifestInput). */
export function buildManifests(values: TManifestValues): TBuiltManifests {
  const runtime = chooseRuntime(values.model.framework, values.runtime);
  const labels = deploymentLabels(values);
  const { gpu } = values.resources;
  const target = values.autoscaling.target;
  const usesKeda = target?.kind === "keda";

  const requests: Record<string, string> = { cpu: values.resources.cpu, memory: values.resources.memory };
  const limits: Record<string, string> = { memory: values.resources.memory };
  if (gpu) {
    // Extended resources cannot be overcommitted: the request must equal the limit.
    requests[gpuResourceName(gpu)] = String(gpu.count);
    limits[gpuResourceName(gpu)] = String(gpu.count);
  }

  const nodeSelector: Record<string, string> = { [values.pool.labelKey]: values.pool.name };
  if (values.pool.gpuProduct && gpu) nodeSelector["nvidia.com/gpu.product"] = values.pool.gpuProduct;

  const tolerations = values.pool.taints.map((taint) =>
    taint.value === undefined
      ? { key: taint.key, operator: "Exists", effect: taint.effect }
      : { key: taint.key, operator: "Equal", value: taint.value, effect: taint.effect },
  );

  const annotations: Record<string, string> = {
    "serving.kserve.io/deploymentMode": values.mode,
    "serving.kserve.io/enable-prometheus-scraping": "true",
  };
  if (values.version.sizeBytes) annotations[MODEL_SIZE_ANNOTATION] = String(Math.round(values.version.sizeBytes));
  if (values.isStopped) annotations[STOP_ANNOTATION] = "true";
  // Gantry manages the ScaledObject itself, so KServe must not create an HPA or its own.
  if (usesKeda) annotations["serving.kserve.io/autoscalerClass"] = "external";

  const predictor: Record<string, unknown> = {
    minReplicas: values.autoscaling.minReplicas,
    maxReplicas: values.autoscaling.maxReplicas,
    ...(target && target.kind !== "keda" ? { scaleMetric: target.kind, scaleTarget: target.value } : {}),
    ...(values.canaryTrafficPercent !== undefined && values.mode === "Knative" ? { canaryTrafficPercent: values.canaryTrafficPercent } : {}),
    nodeSelector,
    ...(tolerations.length ? { tolerations } : {}),
    priorityClassName: PRIORITY_CLASS_BY_ENVIRONMENT[values.environment],
    model: {
      modelFormat: { name: runtime.modelFormat },
      runtime: runtime.runtime,
      storageUri: values.version.storageUri,
      resources: { requests, limits },
    },
  };

  const inferenceService: TKubernetesObject = {
    apiVersion: "serving.kserve.io/v1beta1",
    kind: "InferenceService",
    metadata: { name: values.name, namespace: values.namespace, labels, annotations },
    spec: { predictor },
  };

  const scaledObject: TKubernetesObject | null = usesKeda
    ? {
        apiVersion: "keda.sh/v1alpha1",
        kind: "ScaledObject",
        metadata: { name: `${values.name}-predictor`, namespace: values.namespace, labels },
        spec: {
          // Standard mode runs the predictor as a Deployment named <isvc>-predictor.
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: `${values.name}-predictor` },
          minReplicaCount: values.autoscaling.minReplicas,
          maxReplicaCount: values.autoscaling.maxReplicas,
          triggers: [
            {
              type: "prometheus",
              metadata: { serverAddress: target.serverAddress, query: target.query, threshold: String(target.threshold) },
            },
          ],
        },
      }
    : null;

  return { inferenceService, scaledObject };
}

/** Annotations Gantry sets or removes; any other annotation on the live object belongs to someone else. */
const GANTRY_ANNOTATIONS = new Set(["serving.kserve.io/deploymentMode", "serving.kserve.io/enable-prometheus-scraping", MODEL_SIZE_ANNOTATION, STOP_ANNOTATION, "serving.kserve.io/autoscalerClass"]);

/**
 * A replace (PUT) writes the whole object: keep the annotations other tools put on the live
 * object (a GitOps tracker, a cost tool) instead of silently dropping them.
 */
export function keepForeignAnnotations(desired: TKubernetesObject, liveAnnotations: Record<string, string>): TKubernetesObject {
  const foreign = Object.fromEntries(Object.entries(liveAnnotations).filter(([key]) => !GANTRY_ANNOTATIONS.has(key) && !(key in (desired.metadata.annotations ?? {}))));
  if (!Object.keys(foreign).length) return desired;
  return { ...desired, metadata: { ...desired.metadata, annotations: { ...foreign, ...desired.metadata.annotations } } };
}
