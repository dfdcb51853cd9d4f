import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/adapters/db";
import type { TActor } from "@/lib/auth/permissions";
import { deleteDeployment } from "@/lib/services/deployments/delete-deployment";
import { getDeploymentOrThrow } from "@/lib/services/deployments/get-deployment";
import { applyDeploymentToCluster, launchDeployment, reserveDeployment, type TLaunchDeploymentInput } from "@/lib/services/deployments/launch-deployment";
import { ensureDemoEnvironments, listEnvironments } from "@/lib/services/deployments/list-environments";
import { listDeployments } from "@/lib/services/deployments/list-deployments";
import { planDeployment, previewDeployment } from "@/lib/services/deployments/plan-deployment";
import { reconcileDeployments } from "@/lib/services/deployments/reconcile-deployments";
import { previewDeploymentUpdate, updateDeployment } from "@/lib/services/deployments/update-deployment";
import { getClusterConnection } from "@/lib/adapters/k8s/config";
import { getInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import { getActorById } from "@/lib/services/users/get-actor";
import { registerModelVersion } from "@/lib/services/models/register-model-version";
import { ZRegisterModelVersionInput } from "@/lib/domain/models/model-fields";
import { startSimProcess, type TSimProcess } from "@/test/support/sim-process";

// Deployments against the embedded cluster (over HTTP, through KUBECONFIG) and the real
// registry database: launch, fail-and-explain, edit with a conflict, scale to zero, delete,
// drift, idempotency and the crash window between the registry and the cluster.

let sim: TSimProcess;
let admin: TActor;
let engineer: TActor; // teams search, assistant
let fraudEngineer: TActor;
let viewer: TActor;
let approver: TActor;

async function actorFor(email: string): Promise<TActor> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return (await getActorById(user.id))!;
}

function kubectl(...args: string[]): string {
  return execFileSync("kubectl", ["--kubeconfig", sim.kubeconfigPath, ...args], { encoding: "utf8" });
}

async function until<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const cpuLaunch = (name: string, extra: Partial<TLaunchDeploymentInput> = {}): TLaunchDeploymentInput => ({
  name,
  namespace: "search-dev",
  modelName: "search-ranker",
  version: 3,
  mode: "Knative",
  pool: "cpu-pool",
  resources: { cpu: "1", memory: "2Gi" },
  autoscaling: { minReplicas: 1, maxReplicas: 2, target: { kind: "concurrency", value: 10 } },
  ...extra,
});

const audits = (name: string, action?: string) => db.auditEvent.findMany({ where: { targetId: `search-dev/${name}`, ...(action ? { action } : {}) }, orderBy: { id: "asc" } });

beforeAll(async () => {
  sim = await startSimProcess({ timeScale: 0.02 });
  process.env.KUBECONFIG = sim.kubeconfigPath;
  [admin, engineer, fraudEngineer, viewer, approver] = await Promise.all(
    ["admin@gantry.dev", "engineer@gantry.dev", "fraud-engineer@gantry.dev", "oncall@gantry.dev", "approver@gantry.dev"].map(actorFor),
  ) as [TActor, TActor, TActor, TActor, TActor];
  await ensureDemoEnvironments();
});

afterAll(async () => {
  await sim?.stop();
});

describe("environments", () => {
  it("lists the labelled namespaces with their policy", async () => {
    const { environments } = await listEnvironments(viewer);
    expect(environments.map((e) => e.namespace)).toContain("search-prod");
    expect(environments.find((e) => e.namespace === "fraud-prod")).toMatchObject({ environment: "prod", policy: expect.stringContaining("approv") });
    expect(await ensureDemoEnvironments()).toEqual([]); // idempotent
  });
});

describe("launch", () => {
  it("previews the exact YAML and validates in plain words", async () => {
    const preview = await previewDeployment(engineer, cpuLaunch("preview-me"));
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.plan.yaml).toContain("kind: InferenceService");
    expect(preview.plan.kubectl).toMatch(/^kubectl apply -n search-dev -f -/);
    expect(preview.plan.fit?.fits).toBe(true);
    const bad = await previewDeployment(engineer, cpuLaunch("Bad_Name", { resources: { cpu: "1", memory: "lots", gpu: { kind: "whole", count: 1 } }, autoscaling: { minReplicas: 3, maxReplicas: 1 } }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(["autoscaling.minReplicas", "name", "resources.gpu", "resources.memory"]);
    expect(bad.fieldErrors["resources.gpu"]?.[0]).toContain("no GPUs");
  });

  it("launches, reaches Ready with all progress steps done, and audits it", async () => {
    const result = await launchDeployment(engineer, cpuLaunch("ranker-a", { idempotencyKey: "key-ranker-a-0001" }));
    expect(result).toMatchObject({ namespace: "search-dev", name: "ranker-a", isCreated: true });
    const detail = await until(async () => {
      const d = await getDeploymentOrThrow(viewer, "search-dev", "ranker-a");
      return d.phase.phase === "Ready" && d.progress?.percent === 100 ? d : null;
    });
    expect(detail.progress?.steps.map((s) => s.state)).toEqual(["done", "done", "done", "done"]);
    expect(detail.pods[0]?.nodeName).toMatch(/cpu/);
    expect(detail.url).toContain("ranker-a");
    expect(detail.canManage).toBe(false); // the viewer
    const [event] = await audits("ranker-a", "deployment.launched");
    expect(event).toMatchObject({ actorEmail: engineer.email });
    expect(JSON.stringify(event?.after)).toContain("InferenceService");
    const list = await listDeployments(viewer, { q: "ranker-a" });
    expect(list.deployments).toEqual([expect.objectContaining({ name: "ranker-a", team: "search", model: "search-ranker", version: 3, pool: "cpu-pool" })]);
  });

  it("double-submitting with the same idempotency key creates one deployment", async () => {
    const input = cpuLaunch("ranker-b", { idempotencyKey: "key-ranker-b-0001" });
    const results = await Promise.all([launchDeployment(engineer, input), launchDeployment(engineer, input)]);
    expect(results.filter((r) => r.isCreated)).toHaveLength(1);
    expect(results[0]?.id).toBe(results[1]?.id);
    expect(await db.deployment.count({ where: { name: "ranker-b" } })).toBe(1);
    expect(await audits("ranker-b", "deployment.launched")).toHaveLength(1);
  });

  it("refuses viewers, approvers and engineers of another team; writes nothing", async () => {
    for (const actor of [viewer, approver]) await expect(launchDeployment(actor, cpuLaunch("refused"))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(launchDeployment(fraudEngineer, cpuLaunch("refused"))).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("team search") });
    await expect(launchDeployment(null, cpuLaunch("refused"))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await db.deployment.count({ where: { name: "refused" } })).toBe(0);
    expect(kubectl("get", "isvc", "-n", "search-dev", "-o", "name")).not.toContain("refused");
  });

  it("a name taken in the cluster by someone else is refused and leaves no orphan record", async () => {
      const foreign = { apiVersion: "serving.kserve.io/v1beta1", kind: "InferenceService", metadata: { name: "taken", namespace: "search-dev" }, spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "s3://models/x" } } } };
    execFileSync("kubectl", ["--kubeconfig", sim.kubeconfigPath, "apply", "-f", "-"], { input: JSON.stringify(foreign) });
    await expect(launchDeployment(engineer, cpuLaunch("taken"))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("not managed by this deployment") });
    expect(await db.deployment.count({ where: { name: "taken" } })).toBe(0);
  });
});

describe("failures are explained", () => {
  it("a GPU request the pool cannot hold is Pending, with the pools that have room", async () => {
    await launchDeployment(engineer, {
      name: "llm-too-big",
      namespace: "assistant-dev",
      modelName: "llama-3-1-8b-instruct",
      version: 3,
      mode: "Knative",
      pool: "l4-pool",
      resources: { cpu: "4", memory: "32Gi", gpu: { kind: "whole", count: 2 } },
      autoscaling: { minReplicas: 1, maxReplicas: 1 },
    });
    const detail = await until(async () => {
      const d = await getDeploymentOrThrow(viewer, "assistant-dev", "llm-too-big");
      return d.phase.phase === "Pending" && d.explanations.length ? d : null;
    });
    expect(detail.explanations[0]).toMatchObject({ kind: "unschedulable", title: expect.stringContaining("GPU"), fix: expect.stringMatching(/a100-pool|h100-pool/) });
    expect(detail.progress?.steps[0]?.state).toBe("failed");
  });

  it("too little memory is OOMKilled: raise memory to at least X", async () => {
    // Memory validation would refuse this in the wizard; the builder check is bypassed by a
    // kubectl edit, as an engineer might do by hand.
    await launchDeployment(engineer, cpuLaunch("oom-me", { modelName: "doc-embedder", version: 3, resources: { cpu: "1", memory: "2Gi" } }));
    kubectl("patch", "isvc", "oom-me", "-n", "search-dev", "--type=merge", "-p", JSON.stringify({ spec: { predictor: { model: { resources: { limits: { memory: "600Mi" }, requests: { memory: "600Mi" } } } } } }));
    const detail = await until(async () => {
      const d = await getDeploymentOrThrow(viewer, "search-dev", "oom-me");
      return d.explanations.some((e) => e.kind === "oom") ? d : null;
    }, 30_000);
    expect(detail.explanations.find((e) => e.kind === "oom")?.fix).toMatch(/Raise memory to at least \d+Gi/);
  });

  it("an unknown storage location fails to load: check the storageUri", async () => {
    await registerModelVersion(
      engineer,
      ZRegisterModelVersionInput.parse({ modelName: "search-ranker", version: 9, storageUri: "s3://no-such-bucket/ranker/v9", modelFormat: "xgboost", artifactSizeBytes: 60_000_000, metrics: {} }),
    );
    await launchDeployment(engineer, cpuLaunch("bad-storage", { version: 9 }));
    const detail = await until(async () => {
      const d = await getDeploymentOrThrow(viewer, "search-dev", "bad-storage");
      return d.explanations.some((e) => e.kind === "storage") ? d : null;
    }, 30_000);
    expect(detail.explanations.find((e) => e.kind === "storage")?.fix).toContain("s3://no-such-bucket/ranker/v9");
    expect(detail.phase.phase).toBe("Failed");
  });
});

describe("edit, scale and delete", () => {
  it("edits with a YAML diff; a change by someone else is a conflict, never a silent overwrite; status updates are not", async () => {
    await launchDeployment(engineer, cpuLaunch("ranker-edit"));
    const before = await until(async () => {
      const d = await getDeploymentOrThrow(engineer, "search-dev", "ranker-edit");
      return d.changeVersion ? d : null;
    });
    const change = { namespace: "search-dev", name: "ranker-edit", expectedVersion: before.changeVersion!, autoscaling: { minReplicas: 1, maxReplicas: 4, target: { kind: "concurrency" as const, value: 10 } } };
    const preview = await previewDeploymentUpdate(engineer, change);
    expect(preview.ok && preview.diff.filter((l) => l.kind !== "same").map((l) => l.text.trim())).toEqual(["maxReplicas: 2", "maxReplicas: 4"]);

    // Someone else changes the object meanwhile.
    kubectl("annotate", "isvc", "ranker-edit", "-n", "search-dev", "team.example/owner=someone");
    await expect(updateDeployment(engineer, change)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("changed by someone else") });
    expect(kubectl("get", "isvc", "ranker-edit", "-n", "search-dev", "-o", "jsonpath={.spec.predictor.maxReplicas}")).toBe("2");
    expect(await audits("ranker-edit", "deployment.updated")).toHaveLength(0);

    // Re-apply on the new state.
    const fresh = await until(async () => {
      const d = await getDeploymentOrThrow(engineer, "search-dev", "ranker-edit");
      return d.changeVersion !== before.changeVersion ? d : null;
    });
    await updateDeployment(engineer, { ...change, expectedVersion: fresh.changeVersion! });
    expect(kubectl("get", "isvc", "ranker-edit", "-n", "search-dev", "-o", "jsonpath={.spec.predictor.maxReplicas}")).toBe("4");
    const [event] = await audits("ranker-edit", "deployment.updated");
    expect(event?.before).toMatchObject({ spec: { autoscaling: { maxReplicas: 2 } } });
    expect(event?.after).toMatchObject({ spec: { autoscaling: { maxReplicas: 4 } } });
    await expect(updateDeployment(fraudEngineer, { ...change, expectedVersion: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateDeployment(viewer, { ...change, expectedVersion: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("scales to zero and resumes", async () => {
    const rv = async () => (await getInferenceService(getClusterConnection(), "search-dev", "ranker-edit"))!.changeVersion;
    await updateDeployment(engineer, { namespace: "search-dev", name: "ranker-edit", expectedVersion: await rv(), isStopped: true });
    await until(async () => (await getDeploymentOrThrow(viewer, "search-dev", "ranker-edit")).phase.phase === "Stopped");
    expect(await audits("ranker-edit", "deployment.scaled_to_zero")).toHaveLength(1);
    await updateDeployment(engineer, { namespace: "search-dev", name: "ranker-edit", expectedVersion: await rv(), isStopped: false });
    await until(async () => (await getDeploymentOrThrow(viewer, "search-dev", "ranker-edit")).phase.phase === "Ready", 30_000);
  });

  it("deletes after the typed name, from the cluster and the registry, audited", async () => {
    await expect(deleteDeployment(engineer, { namespace: "search-dev", name: "ranker-b", confirmName: "ranker" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(deleteDeployment(viewer, { namespace: "search-dev", name: "ranker-b", confirmName: "ranker-b" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await deleteDeployment(engineer, { namespace: "search-dev", name: "ranker-b", confirmName: "ranker-b" });
    expect(await db.deployment.count({ where: { name: "ranker-b" } })).toBe(0);
    expect(kubectl("get", "isvc", "-n", "search-dev", "-o", "name")).not.toContain("ranker-b");
    expect(await audits("ranker-b", "deployment.deleted")).toHaveLength(1);
  });
});

describe("consistency with the cluster", () => {
  it("detects a kubectl edit as drift, audited as changed outside Gantry", async () => {
    kubectl("patch", "isvc", "ranker-a", "-n", "search-dev", "--type=merge", "-p", JSON.stringify({ spec: { predictor: { maxReplicas: 7 } } }));
    await until(async () => {
      await reconcileDeployments();
      const d = await getDeploymentOrThrow(viewer, "search-dev", "ranker-a");
      return d.drift.length ? d : null;
    });
    const detail = await getDeploymentOrThrow(viewer, "search-dev", "ranker-a");
    expect(detail.drift).toEqual([{ path: "spec.predictor.maxReplicas", expected: 2, actual: 7 }]);
    expect(detail.hasDrift).toBe(true);
    const [event] = await audits("ranker-a", "deployment.changed_outside_gantry");
    expect(event).toMatchObject({ actorEmail: "system:reconciler", before: { "spec.predictor.maxReplicas": 2 }, after: { "spec.predictor.maxReplicas": 7 } });
  });

  it("adopts a launch that crashed after the cluster call, and removes one that crashed before it", async () => {
    const adoptPlan = await planDeployment(engineer, cpuLaunch("crash-after"), crypto.randomUUID());
    const reserved = await reserveDeployment(engineer, adoptPlan, null);
    if (!("reserved" in reserved)) throw new Error("expected a new row");
    await applyDeploymentToCluster(adoptPlan, reserved.reserved); // then the process "crashes"

    const lostPlan = await planDeployment(engineer, cpuLaunch("crash-before"), crypto.randomUUID());
    await reserveDeployment(engineer, lostPlan, null); // crashed before the cluster call

    await until(async () => (await listDeployments(viewer, { q: "crash-after" })).deployments.length > 0);
    const report = await reconcileDeployments({ creatingGraceMs: 0 });
    expect(report.adopted).toContain("search-dev/crash-after");
    expect(report.abandoned).toContain("search-dev/crash-before");
    expect((await db.deployment.findFirstOrThrow({ where: { name: "crash-after" } })).state).toBe("active");
    expect(await db.deployment.count({ where: { name: "crash-before" } })).toBe(0);
    expect(await audits("crash-after", "deployment.adopted")).toHaveLength(1);
    expect(await audits("crash-before", "deployment.launch_abandoned")).toHaveLength(1);
  });

  it("a failed cluster call leaves no record (cluster down)", async () => {
    const plan = await planDeployment(engineer, cpuLaunch("cluster-down"), crypto.randomUUID());
    const reserved = await reserveDeployment(engineer, plan, null);
    if (!("reserved" in reserved)) throw new Error("expected a new row");
    const brokenPlan = { ...plan, manifests: { ...plan.manifests, inferenceService: { ...plan.manifests.inferenceService, metadata: { ...plan.manifests.inferenceService.metadata, namespace: "no-such-namespace" } } } };
    await expect(applyDeploymentToCluster(brokenPlan, reserved.reserved)).rejects.toBeTruthy();
    expect(await db.deployment.count({ where: { name: "cluster-down" } })).toBe(0);
  });

  it("admins may manage any team's deployments", async () => {
    const d = await getDeploymentOrThrow(admin, "search-dev", "ranker-a");
    expect(d.canManage).toBe(true);
  });
});
