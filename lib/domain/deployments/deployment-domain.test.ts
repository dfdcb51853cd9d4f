import { describe, expect, it } from "vitest";
import { ZManifestInput, buildManifests } from "./build-manifests";
import { defaultResources, estimateServingMemoryBytes } from "./defaults";
import { describeDrift, detectDrift } from "./drift";
import { explainFailures } from "./explain-failure";
import { computeLaunchProgress } from "./progress";
import { describeConditions, summarizePhase } from "./status";
import type { TInferenceServiceState, TServingPod } from "./types";
import { diffLines, hasChanges, kubectlApplyCommand, toYaml } from "./yaml-diff";

const T0 = "2026-11-22T10:00:00.000Z";
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

function isvc(extra: Partial<TInferenceServiceState> = {}): TInferenceServiceState {
  return {
    namespace: "search-prod",
    name: "ranker",
    uid: "u1",
    resourceVersion: "10",
    changeVersion: "c1",
    createdAt: T0,
    isDeleting: false,
    labels: {},
    annotations: {},
    spec: {},
    deploymentMode: "Knative",
    conditions: [{ type: "Ready", status: "Unknown", reason: null, message: null, severity: null, lastTransitionTime: T0 }],
    url: null,
    internalUrl: null,
    revisions: { latestCreated: null, latestReady: null, latestRolledout: null, previousRolledout: null },
    traffic: [],
    model: { transitionStatus: null, activeState: null, targetState: null, failure: null, readyCopies: null },
    ...extra,
  };
}

function pod(extra: Partial<TServingPod> = {}): TServingPod {
  return {
    namespace: "search-prod",
    name: "ranker-predictor-00001-abc",
    nodeName: null,
    phase: "Pending",
    createdAt: at(1),
    isTerminating: false,
    deploymentId: "d1",
    inferenceService: "ranker",
    revision: "ranker-predictor-00001",
    gpuRequest: null,
    conditions: [],
    containers: [],
    ...extra,
  };
}

const container = (extra: Partial<TServingPod["containers"][number]>): TServingPod["containers"][number] => ({
  name: "kserve-container",
  isInit: false,
  ready: false,
  restartCount: 0,
  state: "waiting",
  reason: null,
  message: null,
  exitCode: null,
  startedAt: null,
  finishedAt: null,
  lastTerminationReason: null,
  lastExitCode: null,
  ...extra,
});

describe("computeLaunchProgress", () => {
  it("walks scheduled → pulling → loading → ready with timings", () => {
    const now = new Date(at(30));
    const pending = computeLaunchProgress(isvc(), [pod()], 48e6, now);
    expect(pending.steps.map((s) => s.state)).toEqual(["active", "waiting", "waiting", "waiting"]);

    const scheduled = pod({ nodeName: "cpu-1", conditions: [{ type: "PodScheduled", status: "True", reason: null, message: null, lastTransitionTime: at(2) }], containers: [container({ reason: "ContainerCreating" })] });
    const pulling = computeLaunchProgress(isvc(), [scheduled], 48e6, now);
    expect(pulling.steps.map((s) => s.state)).toEqual(["done", "active", "waiting", "waiting"]);
    expect(pulling.steps[0]).toMatchObject({ durationMs: 1000, detail: "on cpu-1" });
    expect(pulling.steps[1]?.detail).toBe("ContainerCreating");

    const loading = { ...scheduled, containers: [container({ name: "storage-initializer", isInit: true, state: "running", startedAt: at(5) }), container({})] };
    const l = computeLaunchProgress(isvc(), [loading], 48e6, now);
    expect(l.steps.map((s) => s.state)).toEqual(["done", "done", "active", "waiting"]);
    expect(l.steps[2]?.label).toBe("Model loading (45.8 MiB)");
    expect(l.steps[2]?.detail).toBe("Downloading the model from storage");

    const ready = {
      ...loading,
      phase: "Running",
      conditions: [...scheduled.conditions, { type: "Ready", status: "True", reason: null, message: null, lastTransitionTime: at(12) }],
    };
    const done = computeLaunchProgress(isvc({ url: "http://ranker.search-prod.example.com", conditions: [{ type: "Ready", status: "True", reason: null, message: null, severity: null, lastTransitionTime: at(13) }] }), [ready], 48e6, now);
    expect(done.steps.every((s) => s.state === "done")).toBe(true);
    expect(done.percent).toBe(100);
    expect(done.steps[2]?.durationMs).toBe(7000);
  });

  it("marks a scheduling failure and an out-of-memory crash as failed", () => {
    const unschedulable = pod({ conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/20 nodes are available: 16 Insufficient nvidia.com/gpu.", lastTransitionTime: at(2) }] });
    expect(computeLaunchProgress(isvc(), [unschedulable], null).steps[0]).toMatchObject({ state: "failed", detail: expect.stringContaining("Insufficient") });
    const oom = pod({ nodeName: "n1", containers: [container({ state: "waiting", reason: "CrashLoopBackOff", startedAt: at(3), lastTerminationReason: "OOMKilled", restartCount: 2 })] });
    expect(computeLaunchProgress(isvc(), [oom], null).steps[2]).toMatchObject({ state: "failed", detail: expect.stringContaining("out of memory") });
  });
});

describe("explainFailures", () => {
  const context = { pool: "h100-pool", storageUri: "s3://nope/model", requiredMemoryBytes: 5 * 2 ** 30, memoryLimit: "2Gi", poolsWithRoom: [{ pool: "a100-pool", summary: "fits on 2 nodes" }] };

  it("says which pools have room when GPUs are short", () => {
    const unschedulable = pod({ conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/20 nodes are available: 16 Insufficient nvidia.com/gpu.", lastTransitionTime: at(2) }] });
    const [explanation] = explainFailures(isvc(), [unschedulable], [], context);
    expect(explanation).toMatchObject({ kind: "unschedulable", title: expect.stringContaining("GPU"), fix: expect.stringContaining("a100-pool (fits on 2 nodes)") });
    expect(explainFailures(isvc(), [unschedulable], [], { ...context, poolsWithRoom: [] })[0]?.fix).toContain("No other pool has room");
  });

  it("asks for more memory after an OOMKill, and to check the storageUri after a failed download", () => {
    const oom = pod({ nodeName: "n1", containers: [container({ reason: "CrashLoopBackOff", lastTerminationReason: "OOMKilled", restartCount: 3 })] });
    expect(explainFailures(isvc(), [oom], [], context)).toEqual([expect.objectContaining({ kind: "oom", fix: expect.stringContaining("at least 5Gi") })]);
    const storage = pod({ nodeName: "n1", containers: [container({ isInit: true, name: "storage-initializer", state: "terminated", exitCode: 1 })] });
    expect(explainFailures(isvc({ model: { transitionStatus: "BlockedByFailedLoad", activeState: "", targetState: "FailedToLoad", failure: { reason: "ModelLoadFailed", message: "bucket not found", exitCode: 1 }, readyCopies: 0 } }), [storage], [], context)[0]).toMatchObject({
      kind: "storage",
      detail: "bucket not found",
      fix: expect.stringContaining("s3://nope/model"),
    });
  });

  it("finds nothing wrong with a healthy pod", () => {
    expect(explainFailures(isvc(), [pod({ nodeName: "n1", containers: [container({ state: "running", ready: true })] })], [], context)).toEqual([]);
  });
});

describe("summarizePhase and describeConditions", () => {
  it("reads Ready, Pending, Failed and Stopped", () => {
    expect(summarizePhase(null, []).phase).toBe("Missing");
    expect(summarizePhase(isvc({ conditions: [{ type: "Ready", status: "True", reason: null, message: null, severity: null, lastTransitionTime: T0 }] }), []).phase).toBe("Ready");
    expect(summarizePhase(isvc(), [pod({ conditions: [{ type: "PodScheduled", status: "False", reason: null, message: "x", lastTransitionTime: T0 }] })]).phase).toBe("Pending");
    expect(summarizePhase(isvc({ annotations: { "serving.kserve.io/stop": "true" } }), []).phase).toBe("Stopped");
    expect(summarizePhase(isvc({ conditions: [{ type: "Ready", status: "False", reason: "RevisionFailed", message: null, severity: null, lastTransitionTime: T0 }] }), []).phase).toBe("Failed");
  });

  it("puts Ready first and words conditions plainly; Stopped=False is good", () => {
    const views = describeConditions([
      { type: "Stopped", status: "False", reason: null, message: null, severity: "Info", lastTransitionTime: T0 },
      { type: "PredictorReady", status: "False", reason: "RevisionMissing", message: "no pods", severity: null, lastTransitionTime: T0 },
      { type: "Ready", status: "Unknown", reason: null, message: null, severity: null, lastTransitionTime: T0 },
    ]);
    expect(views.map((v) => [v.type, v.state, v.label])).toEqual([["Ready", "waiting", "Serving requests"], ["PredictorReady", "no", "Model server is up"], ["Stopped", "yes", "Not stopped by hand"]]);
    expect(views[1]).toMatchObject({ label: "Model server is up", detail: "RevisionMissing: no pods" });
  });
});

describe("detectDrift", () => {
  const manifests = buildManifests(
    ZManifestInput.parse({
      deploymentId: "d1",
      name: "ranker",
      namespace: "search-prod",
      environment: "prod",
      team: "search",
      model: { name: "ranker", framework: "xgboost" },
      version: { version: 3, storageUri: "s3://models/ranker/3" },
      pool: { name: "cpu-pool", labelKey: "gantry.dev/pool", taints: [] },
      resources: { cpu: "1", memory: "2Gi" },
      autoscaling: { minReplicas: 1, maxReplicas: 3 },
    }),
  );
  const applied = manifests.inferenceService;
  const clone = () => JSON.parse(JSON.stringify(applied)) as typeof applied;

  it("is empty when the cluster holds what Gantry applied, plus fields added by defaulting", () => {
    const actual = clone();
    (actual.spec.predictor as Record<string, unknown>).containerConcurrency = 0;
    expect(detectDrift(applied, { spec: actual.spec, labels: { ...actual.metadata.labels, extra: "x" }, annotations: { ...actual.metadata.annotations, "kubectl.kubernetes.io/last-applied-configuration": "{}" } })).toEqual([]);
  });

  it("reports a kubectl edit of resources and a stop annotation", () => {
    const actual = clone();
    const predictor = actual.spec.predictor as { maxReplicas: number; model: { resources: { limits: Record<string, string> } } };
    predictor.maxReplicas = 9;
    predictor.model.resources.limits.memory = "8Gi";
    const drift = detectDrift(applied, { spec: actual.spec, labels: actual.metadata.labels, annotations: { ...actual.metadata.annotations, "serving.kserve.io/stop": "true" } });
    expect(drift.map((d) => d.path)).toEqual(["spec.predictor.maxReplicas", "spec.predictor.model.resources.limits.memory", "metadata.annotations.serving.kserve.io/stop"]);
    expect(describeDrift(drift)[0]).toBe("spec.predictor.maxReplicas: Gantry applied 3, the cluster has 9");
  });
});

describe("yaml diff", () => {
  it("shows added and removed lines only where the manifests differ", () => {
    const before = toYaml([{ spec: { minReplicas: 1, maxReplicas: 3 } }]);
    const after = toYaml([{ spec: { minReplicas: 1, maxReplicas: 5 } }]);
    const lines = diffLines(before, after);
    expect(lines.filter((l) => l.kind !== "same")).toEqual([
      { kind: "removed", text: "  maxReplicas: 3" },
      { kind: "added", text: "  maxReplicas: 5" },
    ]);
    expect(hasChanges(diffLines(before, before))).toBe(false);
    expect(kubectlApplyCommand("ns", before)).toMatch(/^kubectl apply -n ns -f - <<'EOF'\nspec:/);
  });
});

describe("defaults", () => {
  it("sizes memory from the artifact, with a GPU for big and LLM models", () => {
    expect(estimateServingMemoryBytes(1e9)).toBe(1.2e9 + 512 * 2 ** 20);
    expect(defaultResources("xgboost", 61e6)).toEqual({ cpu: "2", memory: "2Gi", gpus: 0 });
    expect(defaultResources("huggingface", 16.06e9)).toEqual({ cpu: "8", memory: "32Gi", gpus: 1 });
    expect(defaultResources("onnx", 185e6)).toMatchObject({ gpus: 1 });
  });
});
