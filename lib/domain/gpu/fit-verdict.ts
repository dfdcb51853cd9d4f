import { computeNodeGpus, isNodeSchedulable } from "./capacity";
import { describeFitProblem, describeResource, describeTaint, formatResourceAmount, placeReplicas, withExtendedResourceTolerations, type TFitProblem, type TNodeFit } from "./fit";
import { isWaitingForPool, type TClusterIndex } from "./pool-views";
import type { TNodePool } from "./pools";
import { GPU_RESOURCE, describeGpuModel, migResourceName } from "./resources";
import type { TPodRequirements, TToleration } from "./types";

// The fit check's answer in plain words: does a request fit a pool now, on which nodes, and
// if not, why, plus the other pools where it would fit. It places replicas with the same
// filters as the scheduler (fit.ts), on the cluster as the cache sees it.

export type TFitRequest = {
  /** Cores per replica. */
  cpu: number;
  memoryBytes: number;
  /** Whole GPUs (or time-sliced replicas) per replica; MIG slices when migProfile is set. */
  gpus: number;
  migProfile: string | null;
  replicas: number;
  tolerations: TToleration[];
};

export type TFitSuggestion = { pool: string; summary: string };

export type TFitVerdict = {
  pool: string;
  fits: boolean;
  replicas: number;
  placedReplicas: number;
  /** Where the placed replicas would run. */
  nodes: { name: string; replicas: number }[];
  summary: string;
  /** Why nodes were ruled out, grouped: "5 nodes: not enough GPUs (needs 2, 1 free)". */
  reasons: string[];
  pendingPodCount: number;
  suggestions: TFitSuggestion[];
};

/** The pod a deployment of this request would create in the pool, after admission. */
export function requirementsForPool(request: TFitRequest, pool: Pick<TNodePool, "selector">): TPodRequirements {
  const requests: Record<string, number> = {};
  if (request.cpu > 0) requests.cpu = request.cpu;
  if (request.memoryBytes > 0) requests.memory = request.memoryBytes;
  if (request.gpus > 0) requests[request.migProfile ? migResourceName(request.migProfile) : GPU_RESOURCE] = request.gpus;
  return withExtendedResourceTolerations({ requests, nodeSelector: { ...pool.selector }, requiredTerms: [], tolerations: request.tolerations });
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function describeNeed(request: TFitRequest, pool: TNodePool): string {
  const parts: string[] = [];
  if (request.gpus > 0 && request.migProfile) parts.push(`${request.gpus} × MIG ${request.migProfile} slice`);
  else if (request.gpus > 0) {
    const gpu = pool.nodes.map((node) => computeNodeGpus(node)).find((gpus) => gpus.physicalGpus > 0);
    const name = (gpu && describeGpuModel(gpu.product, gpu.memoryMiB)) ?? "GPU";
    parts.push(`${request.gpus} × ${name}${gpu && gpu.replicasPerGpu > 1 ? ` (time-sliced, 1/${gpu.replicasPerGpu} GPU each)` : ""}`);
  }
  if (request.cpu > 0) parts.push(formatResourceAmount("cpu", request.cpu));
  if (request.memoryBytes > 0) parts.push(`${formatResourceAmount("memory", request.memoryBytes)} memory`);
  return parts.length ? parts.join(", ") : "nothing";
}

/** "has 1 free GPU on 1 node" for the resource the request is mostly about. */
function describeFree(request: TFitRequest, pool: TNodePool, index: TClusterIndex): string {
  const usable = pool.nodes.filter(isNodeSchedulable);
  if (request.gpus > 0) {
    const resource = request.migProfile ? migResourceName(request.migProfile) : GPU_RESOURCE;
    const offered = pool.nodes.some((node) => (node.capacity[resource] ?? 0) > 0);
    if (!offered) return request.migProfile ? `has no MIG ${request.migProfile} slices` : "has no GPUs";
    let free = 0;
    let nodes = 0;
    for (const node of usable) {
      const left = (node.allocatable[resource] ?? 0) - (index.usageByNode.get(node.name)?.requests[resource] ?? 0);
      if (left > 0) {
        free += left;
        nodes += 1;
      }
    }
    // On a time-sliced pool a unit is a replica, a share of a GPU: say so.
    const sharing = resource === GPU_RESOURCE ? pool.nodes.map((node) => computeNodeGpus(node)).find((gpus) => gpus.replicasPerGpu > 1) : undefined;
    const units = sharing ? `time-sliced GPU replica${free === 1 ? "" : "s"} (1/${sharing.replicasPerGpu} of a ${sharing.product ?? "GPU"} each)` : describeResource(resource, free);
    if (!free) return `has no free ${sharing ? "time-sliced GPU replicas" : describeResource(resource, 2)}`;
    return `has ${free} free ${units} on ${plural(nodes, "node")}`;
  }
  let cpu = 0;
  let memory = 0;
  for (const node of usable) {
    const usage = index.usageByNode.get(node.name)?.requests;
    cpu = Math.max(cpu, (node.allocatable.cpu ?? 0) - (usage?.cpu ?? 0));
    memory = Math.max(memory, (node.allocatable.memory ?? 0) - (usage?.memory ?? 0));
  }
  if (!usable.length) return "has no node that takes new pods";
  return `has at most ${formatResourceAmount("cpu", cpu)} and ${formatResourceAmount("memory", memory)} memory free on one node`;
}

/** Groups node verdicts by what ruled them out; for shortages, the most free any node has. */
function groupReasons(verdicts: readonly TNodeFit[]): string[] {
  const groups = new Map<string, { nodes: number; problem: TFitProblem }>();
  for (const verdict of verdicts) {
    for (const problem of verdict.problems) {
      const key =
        problem.kind === "insufficient"
          ? `insufficient:${problem.shortages.map((shortage) => shortage.resource).join(",")}`
          : problem.kind === "taint"
            ? `taint:${describeTaint(problem.taint)}`
            : problem.kind;
      const entry = groups.get(key);
      if (!entry) {
        groups.set(key, { nodes: 1, problem });
        continue;
      }
      entry.nodes += 1;
      if (entry.problem.kind === "insufficient" && problem.kind === "insufficient") {
        const shortages = entry.problem.shortages.map((shortage, i) => ({ ...shortage, free: Math.max(shortage.free, problem.shortages[i]?.free ?? 0) }));
        entry.problem = { kind: "insufficient", shortages };
      }
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.nodes - a.nodes)
    .map(({ nodes, problem }) => {
      const text = describeFitProblem(problem);
      return `${plural(nodes, "node")}: ${nodes > 1 && problem.kind === "insufficient" ? text.replace(/, ([^,()]+) free\)/g, ", at most $1 free)") : text}`;
    });
}

function countByNode(names: readonly string[]): { name: string; replicas: number }[] {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([name, replicas]) => ({ name, replicas }));
}

function placeInPool(request: TFitRequest, pool: TNodePool, index: TClusterIndex) {
  return placeReplicas(requirementsForPool(request, pool), request.replicas, pool.nodes, index.usageByNode);
}

export function evaluateFit(index: TClusterIndex, poolName: string, request: TFitRequest): TFitVerdict | null {
  const pool = index.pools.find((candidate) => candidate.name === poolName);
  if (!pool) return null;
  const placement = placeInPool(request, pool, index);
  const nodes = countByNode(placement.nodes);
  const placed = placement.nodes.length;
  const fits = placement.unplaced === 0;
  const pendingPodCount = index.pendingPods.filter((pod) => isWaitingForPool(pod, pool)).length;
  const need = `needs ${describeNeed(request, pool)} per replica`;
  const pending = pendingPodCount ? `; ${plural(pendingPodCount, "pod")} already pending` : "";
  const where = nodes.map((node) => (node.replicas > 1 ? `${node.name} (×${node.replicas})` : node.name)).join(", ");

  let summary: string;
  if (fits) summary = `Fits now: ${plural(request.replicas, "replica")} on ${where}.`;
  else if (placed > 0) summary = `Only ${placed} of ${request.replicas} replicas fit now (on ${where}): ${need}; pool ${pool.name} ${describeFree(request, pool, index)}${pending}.`;
  else summary = `Does not fit: ${need}; pool ${pool.name} ${describeFree(request, pool, index)}${pending}.`;

  const suggestions: TFitSuggestion[] = [];
  if (!fits) {
    for (const other of index.pools) {
      if (other.name === pool.name) continue;
      const elsewhere = placeInPool(request, other, index);
      if (elsewhere.unplaced === 0) {
        suggestions.push({ pool: other.name, summary: `Fits in ${other.name}: it ${describeFree(request, other, index)}.` });
      }
    }
  }

  return {
    pool: pool.name,
    fits,
    replicas: request.replicas,
    placedReplicas: placed,
    nodes,
    summary,
    reasons: placement.blocked ? groupReasons(placement.blocked) : [],
    pendingPodCount,
    suggestions,
  };
}
