import type { TClusterNode, TClusterPod } from "./types";

// Small builders for the GPU domain's unit tests: nodes shaped like the demo fleet's.

const GI = 2 ** 30;
const GPU_TAINT = { key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" };

export function makeNode(name: string, options: Partial<TClusterNode> & { pool?: string; extra?: Record<string, number> } = {}): TClusterNode {
  const resources = { cpu: 8, memory: 32 * GI, pods: 110, ...options.extra };
  return {
    name,
    labels: { "gantry.dev/pool": options.pool ?? "cpu-pool", ...options.labels },
    taints: options.taints ?? [],
    isUnschedulable: options.isUnschedulable ?? false,
    isReady: options.isReady ?? true,
    problems: options.problems ?? [],
    capacity: { ...resources, ...options.capacity },
    allocatable: { ...resources, ...options.allocatable },
  };
}

export function makeL4Node(name: string, options: Partial<TClusterNode> = {}): TClusterNode {
  return makeNode(name, {
    pool: "l4-pool",
    taints: [GPU_TAINT],
    ...options,
    labels: { "nvidia.com/gpu.product": "NVIDIA-L4", "nvidia.com/gpu.memory": "23034", "nvidia.com/gpu.replicas": "1", "nvidia.com/gpu.sharing-strategy": "none", ...options.labels },
    extra: { "nvidia.com/gpu": 1 },
  });
}

/** A T4 shared by time-slicing: one physical GPU advertised as 4 nvidia.com/gpu. */
export function makeT4Node(name: string): TClusterNode {
  return makeNode(name, {
    pool: "t4-pool",
    taints: [GPU_TAINT],
    labels: { "nvidia.com/gpu.product": "Tesla-T4-SHARED", "nvidia.com/gpu.memory": "15360", "nvidia.com/gpu.replicas": "4", "nvidia.com/gpu.sharing-strategy": "time-slicing" },
    extra: { "nvidia.com/gpu": 4 },
  });
}

/** An H100 node in MIG mixed mode: 6 whole GPUs, one GPU as 7 × 1g.10gb, one as 2 × 3g.40gb. */
export function makeH100Node(name: string): TClusterNode {
  return makeNode(name, {
    pool: "h100-pool",
    taints: [GPU_TAINT],
    labels: {
      "nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3",
      "nvidia.com/gpu.memory": "81559",
      "nvidia.com/gpu.replicas": "1",
      "nvidia.com/gpu.sharing-strategy": "none",
      "nvidia.com/mig-1g.10gb.memory": "9856",
      "nvidia.com/mig-3g.40gb.memory": "40192",
    },
    extra: { cpu: 208, memory: 1872 * GI, "nvidia.com/gpu": 6, "nvidia.com/mig-1g.10gb": 7, "nvidia.com/mig-3g.40gb": 2 },
  });
}

export function makePod(name: string, options: Partial<TClusterPod> = {}): TClusterPod {
  return {
    namespace: "default",
    name,
    nodeName: null,
    phase: options.nodeName ? "Running" : "Pending",
    isTerminal: false,
    isTerminating: false,
    owner: null,
    unschedulableMessage: null,
    createdAt: "2026-11-22T10:00:00Z",
    requests: {},
    nodeSelector: {},
    requiredTerms: [],
    tolerations: [],
    ...options,
  };
}

export const GPU_TOLERATION = { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" } as const;
