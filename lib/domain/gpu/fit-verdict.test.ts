import { describe, expect, it } from "vitest";
import { evaluateFit, type TFitRequest } from "./fit-verdict";
import { indexCluster, shortenSchedulerMessage } from "./pool-views";
import { poolLabelOrder } from "./pools";
import { GPU_TOLERATION, makeH100Node, makeL4Node, makeNode, makePod, makeT4Node } from "./test-fixtures";

const GI = 2 ** 30;
const request = (overrides: Partial<TFitRequest>): TFitRequest => ({ cpu: 1, memoryBytes: 4 * GI, gpus: 1, migProfile: null, replicas: 1, tolerations: [], ...overrides });

// l4-pool: one GPU free on l4-0, l4-1 busy, l4-2 cordoned; three pods already waiting for L4s.
const nodes = [makeL4Node("l4-0"), makeL4Node("l4-1"), makeL4Node("l4-2", { isUnschedulable: true }), makeT4Node("t4-0"), makeH100Node("h100-0"), makeNode("cpu-0")];
const gpuPod = (name: string, nodeName: string | null) =>
  makePod(name, {
    nodeName,
    requests: { "nvidia.com/gpu": nodeName ? 1 : 2 },
    nodeSelector: { "gantry.dev/pool": "l4-pool" },
    tolerations: [GPU_TOLERATION],
    unschedulableMessage: nodeName ? null : "0/6 nodes are available: 3 Insufficient nvidia.com/gpu.",
  });
const pods = [gpuPod("busy", "l4-1"), gpuPod("waiting-1", null), gpuPod("waiting-2", null), gpuPod("waiting-3", null)];
const index = indexCluster(nodes, pods, poolLabelOrder());

describe("the fit check in plain words", () => {
  it("fits now, and says on which node", () => {
    const verdict = evaluateFit(index, "l4-pool", request({}))!;
    expect(verdict.fits).toBe(true);
    expect(verdict.nodes).toEqual([{ name: "l4-0", replicas: 1 }]);
    expect(verdict.summary).toBe("Fits now: 1 replica on l4-0.");
  });

  it("does not fit, and says why, with what is free and pending", () => {
    const verdict = evaluateFit(index, "l4-pool", request({ gpus: 2 }))!;
    expect(verdict.fits).toBe(false);
    expect(verdict.summary).toBe("Does not fit: needs 2 × NVIDIA-L4 24GB, 1 core, 4 GiB memory per replica; pool l4-pool has 1 free GPU on 1 node; 3 pods already pending.");
    expect(verdict.reasons).toEqual(["2 nodes: not enough GPUs (needs 2, at most 1 free)", "1 node: cordoned: it takes no new pods"]);
    expect(verdict.pendingPodCount).toBe(3);
  });

  it("suggests the pools where it fits", () => {
    const verdict = evaluateFit(index, "l4-pool", request({ gpus: 2 }))!;
    expect(verdict.suggestions.map((suggestion) => suggestion.pool)).toEqual(["h100-pool", "t4-pool"]);
    expect(verdict.suggestions[0]!.summary).toBe("Fits in h100-pool: it has 6 free GPUs on 1 node.");
  });

  it("counts replicas: only some fit", () => {
    const verdict = evaluateFit(index, "l4-pool", request({ replicas: 2 }))!;
    expect(verdict.placedReplicas).toBe(1);
    expect(verdict.summary).toMatch(/^Only 1 of 2 replicas fit now \(on l4-0\)/);
  });

  it("time-sliced replicas: four pods share one T4", () => {
    expect(evaluateFit(index, "t4-pool", request({ replicas: 4 }))!.nodes).toEqual([{ name: "t4-0", replicas: 4 }]);
    expect(evaluateFit(index, "t4-pool", request({ replicas: 5 }))!.fits).toBe(false);
    expect(evaluateFit(index, "t4-pool", request({ gpus: 5 }))!.summary).toContain("needs 5 × Tesla-T4 16GB (time-sliced, 1/4 GPU each)");
  });

  it("MIG: explains the taint, and fits with the toleration", () => {
    const refused = evaluateFit(index, "h100-pool", request({ migProfile: "1g.10gb" }))!;
    expect(refused.reasons).toEqual(["1 node: has the taint nvidia.com/gpu=present:NoSchedule, which the pod does not tolerate"]);
    const accepted = evaluateFit(index, "h100-pool", request({ migProfile: "1g.10gb", replicas: 7, tolerations: [GPU_TOLERATION] }))!;
    expect(accepted.fits).toBe(true);
    expect(evaluateFit(index, "l4-pool", request({ migProfile: "1g.10gb", tolerations: [GPU_TOLERATION] }))!.summary).toContain("pool l4-pool has no MIG 1g.10gb slices");
  });

  it("CPU-only requests go to the CPU pool", () => {
    const verdict = evaluateFit(index, "cpu-pool", request({ gpus: 0, cpu: 16 }))!;
    expect(verdict.fits).toBe(false);
    expect(verdict.summary).toBe("Does not fit: needs 16 cores, 4 GiB memory per replica; pool cpu-pool has at most 8 cores and 32 GiB memory free on one node.");
  });

  it("an unknown pool is null (the service turns it into NOT_FOUND)", () => {
    expect(evaluateFit(index, "nope", request({}))).toBeNull();
  });
});

describe("the scheduler's reason, shortened", () => {
  it("drops the preamble and the preemption summary", () => {
    expect(
      shortenSchedulerMessage(
        "0/19 nodes are available: 17 node(s) didn't match Pod's node affinity/selector, 2 Insufficient nvidia.com/gpu. preemption: 0/19 nodes are available: 17 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
      ),
    ).toBe("None of 19 nodes fit: 17 node(s) didn't match Pod's node affinity/selector, 2 Insufficient nvidia.com/gpu.");
    expect(shortenSchedulerMessage(null)).toBe("Not scheduled yet.");
  });
});
