import { describe, expect, it } from "vitest";
import { crdValidator, hasReference } from "@/test/support/crd-schema";
import { ZManifestInput, buildManifests, keepForeignAnnotations, type TManifestInput } from "./build-manifests";
import { FRAMEWORKS, RUNTIME_OPTIONS_BY_FRAMEWORK } from "./runtimes";

const GPU_POOL = {
  name: "a100-pool",
  labelKey: "gantry.dev/pool",
  gpuProduct: "NVIDIA-A100-SXM4-80GB",
  taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" as const }],
};
const CPU_POOL = { name: "cpu-pool", labelKey: "gantry.dev/pool", taints: [] };

const base: TManifestInput = {
  deploymentId: "6f1c2b1e-0000-4000-8000-000000000001",
  name: "fraud-scorer",
  namespace: "fraud-prod",
  environment: "prod",
  team: "fraud",
  model: { name: "fraud-scorer", framework: "xgboost" },
  version: { version: 3, storageUri: "s3://models/fraud-scorer/3" },
  mode: "Knative",
  pool: CPU_POOL,
  resources: { cpu: "1", memory: "2Gi" },
  autoscaling: { minReplicas: 1, maxReplicas: 3 },
};

const build = (input: TManifestInput) => buildManifests(ZManifestInput.parse(input));

// Every runtime of every framework, in both modes, with each option the wizard offers.
const TABLE: { name: string; input: TManifestInput }[] = [
  ...FRAMEWORKS.flatMap((framework) =>
    RUNTIME_OPTIONS_BY_FRAMEWORK[framework].flatMap((option) =>
      (["Knative", "Standard"] as const).map((mode) => ({
        name: `${framework} on ${option.runtime}, ${mode}`,
        input: {
          ...base,
          model: { name: "m", framework },
          runtime: option.runtime,
          mode,
          ...(option.gpuCapable ? { pool: GPU_POOL, resources: { cpu: "4", memory: "24Gi", gpu: { kind: "whole" as const, count: 1 } } } : {}),
        },
      })),
    ),
  ),
  { name: "MIG slice", input: { ...base, model: { name: "m", framework: "onnx" }, pool: { ...GPU_POOL, name: "h100-pool" }, resources: { cpu: "2", memory: "8Gi", gpu: { kind: "mig", profile: "1g.10gb", count: 1 } } } },
  { name: "scale to zero with a concurrency target", input: { ...base, autoscaling: { minReplicas: 0, maxReplicas: 5, target: { kind: "concurrency", value: 10 } } } },
  { name: "rps target", input: { ...base, autoscaling: { minReplicas: 1, maxReplicas: 5, target: { kind: "rps", value: 50 } } } },
  { name: "canary at 20 %", input: { ...base, canaryTrafficPercent: 20 } },
  {
    name: "KEDA on a Prometheus query, scale to zero",
    input: {
      ...base,
      mode: "Standard",
      autoscaling: { minReplicas: 0, maxReplicas: 8, target: { kind: "keda", serverAddress: "http://prometheus:9090", query: "sum(rate(request_count[1m]))", threshold: 20 } },
    },
  },
  { name: "taint without a value", input: { ...base, pool: { ...GPU_POOL, taints: [{ key: "dedicated", effect: "NoExecute" }] }, model: { name: "m", framework: "pytorch" }, resources: { cpu: "2", memory: "8Gi", gpu: { kind: "whole", count: 2 } } } },
  { name: "dev environment", input: { ...base, environment: "dev", namespace: "fraud-dev" } },
  { name: "stopped (scaled to zero by hand), with the model size annotated", input: { ...base, isStopped: true, version: { ...base.version, sizeBytes: 48_000_000 } } },
];

describe.skipIf(!hasReference)("every manifest validates against the real CRDs (../shared/reference)", () => {
  const validateIsvc = hasReference ? crdValidator("kserve/crd/full/serving.kserve.io_inferenceservices.yaml", "v1beta1") : () => true;
  const validateScaledObject = hasReference ? crdValidator("keda/keda.sh_scaledobjects.yaml", "v1alpha1") : () => true;

  it("covers at least every runtime and both modes", () => expect(TABLE.length).toBeGreaterThanOrEqual(26));

  for (const row of TABLE) {
    it(row.name, () => {
      const { inferenceService, scaledObject } = build(row.input);
      const valid = validateIsvc(inferenceService);
      expect((validateIsvc as { errors?: unknown }).errors ?? null, JSON.stringify(inferenceService)).toBeNull();
      expect(valid).toBe(true);
      if (scaledObject) {
        expect(validateScaledObject(scaledObject), JSON.stringify((validateScaledObject as { errors?: unknown }).errors)).toBe(true);
      }
    });
  }

  it("the validator does reject a broken manifest (it can fail)", () => {
    const { inferenceService } = build(base);
    (inferenceService.spec.predictor as Record<string, unknown>).minReplicas = "one";
    expect(validateIsvc(inferenceService)).toBe(false);
    (inferenceService.spec.predictor as Record<string, unknown>).minReplicas = 1;
    (inferenceService.spec.predictor as Record<string, unknown>).notAField = true;
    expect(validateIsvc(inferenceService)).toBe(false);
  });
});

describe("manifest builder", () => {
  it("labels, annotates and pins GPU pods to the pool with tolerations and priority", () => {
    const { inferenceService, scaledObject } = build({ ...base, model: { name: "llama", framework: "huggingface" }, pool: GPU_POOL, resources: { cpu: "8", memory: "24Gi", gpu: { kind: "whole", count: 1 } } });
    expect(scaledObject).toBeNull();
    expect(inferenceService.metadata.labels).toEqual({
      "gantry.dev/deployment-id": base.deploymentId,
      "gantry.dev/team": "fraud",
      "gantry.dev/model": "llama",
      "gantry.dev/version": "3",
      "app.kubernetes.io/managed-by": "gantry",
    });
    expect(inferenceService.metadata.annotations).toMatchObject({ "serving.kserve.io/enable-prometheus-scraping": "true", "serving.kserve.io/deploymentMode": "Knative" });
    expect(inferenceService.spec.predictor).toMatchObject({
      nodeSelector: { "gantry.dev/pool": "a100-pool", "nvidia.com/gpu.product": "NVIDIA-A100-SXM4-80GB" },
      tolerations: [{ key: "nvidia.com/gpu", operator: "Equal", value: "present", effect: "NoSchedule" }],
      priorityClassName: "gantry-prod",
      model: {
        modelFormat: { name: "vLLM" },
        runtime: "kserve-vllmserver",
        resources: { requests: { cpu: "8", memory: "24Gi", "nvidia.com/gpu": "1" }, limits: { memory: "24Gi", "nvidia.com/gpu": "1" } },
      },
    });
  });

  it("requests a MIG resource by profile", () => {
    const { inferenceService } = build({ ...base, model: { name: "m", framework: "onnx" }, pool: GPU_POOL, resources: { cpu: "1", memory: "4Gi", gpu: { kind: "mig", profile: "1g.10gb", count: 1 } } });
    const model = (inferenceService.spec.predictor as { model: { resources: { requests: Record<string, string> } } }).model;
    expect(model.resources.requests["nvidia.com/mig-1g.10gb"]).toBe("1");
    expect(model.resources.requests["nvidia.com/gpu"]).toBeUndefined();
  });

  it("drops the canary percentage in Standard mode, where KServe ignores it", () => {
    const { inferenceService } = build({ ...base, mode: "Standard", canaryTrafficPercent: 20 });
    expect(inferenceService.spec.predictor).not.toHaveProperty("canaryTrafficPercent");
  });

  it("builds a KEDA ScaledObject that targets the predictor Deployment", () => {
    const { inferenceService, scaledObject } = build({
      ...base,
      mode: "Standard",
      autoscaling: { minReplicas: 0, maxReplicas: 8, target: { kind: "keda", serverAddress: "http://prometheus:9090", query: "sum(rate(x[1m]))", threshold: 20 } },
    });
    expect(inferenceService.metadata.annotations?.["serving.kserve.io/autoscalerClass"]).toBe("external");
    expect(scaledObject?.spec).toMatchObject({
      scaleTargetRef: { kind: "Deployment", name: "fraud-scorer-predictor" },
      minReplicaCount: 0,
      maxReplicaCount: 8,
      triggers: [{ type: "prometheus", metadata: { threshold: "20" } }],
    });
  });
});

describe("validation in plain words", () => {
  const issues = (input: TManifestInput) => {
    const result = ZManifestInput.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  };

  it("accepts the base input", () => expect(issues(base)).toEqual([]));

  it("explains each mistake", () => {
    expect(issues({ ...base, name: "Fraud_Scorer" })).toEqual(["name: Use lower-case letters, digits and dashes, starting and ending with a letter or digit."]);
    expect(issues({ ...base, resources: { cpu: "lots", memory: "2Gi" } })).toEqual(["resources.cpu: CPU must be a positive quantity such as 500m or 2."]);
    expect(issues({ ...base, autoscaling: { minReplicas: 4, maxReplicas: 2 } })).toEqual(["autoscaling.minReplicas: Minimum replicas (4) cannot exceed the maximum (2)."]);
    expect(issues({ ...base, resources: { cpu: "1", memory: "2Gi", gpu: { kind: "whole", count: 1 } } })).toEqual([
      "resources.gpu: Pool cpu-pool has no GPUs; pick a GPU pool or remove the GPU request.",
    ]);
    expect(issues({ ...base, version: { ...base.version, requiredMemoryBytes: 5 * 2 ** 30 } })).toEqual([
      "resources.memory: The model needs about 5Gi to load; raise memory to at least 5Gi.",
    ]);
    expect(issues({ ...base, mode: "Standard", autoscaling: { minReplicas: 0, maxReplicas: 2 } })).toEqual([
      "autoscaling.minReplicas: Scale to zero needs the Knative mode, or KEDA in Standard mode.",
    ]);
    expect(issues({ ...base, runtime: "kserve-vllmserver" })[0]).toMatch(/cannot serve xgboost models/);
  });
});

describe("annotations for size and stop", () => {
  it("annotates the model size and the stop flag only when asked", () => {
    const plain = build(base).inferenceService.metadata.annotations ?? {};
    expect(plain["serving.kserve.io/stop"]).toBeUndefined();
    expect(plain["gantry.dev/model-size-bytes"]).toBeUndefined();
    const stopped = build({ ...base, isStopped: true, version: { ...base.version, sizeBytes: 1234.4 } }).inferenceService.metadata.annotations ?? {};
    expect(stopped).toMatchObject({ "serving.kserve.io/stop": "true", "gantry.dev/model-size-bytes": "1234" });
  });
});

describe("a replace keeps annotations other tools set", () => {
  const desired = buildManifests(ZManifestInput.parse(base)).inferenceService;

  it("keeps foreign annotations and lets Gantry's own win", () => {
    const kept = keepForeignAnnotations(desired, { "argocd.argoproj.io/tracking-id": "app:x", "serving.kserve.io/deploymentMode": "Standard" });
    expect(kept.metadata.annotations?.["argocd.argoproj.io/tracking-id"]).toBe("app:x");
    expect(kept.metadata.annotations?.["serving.kserve.io/deploymentMode"]).toBe(desired.metadata.annotations?.["serving.kserve.io/deploymentMode"]);
  });

  it("drops Gantry's stop flag when the desired state is running", () => {
    const kept = keepForeignAnnotations(desired, { "serving.kserve.io/stop": "true" });
    expect(kept.metadata.annotations?.["serving.kserve.io/stop"]).toBeUndefined();
  });
});
