import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NodeState, type PodRequirements, fitsNode, unschedulableMessage } from "../scheduler/fit";
import { http, startTestSim, type TestSim, waitFor } from "./helpers";

const gpuNode = (over: Partial<NodeState> = {}): NodeState => ({
  name: "gpu-0",
  labels: { "nvidia.com/gpu.present": "true", "gantry.dev/pool": "l4-pool" },
  taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }],
  unschedulable: false,
  allocatable: { cpu: 8, memory: 32 * 2 ** 30, pods: 110, "nvidia.com/gpu": 1 },
  requested: {},
  podCount: 0,
  ...over,
});
const gpuToleration = { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" };
const pod = (over: Partial<PodRequirements> = {}): PodRequirements => ({ requests: { cpu: 1, memory: 2 ** 30, "nvidia.com/gpu": 1 }, nodeSelector: {}, requiredTerms: [], tolerations: [gpuToleration], ...over });

describe("fit predicate", () => {
  it("fits when resources, taints and selectors allow", () => {
    expect(fitsNode(pod(), gpuNode())).toEqual({ fits: true });
  });
  it("reports insufficient GPU", () => {
    expect(fitsNode(pod(), gpuNode({ requested: { "nvidia.com/gpu": 1 } }))).toMatchObject({ fits: false, reasons: ["Insufficient nvidia.com/gpu"] });
  });
  it("reports an untolerated taint", () => {
    expect(fitsNode(pod({ tolerations: [] }), gpuNode())).toMatchObject({ fits: false, reasons: ["node(s) had untolerated taint {nvidia.com/gpu: present}"] });
  });
  it("reports a selector mismatch", () => {
    expect(fitsNode(pod({ nodeSelector: { "gantry.dev/pool": "h100-pool" } }), gpuNode())).toMatchObject({ fits: false, reasons: ["node(s) didn't match Pod's node affinity/selector"] });
    const terms = [{ matchExpressions: [{ key: "gantry.dev/pool", operator: "In", values: ["a100-pool"] }] }];
    expect(fitsNode(pod({ requiredTerms: terms }), gpuNode())).toMatchObject({ fits: false });
  });
  it("schedules MIG devices by their own resource name", () => {
    const mig = gpuNode({ allocatable: { cpu: 200, memory: 2 ** 40, pods: 110, "nvidia.com/mig-1g.10gb": 7 }, requested: { "nvidia.com/mig-1g.10gb": 6 } });
    expect(fitsNode(pod({ requests: { "nvidia.com/mig-1g.10gb": 1 } }), mig)).toEqual({ fits: true });
    expect(fitsNode(pod({ requests: { "nvidia.com/mig-1g.10gb": 2 } }), mig)).toMatchObject({ reasons: ["Insufficient nvidia.com/mig-1g.10gb"] });
  });
  it("reports cordoned nodes", () => {
    expect(fitsNode(pod(), gpuNode({ unschedulable: true }))).toMatchObject({ reasons: ["node(s) were unschedulable"] });
  });
  it("words the FailedScheduling message like kube-scheduler", () => {
    const msg = unschedulableMessage(3, [
      { fits: false, reasons: ["Insufficient nvidia.com/gpu"], unresolvable: false },
      { fits: false, reasons: ["Insufficient nvidia.com/gpu"], unresolvable: false },
      { fits: false, reasons: ["node(s) had untolerated taint {nvidia.com/gpu: present}"], unresolvable: true },
    ]);
    expect(msg).toBe("0/3 nodes are available: 1 node(s) had untolerated taint {nvidia.com/gpu: present}, 2 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.");
  });
});

describe("scheduler in the running sim", () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const createPod = (name: string, spec: object) => t.core.createNamespacedPod({ namespace: "default", body: { metadata: { name }, spec: { containers: [{ name: "c", image: "busybox:1.36", ...spec }] } } });
  const createPodSpec = (name: string, podSpec: object, container: object) => t.core.createNamespacedPod({ namespace: "default", body: { metadata: { name }, spec: { containers: [{ name: "c", image: "busybox:1.36", ...container }], ...podSpec } } });
  const readPod = (name: string) => t.core.readNamespacedPod({ name, namespace: "default" });
  const events = async (name: string) => (await t.core.listNamespacedEvent({ namespace: "default", fieldSelector: `involvedObject.name=${name},involvedObject.kind=Pod` })).items;

  it("binds a GPU pod (ExtendedResourceToleration adds the toleration) and runs it", async () => {
    await createPod("fits", { resources: { limits: { "nvidia.com/gpu": "1" } } });
    const p = await waitFor("running", async () => {
      const x = await readPod("fits");
      return x.status?.containerStatuses?.[0]?.ready ? x : undefined;
    });
    expect(p.spec?.tolerations).toContainEqual({ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" });
    const node = await t.core.readNode({ name: p.spec?.nodeName ?? "" });
    expect(node.metadata?.labels?.["nvidia.com/gpu.present"]).toBe("true");
    expect((await events("fits")).map((e) => e.reason)).toEqual(expect.arrayContaining(["Scheduled", "Pulling", "Started"]));
    expect(t.sim.internals.kubelet.podGpus("default", "fits")).toHaveLength(1);
  });

  it("keeps an oversized pod Pending with a FailedScheduling event and PodScheduled=False", async () => {
    await createPod("too-many-gpus", { resources: { limits: { "nvidia.com/gpu": "9" } } });
    const ev = await waitFor("FailedScheduling", async () => (await events("too-many-gpus")).find((e) => e.reason === "FailedScheduling"));
    expect(ev.type).toBe("Warning");
    // CPU nodes carry no taint but advertise no nvidia.com/gpu, so every node is short.
    expect(ev.message).toBe("0/19 nodes are available: 19 Insufficient nvidia.com/gpu. preemption: 0/19 nodes are available: 19 No preemption victims found for incoming pod.");
    const p = await readPod("too-many-gpus");
    expect(p.status?.phase).toBe("Pending");
    expect(p.status?.conditions?.find((c) => c.type === "PodScheduled")).toMatchObject({ status: "False", reason: "Unschedulable" });
  });

  it("reports an untolerated taint and a selector that matches nothing", async () => {
    await createPodSpec("wants-h100", { nodeSelector: { "gantry.dev/pool": "nope" } }, {});
    const ev = await waitFor("FailedScheduling", async () => (await events("wants-h100")).find((e) => e.reason === "FailedScheduling"));
    expect(ev.message).toContain("15 node(s) had untolerated taint {nvidia.com/gpu: present}");
    expect(ev.message).toContain("4 node(s) didn't match Pod's node affinity/selector");
  });

  it("schedules MIG slices onto the H100 pool", async () => {
    await createPodSpec("mig", { tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }] }, { resources: { limits: { "nvidia.com/mig-1g.10gb": "1" } } });
    const p = await waitFor("bound", async () => (await readPod("mig")).spec?.nodeName);
    expect(p).toMatch(/h100-pool/);
    const gpus = t.sim.internals.kubelet.podGpus("default", "mig");
    expect(gpus[0]?.migProfile).toBe("1g.10gb");
  });

  it("retries when capacity frees up", async () => {
    // Fill all four T4 time-slices of every T4 node plus the rest with a 3rd pod that needs all 8 H100 GPUs.
    await createPod("big-a", { resources: { limits: { "nvidia.com/gpu": "6" } } });
    await createPod("big-b", { resources: { limits: { "nvidia.com/gpu": "6" } } });
    await waitFor("both bound", async () => (await readPod("big-a")).spec?.nodeName && (await readPod("big-b")).spec?.nodeName);
    await createPod("big-c", { resources: { limits: { "nvidia.com/gpu": "6" } } });
    await waitFor("c pending", async () => (await events("big-c")).some((e) => e.reason === "FailedScheduling"));
    await t.core.deleteNamespacedPod({ name: "big-a", namespace: "default" });
    await waitFor("c bound", async () => (await readPod("big-c")).spec?.nodeName);
  });

  it("cordon and NotReady: taints the node and evicts pods that do not tolerate it", async () => {
    const nodeName = (await readPod("fits")).spec?.nodeName ?? "";
    const res = await http(t.sim, "PATCH", `/api/v1/nodes/${nodeName}`, { spec: { unschedulable: true } }, { "content-type": "application/merge-patch+json" });
    expect(res.status).toBe(200);
    await waitFor("cordon taint", async () => (await t.core.readNode({ name: nodeName })).spec?.taints?.some((x) => x.key === "node.kubernetes.io/unschedulable"));
    const node = await t.core.readNode({ name: nodeName });
    const conditions = (node.status?.conditions ?? []).map((c) => (c.type === "Ready" ? { ...c, status: "False", reason: "KubeletNotReady" } : c));
    const st = await http(t.sim, "PATCH", `/api/v1/nodes/${nodeName}/status`, { status: { conditions } }, { "content-type": "application/merge-patch+json" });
    expect(st.status).toBe(200);
    await waitFor("not-ready taint", async () => (await t.core.readNode({ name: nodeName })).spec?.taints?.some((x) => x.key === "node.kubernetes.io/not-ready" && x.effect === "NoExecute"));
    // The default 300 s toleration runs on the sim clock (0.01 → 3 s).
    await waitFor("evicted", async () => (await http(t.sim, "GET", "/api/v1/namespaces/default/pods/fits")).status === 404, 30_000);
  });
});
