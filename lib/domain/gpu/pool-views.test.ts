import { describe, expect, it } from "vitest";
import { describePool, indexCluster, summarizePools } from "./pool-views";
import { poolLabelOrder } from "./pools";
import { GPU_TOLERATION, makeL4Node, makeNode, makePod, makeT4Node } from "./test-fixtures";

const nodes = [makeL4Node("l4-0"), makeL4Node("l4-1"), makeL4Node("l4-2", { isUnschedulable: true }), makeT4Node("t4-0"), makeNode("cpu-0")];
const owner = { namespace: "search", name: "ranker", deploymentId: "d1" };
const pods = [
  makePod("ranker-0", { namespace: "search", nodeName: "l4-0", requests: { "nvidia.com/gpu": 1 }, owner }),
  makePod("fraud-0", { nodeName: "t4-0", requests: { "nvidia.com/gpu": 1 }, owner: { namespace: "fraud", name: "xgb", deploymentId: null } }),
  makePod("waiting", { requests: { "nvidia.com/gpu": 1 }, tolerations: [GPU_TOLERATION], nodeSelector: { "gantry.dev/pool": "l4-pool" }, unschedulableMessage: "0/5 nodes are available: 1 Insufficient nvidia.com/gpu." }),
  makePod("done", { nodeName: "l4-1", requests: { "nvidia.com/gpu": 1 }, isTerminal: true, phase: "Succeeded" }),
];
const index = indexCluster(nodes, pods, poolLabelOrder());
const prices = new Map([["l4-pool", 0.8], ["t4-pool", 0.6]]);

describe("pool summaries", () => {
  const [l4, t4, cpu] = summarizePools(index, prices);

  it("lists GPU pools first, CPU-only pools last", () => {
    expect([l4?.name, t4?.name, cpu?.name]).toEqual(["l4-pool", "t4-pool", "cpu-pool"]);
    expect(cpu?.gpu).toBeNull();
  });

  it("counts nodes, GPUs and what is free where new pods can go", () => {
    expect(l4).toMatchObject({ nodeCount: 3, readyNodeCount: 3, cordonedNodeCount: 1, physicalGpus: 3 });
    expect(l4?.units).toEqual({ capacity: 3, allocatable: 3, requested: 1, free: 1 });
    expect(l4?.bar).toEqual({ allocated: 1, free: 1, unavailable: 1, total: 3 });
  });

  it("lists pending pods with the scheduler's reason, and the deployments", () => {
    expect(l4?.pendingPodCount).toBe(1);
    expect(l4?.pendingPods[0]?.reason).toBe("None of 5 nodes fit: 1 Insufficient nvidia.com/gpu.");
    expect(t4?.pendingPodCount).toBe(0);
    expect(l4?.deployments).toEqual([{ ...owner, pods: 1, gpuEquivalents: 1, nodes: ["l4-0"] }]);
  });

  it("prices what is allocated; a time-sliced replica costs its share", () => {
    expect(l4?.costPerHour).toBe(0.8);
    expect(t4?.bar.allocated).toBe(0.25);
    expect(t4?.costPerHour).toBe(0.15);
    expect(cpu?.costPerHour).toBeNull();
  });

  it("warns over 90 % allocated", () => {
    const full = indexCluster([makeL4Node("l4-0")], [makePod("a", { nodeName: "l4-0", requests: { "nvidia.com/gpu": 1 } })], poolLabelOrder());
    expect(summarizePools(full, new Map())[0]).toMatchObject({ allocatedPercent: 100, isNearlyFull: true });
  });
});

describe("pool detail", () => {
  it("has a row per node with its pods", () => {
    const detail = describePool(index, "l4-pool", 0.8)!;
    expect(detail.nodes.map((node) => [node.name, node.isUnschedulable, node.pods.map((pod) => pod.name)])).toEqual([
      ["l4-0", false, ["ranker-0"]],
      ["l4-1", false, []],
      ["l4-2", true, []],
    ]);
    expect(detail.nodes[0]?.pods[0]?.gpuRequest).toBe("1 GPU");
    expect(describePool(index, "nope", null)).toBeNull();
  });
});

describe("pods on a time-sliced node", () => {
  it("hold replicas, not GPUs", () => {
    const detail = describePool(index, "t4-pool", 0.6)!;
    expect(detail.nodes[0]?.pods[0]?.gpuRequest).toBe("1 time-sliced replica");
  });
});
