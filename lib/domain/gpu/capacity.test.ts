import { describe, expect, it } from "vitest";
import { capacityBarOfNode, computeNodeGpus, gpuEquivalentsOfRequests, sumRequestsByNode } from "./capacity";
import { makeH100Node, makeL4Node, makeNode, makePod, makeT4Node } from "./test-fixtures";

describe("whole GPUs", () => {
  it("counts capacity, allocatable, requested and free per nvidia.com/gpu", () => {
    const node = makeNode("a100-0", { extra: { "nvidia.com/gpu": 4 }, labels: { "nvidia.com/gpu.product": "NVIDIA-A100-SXM4-80GB" } });
    const gpus = computeNodeGpus(node, { requests: { "nvidia.com/gpu": 3 }, podCount: 2 });
    expect(gpus.units).toEqual({ capacity: 4, allocatable: 4, requested: 3, free: 1 });
    expect(gpus.physicalGpus).toBe(4);
    expect(gpus.replicasPerGpu).toBe(1);
    expect(gpus.equivalents).toEqual({ capacity: 4, allocatable: 4, requested: 3, free: 1 });
  });

  it("a node without GPUs has none", () => {
    const gpus = computeNodeGpus(makeNode("cpu-0"));
    expect(gpus.physicalGpus).toBe(0);
    expect(gpus.product).toBeNull();
    expect(gpus.equivalents.capacity).toBe(0);
  });

  it("GPUs the device plugin withholds (unhealthy) are unavailable, not free", () => {
    const node = makeNode("a100-1", { extra: { "nvidia.com/gpu": 4 }, allocatable: { "nvidia.com/gpu": 3 } });
    const bar = capacityBarOfNode(node, computeNodeGpus(node, { requests: { "nvidia.com/gpu": 1 }, podCount: 1 }));
    expect(bar).toEqual({ allocated: 1, free: 2, unavailable: 1, total: 4 });
  });

  it("free GPUs on a cordoned or NotReady node are unavailable", () => {
    for (const node of [makeL4Node("l4-0", { isUnschedulable: true }), makeL4Node("l4-1", { isReady: false })]) {
      expect(capacityBarOfNode(node, computeNodeGpus(node))).toEqual({ allocated: 0, free: 0, unavailable: 1, total: 1 });
    }
  });
});

describe("time-sliced GPUs", () => {
  it("counts replicas as replicas, and the physical GPU once", () => {
    const gpus = computeNodeGpus(makeT4Node("t4-0"), { requests: { "nvidia.com/gpu": 3 }, podCount: 3 });
    expect(gpus.sharing).toBe("time-slicing");
    expect(gpus.replicasPerGpu).toBe(4);
    expect(gpus.units).toEqual({ capacity: 4, allocatable: 4, requested: 3, free: 1 });
    expect(gpus.physicalGpus).toBe(1);
    expect(gpus.product).toBe("Tesla-T4");
    expect(gpus.equivalents).toEqual({ capacity: 1, allocatable: 1, requested: 0.75, free: 0.25 });
  });

  it("a replica costs a quarter of the GPU", () => {
    expect(gpuEquivalentsOfRequests({ "nvidia.com/gpu": 1 }, 4)).toBe(0.25);
  });
});

describe("MIG (mixed strategy)", () => {
  it("lists slices by profile and counts partitioned GPUs as physical GPUs", () => {
    const gpus = computeNodeGpus(makeH100Node("h100-0"), { requests: { "nvidia.com/gpu": 2, "nvidia.com/mig-1g.10gb": 3 }, podCount: 4 });
    expect(gpus.units).toEqual({ capacity: 6, allocatable: 6, requested: 2, free: 4 });
    expect(gpus.mig).toEqual([
      { profile: "1g.10gb", memoryMiB: 9856, instancesPerGpu: 7, capacity: 7, allocatable: 7, requested: 3, free: 4 },
      { profile: "3g.40gb", memoryMiB: 40192, instancesPerGpu: 2, capacity: 2, allocatable: 2, requested: 0, free: 2 },
    ]);
    expect(gpus.physicalGpus).toBe(8);
    expect(gpus.equivalents.capacity).toBeCloseTo(8);
    expect(gpus.equivalents.requested).toBeCloseTo(2 + 3 / 7);
  });

  it("a 3g.40gb slice is half a GPU, a 1g.10gb slice a seventh", () => {
    expect(gpuEquivalentsOfRequests({ "nvidia.com/mig-3g.40gb": 1 }, 1)).toBe(0.5);
    expect(gpuEquivalentsOfRequests({ "nvidia.com/mig-1g.10gb": 7 }, 1)).toBe(1);
  });
});

describe("requests per node", () => {
  it("sums bound pods that are not finished, including terminating ones, as the scheduler does", () => {
    const usage = sumRequestsByNode([
      makePod("a", { nodeName: "n1", requests: { cpu: 1, "nvidia.com/gpu": 1 } }),
      makePod("b", { nodeName: "n1", requests: { cpu: 0.5 }, isTerminating: true }),
      makePod("c", { nodeName: "n1", requests: { cpu: 4 }, isTerminal: true }),
      makePod("d", { requests: { cpu: 2 } }),
    ]);
    expect(usage.get("n1")).toEqual({ requests: { cpu: 1.5, "nvidia.com/gpu": 1 }, podCount: 2 });
    expect(usage.size).toBe(1);
  });
});
