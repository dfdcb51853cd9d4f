import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inferenceServices } from "../api/resources";
import { startTestSim, type TestSim, waitFor } from "./helpers";

// The STATUS.md walk-through (steps 1a–6) and the failure modes, against the running sim.

const GROUP = { group: "serving.kserve.io", version: "v1beta1", namespace: "default", plural: "inferenceservices" };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Isvc = any;

let t: TestSim;
const history = new Map<string, Isvc[]>();

beforeAll(async () => {
  t = await startTestSim();
  t.sim.internals.store.onChange((ev) => {
    if (ev.rt !== inferenceServices) return;
    const list = history.get(ev.obj.metadata.name ?? "") ?? [];
    list.push(structuredClone(ev.obj));
    history.set(ev.obj.metadata.name ?? "", list);
  });
});
afterAll(async () => {
  await t?.stop();
});

const create = (name: string, predictor: object, annotations?: Record<string, string>) =>
  t.custom.createNamespacedCustomObject({ ...GROUP, body: { apiVersion: "serving.kserve.io/v1beta1", kind: "InferenceService", metadata: { name, ...(annotations ? { annotations } : {}) }, spec: { predictor } } });
const get = (name: string): Promise<Isvc> => t.custom.getNamespacedCustomObject({ ...GROUP, name });
const cond = (isvc: Isvc, type: string) => (isvc?.status?.conditions ?? []).find((c: { type: string }) => c.type === type);
const pred = (isvc: Isvc) => isvc?.status?.components?.predictor ?? {};
const jsonPatch = (name: string, ops: object[]) => t.custom.patchNamespacedCustomObject({ ...GROUP, name, body: ops });
const until = (what: string, name: string, check: (i: Isvc) => boolean, timeoutMs = 30_000) =>
  waitFor(what, async () => {
    const i = await get(name);
    return check(i) ? i : undefined;
  }, timeoutMs);
const sklearn = (uri: string, extra: object = {}) => ({ model: { modelFormat: { name: "sklearn" }, storageUri: uri }, ...extra });
const rev = (name: string, n: number) => `${name}-predictor-${String(n).padStart(5, "0")}`;
const readyIs = (status: string) => (i: Isvc) => cond(i, "Ready")?.status === status;
const podsOf = async (name: string) => (await t.core.listNamespacedPod({ namespace: "default", labelSelector: `serving.kserve.io/inferenceservice=${name}` })).items;

async function deployedAndRolledOut(name: string): Promise<Isvc> {
  await create(name, sklearn("gs://models/v1"));
  return until("r1 ready", name, (i) => readyIs("True")(i) && pred(i).latestRolledoutRevision === rev(name, 1));
}

describe("Knative mode walk-through (STATUS.md §4.3)", () => {
  const name = "my-model";
  const r1 = rev(name, 1);
  const r2 = rev(name, 2);

  it("1a: on create Ready, PredictorReady and IngressReady are Unknown", async () => {
    await create(name, sklearn("gs://models/v1"));
    const first = await waitFor("first status", () => history.get(name)?.find((i) => i.status?.conditions));
    expect(cond(first, "Ready").status).toBe("Unknown");
    expect(cond(first, "PredictorReady").status).toBe("Unknown");
    expect(cond(first, "IngressReady")).toMatchObject({ status: "Unknown", reason: "Predictor ingress not created" });
    expect(first.status.deploymentMode).toBe("Knative");
    expect(first.status.modelStatus.transitionStatus).toBe("InProgress");
  });

  it("1b: r1 becomes ready with 100% traffic, url and address", async () => {
    const i = await until("1b", name, readyIs("True"));
    expect(pred(i)).toMatchObject({ latestCreatedRevision: r1, latestReadyRevision: r1, latestRolledoutRevision: r1, traffic: [{ revisionName: r1, latestRevision: true, percent: 100 }] });
    expect(pred(i).previousRolledoutRevision).toBeUndefined();
    expect(i.status.url).toBe("http://my-model.default.example.com");
    expect(i.status.address.url).toBe("http://my-model.default.svc.cluster.local");
    expect(i.status.modelStatus).toMatchObject({ transitionStatus: "UpToDate", states: { activeModelState: "Loaded", targetModelState: "Loaded" }, copies: { failedCopies: 0, totalCopies: 1 } });
    expect(i.status.clusterServingRuntimeName).toBe("kserve-sklearnserver");
    for (const c of i.status.conditions) expect(c.severity === "Info").toBe(!["Ready", "PredictorReady", "IngressReady"].includes(c.type));
    const types = i.status.conditions.map((c: { type: string }) => c.type);
    expect(types).toEqual([...types].sort());
  });

  it("2a/2b: a template change with canary 20 makes r2, split 20/80 against r1", async () => {
    const seen = history.get(name)?.length ?? 0;
    await jsonPatch(name, [
      { op: "replace", path: "/spec/predictor/model/storageUri", value: "gs://models/v2" },
      { op: "add", path: "/spec/predictor/canaryTrafficPercent", value: 20 },
    ]);
    const i = await until("2b", name, (x) => readyIs("True")(x) && pred(x).latestReadyRevision === r2);
    expect(pred(i).traffic).toEqual([
      { revisionName: r2, latestRevision: true, percent: 20 },
      { tag: "prev", revisionName: r1, latestRevision: false, percent: 80, url: "http://prev-my-model-predictor.default.example.com" },
    ]);
    expect(pred(i).latestRolledoutRevision).toBe(r1);
    // 2a happened on the way: r2 created, both targets still on r1, Ready Unknown.
    const twoA = history.get(name)?.slice(seen).find((x) => pred(x).latestCreatedRevision === r2 && pred(x).latestReadyRevision === r1);
    expect(twoA).toBeDefined();
    expect(pred(twoA).traffic.map((x: { revisionName: string; percent: number }) => [x.revisionName, x.percent])).toEqual([[r1, 20], [r1, 80]]);
    expect(cond(twoA, "Ready").status).toBe("Unknown");
    expect(cond(twoA, "IngressReady").status).toBe("True");
    expect(cond(twoA, "LatestDeploymentReady").status).toBe("Unknown");
  });

  it("3: a percent-only change moves traffic without a new revision", async () => {
    await jsonPatch(name, [{ op: "replace", path: "/spec/predictor/canaryTrafficPercent", value: 50 }]);
    const i = await until("3", name, (x) => pred(x).traffic?.[0]?.percent === 50);
    expect(pred(i).latestCreatedRevision).toBe(r2);
    expect(pred(i).traffic.map((x: { revisionName: string; percent: number }) => [x.revisionName, x.percent])).toEqual([[r2, 50], [r1, 50]]);
  });

  it("4: removing the canary field promotes r2; r1 scales to zero", async () => {
    await jsonPatch(name, [{ op: "remove", path: "/spec/predictor/canaryTrafficPercent" }]);
    const i = await until("4", name, (x) => pred(x).latestRolledoutRevision === r2);
    expect(pred(i)).toMatchObject({ latestRolledoutRevision: r2, previousRolledoutRevision: r1, traffic: [{ revisionName: r2, latestRevision: true, percent: 100 }] });
    await waitFor("r1 pods gone", async () => (await podsOf(name)).every((p) => p.metadata?.labels?.["serving.knative.dev/revision"] === r2));
  });

  it("5b: canary 0 after promotion rolls back to the previous rollout", async () => {
    await jsonPatch(name, [{ op: "add", path: "/spec/predictor/canaryTrafficPercent", value: 0 }]);
    const i = await until("5b", name, (x) => pred(x).latestRolledoutRevision === r1);
    expect(pred(i)).toMatchObject({ latestRolledoutRevision: r1, previousRolledoutRevision: r1 });
    expect(pred(i).traffic.map((x: { revisionName: string; percent: number }) => [x.revisionName, x.percent])).toEqual([[r2, 0], [r1, 100]]);
    expect(cond(i, "Ready").status).toBe("True");
  });
});

describe("walk-through branches", () => {
  it("5a: canary 0 during a canary pins traffic to r1", async () => {
    const name = "pin-model";
    await deployedAndRolledOut(name);
    await jsonPatch(name, [
      { op: "replace", path: "/spec/predictor/model/storageUri", value: "gs://models/v2" },
      { op: "add", path: "/spec/predictor/canaryTrafficPercent", value: 20 },
    ]);
    await until("canary ready", name, (x) => pred(x).latestReadyRevision === rev(name, 2));
    await jsonPatch(name, [{ op: "replace", path: "/spec/predictor/canaryTrafficPercent", value: 0 }]);
    const i = await until("5a", name, (x) => pred(x).traffic?.[0]?.percent === 0);
    expect(pred(i).traffic.map((x: { revisionName: string; percent: number; tag?: string }) => [x.revisionName, x.percent, x.tag])).toEqual([[rev(name, 2), 0, undefined], [rev(name, 1), 100, "prev"]]);
    expect(pred(i).latestRolledoutRevision).toBe(rev(name, 1));
  });

  it("5c: reverting the spec creates a new revision r3 instead of reusing r1", async () => {
    const name = "revert-model";
    await deployedAndRolledOut(name);
    await jsonPatch(name, [{ op: "replace", path: "/spec/predictor/model/storageUri", value: "gs://models/v2" }]);
    await until("r2 rolled out", name, (x) => pred(x).latestRolledoutRevision === rev(name, 2));
    await jsonPatch(name, [{ op: "replace", path: "/spec/predictor/model/storageUri", value: "gs://models/v1" }]);
    const i = await until("5c", name, (x) => pred(x).latestRolledoutRevision === rev(name, 3));
    expect(pred(i)).toMatchObject({ latestCreatedRevision: rev(name, 3), latestReadyRevision: rev(name, 3), previousRolledoutRevision: rev(name, 2), traffic: [{ revisionName: rev(name, 3), latestRevision: true, percent: 100 }] });
  });

  it("6: a failed new revision keeps all traffic on r1 and reports RevisionFailed", async () => {
    const name = "broken-model";
    await deployedAndRolledOut(name);
    await jsonPatch(name, [
      { op: "replace", path: "/spec/predictor/model/storageUri", value: "s3://no-such-bucket/model" },
      { op: "add", path: "/spec/predictor/canaryTrafficPercent", value: 20 },
    ]);
    const i = await until("6", name, readyIs("False"));
    const r2 = rev(name, 2);
    expect(pred(i)).toMatchObject({ latestCreatedRevision: r2, latestReadyRevision: rev(name, 1), latestRolledoutRevision: rev(name, 1) });
    expect(pred(i).traffic.map((x: { revisionName: string; percent: number }) => [x.revisionName, x.percent])).toEqual([[rev(name, 1), 20], [rev(name, 1), 80]]);
    expect(cond(i, "PredictorReady")).toMatchObject({ status: "False", reason: "RevisionFailed" });
    expect(cond(i, "PredictorReady").message).toMatch(new RegExp(`^Revision "${r2}" failed with message: .*No model found in s3://no-such-bucket/model`));
    expect(cond(i, "IngressReady").status).toBe("True");
    expect(cond(i, "PredictorConfigurationReady").status).toBe("False");
    expect(cond(i, "PredictorRouteReady").status).toBe("True");
    expect(cond(i, "LatestDeploymentReady")).toMatchObject({ status: "False", reason: "PredictorConfigurationReady not ready" });
    expect(i.status.url).toBe(`http://${name}.default.example.com`);
    expect(i.status.modelStatus).toMatchObject({ transitionStatus: "BlockedByFailedLoad", states: { activeModelState: "Loaded", targetModelState: "FailedToLoad" }, lastFailureInfo: { reason: "ModelLoadFailed", modelRevisionName: r2, exitCode: 1 } });
  });
});

describe("failure modes and other behaviour", () => {
  it("a memory limit below the model's needs ends in OOMKilled and CrashLoopBackOff", async () => {
    const name = "oom-model";
    await t.custom.createNamespacedCustomObject({
      ...GROUP,
      body: {
        apiVersion: "serving.kserve.io/v1beta1", kind: "InferenceService",
        metadata: { name, annotations: { "gantry.dev/model-size-bytes": "4000000000" } },
        spec: { predictor: sklearn("gs://models/big", { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://models/big", resources: { limits: { memory: "1Gi" } } } }) },
      },
    });
    const pod = await waitFor("OOMKilled", async () => (await podsOf(name)).find((p) => p.status?.containerStatuses?.[0]?.lastState?.terminated?.reason === "OOMKilled"));
    expect(pod.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(137);
    await waitFor("CrashLoopBackOff", async () => (await podsOf(name)).some((p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === "CrashLoopBackOff"));
    const i = await until("revision failed", name, readyIs("False"));
    expect(cond(i, "PredictorReady").message).toContain("OOMKilled");
  });

  it("no free GPU leaves pods Pending with the scheduler's message on the InferenceService", async () => {
    const name = "too-big";
    await create(name, { containers: [{ name: "kserve-container", image: "vllm/vllm-openai:v0.8.5", resources: { limits: { "nvidia.com/gpu": "16" } } }] });
    const i = await until("unschedulable surfaced", name, (x) => /0\/19 nodes are available/.test(cond(x, "PredictorReady")?.message ?? ""));
    expect(cond(i, "PredictorReady").message).toContain("Insufficient nvidia.com/gpu");
    const pods = await podsOf(name);
    expect(pods[0]?.status?.phase).toBe("Pending");
  });

  it("Standard mode has no revisions and ignores canaryTrafficPercent", async () => {
    const name = "raw-model";
    await create(name, sklearn("gs://models/v1", { canaryTrafficPercent: 10 }), { "serving.kserve.io/deploymentMode": "RawDeployment" });
    const i = await until("standard ready", name, readyIs("True"));
    expect(i.metadata.annotations["serving.kserve.io/deploymentMode"]).toBe("Standard");
    expect(i.status.deploymentMode).toBe("Standard");
    expect(pred(i)).toEqual({ url: "http://raw-model-predictor-default.example.com" });
    expect(i.status.url).toBe("http://raw-model-default.example.com");
    expect(i.status.conditions.map((c: { type: string }) => c.type)).toEqual(["IngressReady", "PredictorReady", "Ready", "Stopped"]);
    const pods = await podsOf(name);
    expect(pods[0]?.metadata?.labels?.app).toBe("isvc.raw-model-predictor");
  });

  it("the deployment mode cannot be changed once recorded", async () => {
    await until("recorded", "raw-model", (x) => x.status?.deploymentMode === "Standard");
    await expect(t.custom.patchNamespacedCustomObject({ ...GROUP, name: "raw-model", body: [{ op: "replace", path: "/metadata/annotations/serving.kserve.io~1deploymentMode", value: "Knative" }] })).rejects.toThrow(/deploymentMode cannot be changed/);
  });

  it("minReplicas 0 scales to zero after the idle window and stays Ready", async () => {
    const name = "sleepy";
    await create(name, sklearn("gs://models/v1", { minReplicas: 0 }));
    await until("ready", name, readyIs("True"));
    await waitFor("scaled to zero", async () => (await podsOf(name)).length === 0);
    expect(cond(await get(name), "Ready").status).toBe("True");
  });

  it("pod logs read like a model server starting up", async () => {
    const [pod] = await podsOf("my-model");
    const logs = await t.core.readNamespacedPodLog({ name: pod?.metadata?.name ?? "", namespace: "default", container: "kserve-container" });
    expect(logs).toContain("Registering model: my-model");
    expect(logs).toContain("Application startup complete.");
  });

  it("deleting the InferenceService cascades to its pods", async () => {
    await t.custom.deleteNamespacedCustomObject({ ...GROUP, name: "oom-model" });
    await waitFor("pods gone", async () => (await podsOf("oom-model")).length === 0);
  });
});

