import {
  GPU_MEMORY_LABEL,
  GPU_PRODUCT_LABEL,
  GPU_REPLICAS_LABEL,
  GPU_RESOURCE,
  GPU_SHARING_LABEL,
  baseGpuProduct,
  migInstancesPerGpu,
  parseMigResource,
} from "./resources";
import type { TClusterNode, TClusterPod } from "./types";

// GPU capacity arithmetic, per node and per pool. Three kinds of GPU units are counted apart:
// - whole GPUs (nvidia.com/gpu, one unit per GPU);
// - time-sliced replicas (nvidia.com/gpu with nvidia.com/gpu.replicas = N: N units per GPU);
// - MIG slices (nvidia.com/mig-<profile>, several per partitioned GPU).
// To draw one bar and price it, units are also converted to GPU-equivalents: a replica is
// 1/N of a GPU, a MIG slice 1/(instances per GPU) of one.

export type TUnitCounts = { capacity: number; allocatable: number; requested: number; free: number };

export type TMigSlices = TUnitCounts & { profile: string; memoryMiB: number | null; instancesPerGpu: number };

export type TNodeGpus = {
  product: string | null;
  memoryMiB: number | null;
  sharing: "none" | "time-slicing" | "mps";
  /** nvidia.com/gpu units per physical GPU: 1 unless shared. */
  replicasPerGpu: number;
  /** nvidia.com/gpu units: whole GPUs, or replicas when shared. */
  units: TUnitCounts;
  mig: TMigSlices[];
  /** Physical GPUs: whole ones plus MIG-partitioned ones (from the slices: 7 compute slices per GPU). */
  physicalGpus: number;
  /** GPU-equivalents, for the capacity bar and for cost. */
  equivalents: { capacity: number; allocatable: number; requested: number; free: number };
};

export type TNodeUsage = { requests: Record<string, number>; podCount: number };

const EMPTY_USAGE: TNodeUsage = { requests: {}, podCount: 0 };

/** What the pods bound to each node hold, as the scheduler counts it: every pod that is not finished. */
export function sumRequestsByNode(pods: readonly TClusterPod[]): Map<string, TNodeUsage> {
  const usage = new Map<string, TNodeUsage>();
  for (const pod of pods) {
    if (!pod.nodeName || pod.isTerminal) continue;
    let entry = usage.get(pod.nodeName);
    if (!entry) usage.set(pod.nodeName, (entry = { requests: {}, podCount: 0 }));
    entry.podCount += 1;
    for (const [name, amount] of Object.entries(pod.requests)) entry.requests[name] = (entry.requests[name] ?? 0) + amount;
  }
  return usage;
}

function counts(capacity: number, allocatable: number, requested: number): TUnitCounts {
  return { capacity, allocatable, requested, free: Math.max(0, allocatable - requested) };
}

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** The GPUs of one node and how much of them its pods hold. */
export function computeNodeGpus(node: TClusterNode, usage: TNodeUsage = EMPTY_USAGE): TNodeGpus {
  const sharingLabel = node.labels[GPU_SHARING_LABEL];
  const sharing = sharingLabel === "time-slicing" || sharingLabel === "mps" ? sharingLabel : "none";
  const replicasPerGpu = sharing === "none" ? 1 : positiveInt(node.labels[GPU_REPLICAS_LABEL], 1);
  const units = counts(node.capacity[GPU_RESOURCE] ?? 0, node.allocatable[GPU_RESOURCE] ?? 0, usage.requests[GPU_RESOURCE] ?? 0);

  const mig: TMigSlices[] = [];
  for (const [resource, capacity] of Object.entries(node.capacity)) {
    const profile = parseMigResource(resource);
    if (!profile || capacity <= 0) continue;
    const memoryMiB = Number(node.labels[`${resource}.memory`]) || null;
    mig.push({
      profile: profile.profile,
      memoryMiB,
      instancesPerGpu: migInstancesPerGpu(profile.computeSlices),
      ...counts(capacity, node.allocatable[resource] ?? 0, usage.requests[resource] ?? 0),
    });
  }
  mig.sort((a, b) => a.profile.localeCompare(b.profile, undefined, { numeric: true }));

  const migGpus = (pick: (slices: TMigSlices) => number) => mig.reduce((sum, slices) => sum + pick(slices) / slices.instancesPerGpu, 0);
  const equivalents = {
    capacity: units.capacity / replicasPerGpu + migGpus((s) => s.capacity),
    allocatable: units.allocatable / replicasPerGpu + migGpus((s) => s.allocatable),
    requested: units.requested / replicasPerGpu + migGpus((s) => s.requested),
    free: units.free / replicasPerGpu + migGpus((s) => s.free),
  };
  const physicalGpus = Math.ceil(units.capacity / replicasPerGpu) + mig.reduce((sum, s) => sum + Math.ceil(s.capacity / s.instancesPerGpu), 0);

  return {
    product: baseGpuProduct(node.labels[GPU_PRODUCT_LABEL]),
    memoryMiB: Number(node.labels[GPU_MEMORY_LABEL]) || null,
    sharing,
    replicasPerGpu,
    units,
    mig,
    physicalGpus,
    equivalents,
  };
}

/** Whether a node can take new pods: Ready and not cordoned. */
export function isNodeSchedulable(node: TClusterNode): boolean {
  return node.isReady && !node.isUnschedulable;
}

export type TCapacityBar = {
  /** GPU-equivalents held by pods. */
  allocated: number;
  /** Free on nodes that take new pods. */
  free: number;
  /** Free but unusable: on cordoned or NotReady nodes, or withheld by the device plugin (unhealthy). */
  unavailable: number;
  total: number;
};

/** One node's share of the capacity bar. */
export function capacityBarOfNode(node: TClusterNode, gpus: TNodeGpus): TCapacityBar {
  const { capacity, allocatable, requested, free } = gpus.equivalents;
  const withheld = Math.max(0, capacity - allocatable);
  const usable = isNodeSchedulable(node);
  return {
    allocated: requested,
    free: usable ? free : 0,
    unavailable: withheld + (usable ? 0 : free),
    total: Math.max(capacity, requested),
  };
}

export function addCapacityBars(bars: readonly TCapacityBar[]): TCapacityBar {
  return bars.reduce(
    (sum, bar) => ({ allocated: sum.allocated + bar.allocated, free: sum.free + bar.free, unavailable: sum.unavailable + bar.unavailable, total: sum.total + bar.total }),
    { allocated: 0, free: 0, unavailable: 0, total: 0 },
  );
}

export function addUnitCounts(a: TUnitCounts, b: TUnitCounts): TUnitCounts {
  return { capacity: a.capacity + b.capacity, allocatable: a.allocatable + b.allocatable, requested: a.requested + b.requested, free: a.free + b.free };
}

/** MIG slices of many nodes, summed by profile. */
export function addMigSlices(lists: readonly TMigSlices[][]): TMigSlices[] {
  const byProfile = new Map<string, TMigSlices>();
  for (const slices of lists.flat()) {
    const existing = byProfile.get(slices.profile);
    byProfile.set(slices.profile, existing ? { ...existing, ...addUnitCounts(existing, slices) } : { ...slices });
  }
  return [...byProfile.values()].sort((a, b) => a.profile.localeCompare(b.profile, undefined, { numeric: true }));
}

/** Allocated share in percent (0–100), of what the pool could hold. */
export function allocatedPercent(bar: TCapacityBar): number {
  return bar.total > 0 ? Math.round((bar.allocated / bar.total) * 1000) / 10 : 0;
}

/** A pod's GPU requests in GPU-equivalents on a node with `replicasPerGpu` (for per-deployment cost). */
export function gpuEquivalentsOfRequests(requests: Record<string, number>, replicasPerGpu: number): number {
  let total = (requests[GPU_RESOURCE] ?? 0) / replicasPerGpu;
  for (const [resource, amount] of Object.entries(requests)) {
    const profile = parseMigResource(resource);
    if (profile) total += amount / migInstancesPerGpu(profile.computeSlices);
  }
  return total;
}
