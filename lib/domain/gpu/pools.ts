import { GPU_PRODUCT_LABEL } from "./resources";
import type { TClusterNode } from "./types";

// Which pool a node belongs to: the first of these labels it carries, else its GPU product.
// GANTRY_POOL_LABEL (one label, or several separated by commas) is tried before the defaults.

export const DEFAULT_POOL_LABELS = [
  "gantry.dev/pool",
  "cloud.google.com/gke-nodepool",
  "eks.amazonaws.com/nodegroup",
  "karpenter.sh/nodepool",
  "kubernetes.azure.com/agentpool",
] as const;

/** Nodes with none of the labels and no GPU. */
export const UNPOOLED = "unpooled";

export type TPoolKey = {
  name: string;
  /** The label that defines the pool, null for nodes without any. */
  label: string | null;
  /** The node selector that targets the pool (what a pod needs to land there). */
  selector: Record<string, string>;
};

export function poolLabelOrder(configured?: string | null): string[] {
  const fromEnv = (configured ?? "").split(",").map((label) => label.trim()).filter(Boolean);
  return [...new Set([...fromEnv, ...DEFAULT_POOL_LABELS, GPU_PRODUCT_LABEL])];
}

export function poolOfNode(node: TClusterNode, labelOrder: readonly string[]): TPoolKey {
  for (const label of labelOrder) {
    const value = node.labels[label];
    if (value) return { name: value, label, selector: { [label]: value } };
  }
  return { name: UNPOOLED, label: null, selector: {} };
}

export type TNodePool = TPoolKey & { nodes: TClusterNode[] };

/** Nodes grouped into pools, sorted by name; nodes in each pool sorted by name. */
export function groupNodesIntoPools(nodes: readonly TClusterNode[], labelOrder: readonly string[]): TNodePool[] {
  const pools = new Map<string, TNodePool>();
  for (const node of nodes) {
    const key = poolOfNode(node, labelOrder);
    const pool = pools.get(key.name);
    if (pool) pool.nodes.push(node);
    else pools.set(key.name, { ...key, nodes: [node] });
  }
  for (const pool of pools.values()) pool.nodes.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  return [...pools.values()].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}
