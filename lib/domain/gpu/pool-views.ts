import {
  addCapacityBars,
  addMigSlices,
  addUnitCounts,
  allocatedPercent,
  capacityBarOfNode,
  computeNodeGpus,
  gpuEquivalentsOfRequests,
  isNodeSchedulable,
  sumRequestsByNode,
  type TCapacityBar,
  type TMigSlices,
  type TNodeGpus,
  type TNodeUsage,
  type TUnitCounts,
} from "./capacity";
import { costPerHour } from "./cost";
import { checkNodePlacementRules, describeResource, formatResourceAmount } from "./fit";
import { groupNodesIntoPools, type TNodePool } from "./pools";
import { GPU_RESOURCE, isExtendedResource, parseMigResource } from "./resources";
import type { TClusterNode, TClusterPod, TNodeCondition, TPodOwner, TTaint } from "./types";

// Pool summaries (the /gpu-pools cards) and pool details (the node table), computed from the
// nodes and pods of the cluster cache. Pure: the services add the cluster status and prices.

export const NEARLY_FULL_PERCENT = 90;
const LISTED_PENDING_PODS = 10;
// A node can hold 110 pods; the page lists the GPU pods first and counts the rest.
const LISTED_PODS_PER_NODE = 12;

export type TPendingPod = { namespace: string; name: string; owner: TPodOwner | null; reason: string; createdAt: string | null };

export type TPoolDeployment = TPodOwner & { pods: number; gpuEquivalents: number; nodes: string[] };

export type TPoolGpu = { product: string | null; memoryMiB: number | null; sharing: TNodeGpus["sharing"]; replicasPerGpu: number };

export type TGpuPoolSummary = {
  name: string;
  label: string | null;
  selector: Record<string, string>;
  gpu: TPoolGpu | null;
  nodeCount: number;
  readyNodeCount: number;
  cordonedNodeCount: number;
  physicalGpus: number;
  /** nvidia.com/gpu units: whole GPUs, or time-sliced replicas when gpu.replicasPerGpu > 1. */
  units: TUnitCounts;
  mig: TMigSlices[];
  /** In GPU-equivalents. */
  bar: TCapacityBar;
  allocatedPercent: number;
  taints: { taint: TTaint; nodeCount: number }[];
  pendingPods: TPendingPod[];
  pendingPodCount: number;
  deployments: TPoolDeployment[];
  pricePerGpuHour: number | null;
  costPerHour: number | null;
  isNearlyFull: boolean;
};

export type TPoolNodePod = { namespace: string; name: string; phase: string; owner: TPodOwner | null; gpuRequest: string | null };

export type TGpuPoolNode = {
  name: string;
  isReady: boolean;
  isUnschedulable: boolean;
  problems: TNodeCondition[];
  gpus: TNodeGpus;
  bar: TCapacityBar;
  cpu: { allocatable: number; requested: number };
  memoryBytes: { allocatable: number; requested: number };
  /** The first pods, GPU pods first; podCount has them all. */
  pods: TPoolNodePod[];
  podCount: number;
};

export type TGpuPoolDetail = { summary: TGpuPoolSummary; nodes: TGpuPoolNode[] };

/** The cluster indexed once per change, so summaries and details are cheap to read. */
export type TClusterIndex = {
  pools: TNodePool[];
  usageByNode: Map<string, TNodeUsage>;
  podsByNode: Map<string, TClusterPod[]>;
  pendingPods: TClusterPod[];
};

export function indexCluster(nodes: readonly TClusterNode[], pods: readonly TClusterPod[], labelOrder: readonly string[]): TClusterIndex {
  const podsByNode = new Map<string, TClusterPod[]>();
  const pendingPods: TClusterPod[] = [];
  for (const pod of pods) {
    if (pod.isTerminal) continue;
    if (pod.nodeName) {
      const list = podsByNode.get(pod.nodeName);
      if (list) list.push(pod);
      else podsByNode.set(pod.nodeName, [pod]);
    } else if (!pod.isTerminating) pendingPods.push(pod);
  }
  pendingPods.sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? ""));
  return { pools: groupNodesIntoPools(nodes, labelOrder), usageByNode: sumRequestsByNode(pods), podsByNode, pendingPods };
}

// Taints the node lifecycle controller sets (cordon, NotReady): a pod still waits for the pool.
const isLifecycleTaint = (taint: TTaint) => taint.key.startsWith("node.kubernetes.io/");

/**
 * Whether a pending pod is waiting for this pool: some node of it would take the pod once it
 * has room (taints, selectors, and the extended resources it offers), cordons aside.
 */
export function isWaitingForPool(pod: TClusterPod, pool: TNodePool): boolean {
  const extended = Object.keys(pod.requests).filter((resource) => isExtendedResource(resource) && (pod.requests[resource] ?? 0) > 0);
  return pool.nodes.some((node) => {
    if (extended.some((resource) => !(node.capacity[resource] ?? 0))) return false;
    const steady: TClusterNode = { ...node, isUnschedulable: false, taints: node.taints.filter((taint) => !isLifecycleTaint(taint)) };
    return checkNodePlacementRules(pod, steady) === null;
  });
}

/**
 * The scheduler's FitError without its preamble and preemption tail: "0/19 nodes are available:
 * 2 Insufficient nvidia.com/gpu, … preemption: …" → "2 Insufficient nvidia.com/gpu, …".
 */
export function shortenSchedulerMessage(message: string | null): string {
  if (!message) return "Not scheduled yet.";
  const match = /^0\/(\d+) nodes are available: (.*?)\.(?: preemption:.*)?$/s.exec(message);
  return match ? `None of ${match[1]} nodes fit: ${match[2]}.` : message;
}

function describeGpuRequest(requests: Record<string, number>, replicasPerGpu: number): string | null {
  const parts = Object.entries(requests)
    .filter(([resource, amount]) => amount > 0 && (resource === GPU_RESOURCE || parseMigResource(resource)))
    .map(([resource, amount]) =>
      resource === GPU_RESOURCE && replicasPerGpu > 1
        ? `${amount} time-sliced replica${amount === 1 ? "" : "s"}`
        : `${formatResourceAmount(resource, amount)} ${describeResource(resource, amount)}`,
    );
  return parts.length ? parts.join(" + ") : null;
}

function summarizeTaints(nodes: readonly TClusterNode[]): { taint: TTaint; nodeCount: number }[] {
  const byKey = new Map<string, { taint: TTaint; nodeCount: number }>();
  for (const node of nodes) {
    for (const taint of node.taints) {
      const key = `${taint.key}=${taint.value ?? ""}:${taint.effect}`;
      const entry = byKey.get(key);
      if (entry) entry.nodeCount += 1;
      else byKey.set(key, { taint: { key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect }, nodeCount: 1 });
    }
  }
  return [...byKey.values()];
}

type TPoolComputation = { summary: TGpuPoolSummary; nodeGpus: Map<string, TNodeGpus> };

function computePool(index: TClusterIndex, pool: TNodePool, pricePerGpuHour: number | null): TPoolComputation {
  const nodeGpus = new Map<string, TNodeGpus>();
  const bars: TCapacityBar[] = [];
  let units: TUnitCounts = { capacity: 0, allocatable: 0, requested: 0, free: 0 };
  let physicalGpus = 0;
  let gpu: TPoolGpu | null = null;
  const deployments = new Map<string, TPoolDeployment>();
  const migLists: TMigSlices[][] = [];
  for (const node of pool.nodes) {
    const gpus = computeNodeGpus(node, index.usageByNode.get(node.name));
    nodeGpus.set(node.name, gpus);
    bars.push(capacityBarOfNode(node, gpus));
    // Pool totals count as free only what nodes that take new pods have free (as the bar does).
    const isUsable = isNodeSchedulable(node);
    units = addUnitCounts(units, isUsable ? gpus.units : { ...gpus.units, free: 0 });
    migLists.push(isUsable ? gpus.mig : gpus.mig.map((slices) => ({ ...slices, free: 0 })));
    physicalGpus += gpus.physicalGpus;
    if (!gpu && gpus.physicalGpus > 0) gpu = { product: gpus.product, memoryMiB: gpus.memoryMiB, sharing: gpus.sharing, replicasPerGpu: gpus.replicasPerGpu };
    for (const pod of index.podsByNode.get(node.name) ?? []) {
      if (!pod.owner) continue;
      const key = `${pod.owner.namespace}/${pod.owner.name}`;
      const entry = deployments.get(key) ?? { ...pod.owner, pods: 0, gpuEquivalents: 0, nodes: [] };
      entry.pods += 1;
      entry.gpuEquivalents += gpuEquivalentsOfRequests(pod.requests, gpus.replicasPerGpu);
      if (!entry.nodes.includes(node.name)) entry.nodes.push(node.name);
      deployments.set(key, entry);
    }
  }
  const bar = addCapacityBars(bars);
  const waiting = index.pendingPods.filter((pod) => isWaitingForPool(pod, pool));
  const percent = allocatedPercent(bar);
  const summary: TGpuPoolSummary = {
    name: pool.name,
    label: pool.label,
    selector: pool.selector,
    gpu,
    nodeCount: pool.nodes.length,
    readyNodeCount: pool.nodes.filter((node) => node.isReady).length,
    cordonedNodeCount: pool.nodes.filter((node) => node.isUnschedulable).length,
    physicalGpus,
    units,
    mig: addMigSlices(migLists),
    bar,
    allocatedPercent: percent,
    taints: summarizeTaints(pool.nodes),
    pendingPods: waiting.slice(0, LISTED_PENDING_PODS).map((pod) => ({
      namespace: pod.namespace,
      name: pod.name,
      owner: pod.owner,
      reason: shortenSchedulerMessage(pod.unschedulableMessage),
      createdAt: pod.createdAt,
    })),
    pendingPodCount: waiting.length,
    deployments: [...deployments.values()].sort((a, b) => b.gpuEquivalents - a.gpuEquivalents || a.name.localeCompare(b.name)),
    pricePerGpuHour,
    costPerHour: costPerHour(bar.allocated, pricePerGpuHour),
    isNearlyFull: bar.total > 0 && percent > NEARLY_FULL_PERCENT,
  };
  return { summary, nodeGpus };
}

/** GPU pools first (by name), then CPU-only pools. */
export function summarizePools(index: TClusterIndex, prices: ReadonlyMap<string, number>): TGpuPoolSummary[] {
  const summaries = index.pools.map((pool) => computePool(index, pool, prices.get(pool.name) ?? null).summary);
  return [...summaries.filter((pool) => pool.gpu), ...summaries.filter((pool) => !pool.gpu)];
}

export function describePool(index: TClusterIndex, name: string, pricePerGpuHour: number | null): TGpuPoolDetail | null {
  const pool = index.pools.find((candidate) => candidate.name === name);
  if (!pool) return null;
  const { summary, nodeGpus } = computePool(index, pool, pricePerGpuHour);
  const nodes = pool.nodes.map((node): TGpuPoolNode => {
    const gpus = nodeGpus.get(node.name) ?? computeNodeGpus(node);
    const usage = index.usageByNode.get(node.name);
    return {
      name: node.name,
      isReady: node.isReady,
      isUnschedulable: node.isUnschedulable,
      problems: node.problems,
      gpus,
      bar: capacityBarOfNode(node, gpus),
      cpu: { allocatable: node.allocatable.cpu ?? 0, requested: usage?.requests.cpu ?? 0 },
      memoryBytes: { allocatable: node.allocatable.memory ?? 0, requested: usage?.requests.memory ?? 0 },
      pods: (index.podsByNode.get(node.name) ?? [])
        .map((pod) => ({ namespace: pod.namespace, name: pod.name, phase: pod.phase, owner: pod.owner, gpuRequest: describeGpuRequest(pod.requests, gpus.replicasPerGpu) }))
        .sort((a, b) => Number(b.gpuRequest !== null) - Number(a.gpuRequest !== null) || a.name.localeCompare(b.name))
        .slice(0, LISTED_PODS_PER_NODE),
      podCount: index.podsByNode.get(node.name)?.length ?? 0,
    };
  });
  return { summary, nodes };
}
