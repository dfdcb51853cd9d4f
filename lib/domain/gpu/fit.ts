import { GPU_RESOURCE, isExtendedResource, parseMigResource } from "./resources";
import type { TNodeUsage } from "./capacity";
import type { TClusterNode, TNodeSelectorRequirement, TNodeSelectorTerm, TPodRequirements, TTaint, TToleration } from "./types";

// Would a pod fit on a node? The same filters, in the same order, as kube-scheduler (and
// the cluster's scheduler): NodeUnschedulable, TaintToleration, NodeAffinity (nodeSelector
// and required node affinity), NodeResourcesFit. The first three stop at the first failure;
// resource shortages are all reported. Reasons are in plain words.

const UNSCHEDULABLE_TAINT: TTaint = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" };
const DEFAULT_MAX_PODS = 110;
// Milli-CPU arithmetic in floating point: absorb rounding error, as the scheduler does.
const EPSILON = 1e-9;

export type TResourceShortage = { resource: string; needed: number; free: number };

export type TFitProblem =
  | { kind: "cordoned" }
  | { kind: "taint"; taint: TTaint }
  | { kind: "selector" }
  | { kind: "too-many-pods"; max: number }
  | { kind: "insufficient"; shortages: TResourceShortage[] };

export type TNodeFit = { node: string; fits: boolean; problems: TFitProblem[] };

/**
 * ExtendedResourceToleration admission: a pod requesting an extended resource (nvidia.com/gpu,
 * nvidia.com/mig-1g.10gb …) tolerates NoSchedule taints keyed with that resource's name.
 */
export function withExtendedResourceTolerations(requirements: TPodRequirements): TPodRequirements {
  const tolerations = [...requirements.tolerations];
  for (const name of Object.keys(requirements.requests).filter(isExtendedResource).sort()) {
    const isCovered = tolerations.some((t) => t.key === name && t.operator === "Exists" && (!t.effect || t.effect === "NoSchedule"));
    if (!isCovered) tolerations.push({ key: name, operator: "Exists", effect: "NoSchedule" });
  }
  return { ...requirements, tolerations };
}

export function tolerates(toleration: TToleration, taint: TTaint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.operator === "Exists") return !toleration.key || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? "") === (taint.value ?? "");
}

function requirementMatches(requirement: TNodeSelectorRequirement, value: string | undefined): boolean {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
      return value !== undefined && Number(value) > Number(values[0]);
    case "Lt":
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

function termMatches(term: TNodeSelectorTerm, node: TClusterNode): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  // An empty term matches no node.
  if (!expressions.length && !fields.length) return false;
  return (
    expressions.every((requirement) => requirementMatches(requirement, node.labels[requirement.key])) &&
    fields.every((requirement) => requirementMatches(requirement, requirement.key === "metadata.name" ? node.name : undefined))
  );
}

export function matchesNodeSelection(requirements: TPodRequirements, node: TClusterNode): boolean {
  for (const [key, value] of Object.entries(requirements.nodeSelector)) if (node.labels[key] !== value) return false;
  return !requirements.requiredTerms.length || requirements.requiredTerms.some((term) => termMatches(term, node));
}

/** The rules that no amount of free capacity changes: cordon, taints, selectors. */
export function checkNodePlacementRules(requirements: TPodRequirements, node: TClusterNode): TFitProblem | null {
  if (node.isUnschedulable && !requirements.tolerations.some((t) => tolerates(t, UNSCHEDULABLE_TAINT))) return { kind: "cordoned" };
  for (const taint of node.taints) {
    if (taint.effect === "PreferNoSchedule") continue;
    if (!requirements.tolerations.some((t) => tolerates(t, taint))) return { kind: "taint", taint };
  }
  if (!matchesNodeSelection(requirements, node)) return { kind: "selector" };
  return null;
}

export function checkNodeFit(requirements: TPodRequirements, node: TClusterNode, usage: TNodeUsage): TNodeFit {
  const ruleProblem = checkNodePlacementRules(requirements, node);
  if (ruleProblem) return { node: node.name, fits: false, problems: [ruleProblem] };
  const problems: TFitProblem[] = [];
  const maxPods = node.allocatable.pods ?? DEFAULT_MAX_PODS;
  if (usage.podCount + 1 > maxPods) problems.push({ kind: "too-many-pods", max: maxPods });
  const shortages: TResourceShortage[] = [];
  for (const [resource, needed] of Object.entries(requirements.requests)) {
    if (needed <= 0) continue;
    const free = (node.allocatable[resource] ?? 0) - (usage.requests[resource] ?? 0);
    if (needed > free + EPSILON) shortages.push({ resource, needed, free: Math.max(0, free) });
  }
  if (shortages.length) problems.push({ kind: "insufficient", shortages });
  return { node: node.name, fits: problems.length === 0, problems };
}

/** The scheduler's preference among nodes that fit: least allocated cpu and memory (lower is better). */
export function nodeScore(requirements: TPodRequirements, node: TClusterNode, usage: TNodeUsage): number {
  const share = (resource: string) =>
    ((usage.requests[resource] ?? 0) + (requirements.requests[resource] ?? 0)) / Math.max(node.allocatable[resource] ?? 1, EPSILON);
  return (share("cpu") + share("memory")) / 2;
}

export type TPlacement = {
  /** The node each placed replica would go to, in order. */
  nodes: string[];
  unplaced: number;
  /** Each candidate node's verdict for the first replica that found no node (null when all fit). */
  blocked: TNodeFit[] | null;
};

/** Places `replicas` identical pods one after the other, as the scheduler would bind them. */
export function placeReplicas(
  requirements: TPodRequirements,
  replicas: number,
  nodes: readonly TClusterNode[],
  usageByNode: ReadonlyMap<string, TNodeUsage>,
): TPlacement {
  const usage = new Map<string, TNodeUsage>();
  const usageOf = (name: string) => usage.get(name) ?? usageByNode.get(name) ?? { requests: {}, podCount: 0 };
  const placed: string[] = [];
  for (let replica = 0; replica < replicas; replica += 1) {
    let best: { node: TClusterNode; score: number } | null = null;
    const verdicts = nodes.map((node) => {
      const verdict = checkNodeFit(requirements, node, usageOf(node.name));
      if (verdict.fits) {
        const score = nodeScore(requirements, node, usageOf(node.name));
        if (!best || score < best.score) best = { node, score };
      }
      return verdict;
    });
    const chosen = best as { node: TClusterNode; score: number } | null;
    if (!chosen) return { nodes: placed, unplaced: replicas - replica, blocked: verdicts };
    const current = usageOf(chosen.node.name);
    const requests = { ...current.requests };
    for (const [resource, amount] of Object.entries(requirements.requests)) requests[resource] = (requests[resource] ?? 0) + amount;
    usage.set(chosen.node.name, { requests, podCount: current.podCount + 1 });
    placed.push(chosen.node.name);
  }
  return { nodes: placed, unplaced: 0, blocked: null };
}

/** "GPU", "CPU", "MIG 1g.10gb slice". */
export function describeResource(resource: string, amount = 1): string {
  const plural = amount === 1 ? "" : "s";
  if (resource === "cpu") return "CPU";
  if (resource === "memory") return "memory";
  if (resource === GPU_RESOURCE) return `GPU${plural}`;
  const mig = parseMigResource(resource);
  if (mig) return `MIG ${mig.profile} slice${plural}`;
  return resource;
}

/** 1.5 (cpu) → "1.5 cores"; 25769803776 (memory) → "24 GiB"; 2 (GPU) → "2". */
export function formatResourceAmount(resource: string, amount: number): string {
  if (resource === "cpu") return `${Number(amount.toFixed(2))} core${amount === 1 ? "" : "s"}`;
  if (resource === "memory") {
    const gib = amount / 2 ** 30;
    return gib >= 1 ? `${Number(gib.toFixed(1))} GiB` : `${Math.round(amount / 2 ** 20)} MiB`;
  }
  return `${Number(amount.toFixed(2))}`;
}

export function describeTaint(taint: TTaint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ""}:${taint.effect}`;
}

/** One problem in plain words, e.g. "not enough GPUs (needs 2, 1 free)". */
export function describeFitProblem(problem: TFitProblem): string {
  switch (problem.kind) {
    case "cordoned":
      return "cordoned: it takes no new pods";
    case "taint":
      return `has the taint ${describeTaint(problem.taint)}, which the pod does not tolerate`;
    case "selector":
      return "does not match the pod's node selector or node affinity";
    case "too-many-pods":
      return `already runs its maximum of ${problem.max} pods`;
    case "insufficient":
      return problem.shortages
        .map(({ resource, needed, free }) =>
          resource === "cpu" || resource === "memory"
            ? `not enough ${describeResource(resource)} (needs ${formatResourceAmount(resource, needed)}, ${formatResourceAmount(resource, free)} free)`
            : `not enough ${describeResource(resource, 2)} (needs ${formatResourceAmount(resource, needed)}, ${formatResourceAmount(resource, free)} free)`,
        )
        .join("; ");
  }
}
