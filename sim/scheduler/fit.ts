import { parseQuantity } from "./quantity";

// The scheduling predicate, kept pure: given a pod's requirements and a node's state, does it
// fit, and if not, why (worded like kube-scheduler's filter plugins).

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface PodRequirements {
  requests: Record<string, number>;
  nodeSelector: Record<string, string>;
  requiredTerms: NodeSelectorTerm[];
  tolerations: Toleration[];
}

export interface NodeState {
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  unschedulable: boolean;
  allocatable: Record<string, number>;
  requested: Record<string, number>;
  podCount: number;
}

export type FitResult =
  | { fits: true }
  | {
      fits: false;
      reasons: string[];
      /** Taints, selectors, cordons: evicting other pods would not help. */
      unresolvable: boolean;
    };

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

/** Effective requests: the sum over containers, at least the largest init container. */
export function podRequests(spec: Rec): Record<string, number> {
  const total: Record<string, number> = {};
  for (const c of arr(spec.containers)) {
    for (const [k, v] of Object.entries(rec(rec(c.resources).requests))) total[k] = (total[k] ?? 0) + parseQuantity(v);
  }
  for (const c of arr(spec.initContainers)) {
    for (const [k, v] of Object.entries(rec(rec(c.resources).requests))) total[k] = Math.max(total[k] ?? 0, parseQuantity(v));
  }
  return total;
}

export function podRequirements(spec: Rec): PodRequirements {
  const affinity = rec(rec(spec.affinity).nodeAffinity);
  const required = rec(affinity.requiredDuringSchedulingIgnoredDuringExecution);
  return {
    requests: podRequests(spec),
    nodeSelector: rec(spec.nodeSelector) as Record<string, string>,
    requiredTerms: arr(required.nodeSelectorTerms) as NodeSelectorTerm[],
    tolerations: arr(spec.tolerations) as Toleration[],
  };
}

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === "Exists") return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
}

function requirementMatches(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
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

function termMatches(term: NodeSelectorTerm, node: NodeState): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!exprs.length && !fields.length) return false; // an empty term matches nothing
  return (
    exprs.every((r) => requirementMatches(r, node.labels[r.key])) &&
    fields.every((r) => requirementMatches(r, r.key === "metadata.name" ? node.name : undefined))
  );
}

export function matchesNodeAffinity(pod: PodRequirements, node: NodeState): boolean {
  for (const [k, v] of Object.entries(pod.nodeSelector)) if (node.labels[k] !== v) return false;
  if (pod.requiredTerms.length && !pod.requiredTerms.some((t) => termMatches(t, node))) return false;
  return true;
}

/** Runs the filters in kube-scheduler's order and stops at the first that fails. */
export function fitsNode(pod: PodRequirements, node: NodeState): FitResult {
  // NodeUnschedulable
  if (node.unschedulable && !pod.tolerations.some((t) => tolerates(t, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }))) {
    return { fits: false, reasons: ["node(s) were unschedulable"], unresolvable: true };
  }
  // TaintToleration: NoSchedule and NoExecute taints must be tolerated.
  for (const taint of node.taints) {
    if (taint.effect === "PreferNoSchedule") continue;
    if (!pod.tolerations.some((t) => tolerates(t, taint))) {
      return { fits: false, reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`], unresolvable: true };
    }
  }
  // NodeAffinity (nodeSelector + required node affinity)
  if (!matchesNodeAffinity(pod, node)) {
    return { fits: false, reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  }
  // NodeResourcesFit
  const reasons: string[] = [];
  if (node.podCount + 1 > (node.allocatable.pods ?? 110)) reasons.push("Too many pods");
  for (const [resource, amount] of Object.entries(pod.requests)) {
    if (amount <= 0) continue;
    const free = (node.allocatable[resource] ?? 0) - (node.requested[resource] ?? 0);
    // A tiny epsilon absorbs float error from milli-CPU arithmetic.
    if (amount > free + 1e-9) reasons.push(`Insufficient ${resource}`);
  }
  return reasons.length ? { fits: false, reasons, unresolvable: false } : { fits: true };
}

/** kube-scheduler's FitError message, with the preemption post-filter summary. */
export function unschedulableMessage(totalNodes: number, results: FitResult[]): string {
  const histogram = new Map<string, number>();
  let unresolvable = 0;
  let resolvable = 0;
  for (const r of results) {
    if (r.fits) continue;
    for (const reason of r.reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + 1);
    if (r.unresolvable) unresolvable++;
    else resolvable++;
  }
  const reasons = [...histogram].map(([reason, n]) => `${n} ${reason}`).sort();
  const preemption = [
    ...(unresolvable ? [`${unresolvable} Preemption is not helpful for scheduling`] : []),
    ...(resolvable ? [`${resolvable} No preemption victims found for incoming pod`] : []),
  ].sort();
  if (!totalNodes) return "no nodes available to schedule pods";
  return `0/${totalNodes} nodes are available: ${reasons.join(", ")}. preemption: 0/${totalNodes} nodes are available: ${preemption.join(", ")}.`;
}

/**
 * Lower is better: LeastAllocated over cpu and memory, plus best-fit for accelerators (a
 * one-GPU pod goes to the node it fills best, keeping big nodes whole for big pods) and a
 * penalty for putting pods that need no accelerator on accelerator nodes.
 */
export function nodeScore(pod: PodRequirements, node: NodeState): number {
  const frac = (r: string) => ((node.requested[r] ?? 0) + (pod.requests[r] ?? 0)) / Math.max(node.allocatable[r] ?? 1, 1e-9);
  const spread = (frac("cpu") + frac("memory")) / 2;
  const accelerators = Object.keys(node.allocatable).filter((r) => r.startsWith("nvidia.com/"));
  const wanted = accelerators.filter((r) => (pod.requests[r] ?? 0) > 0);
  if (!wanted.length) return spread + (accelerators.some((r) => (node.allocatable[r] ?? 0) > 0) ? 10 : 0);
  const leftOver = wanted.reduce((n, r) => n + ((node.allocatable[r] ?? 0) - (node.requested[r] ?? 0) - (pod.requests[r] ?? 0)), 0);
  return spread + leftOver;
}
