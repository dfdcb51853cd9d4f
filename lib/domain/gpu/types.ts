// The cluster as the GPU domain sees it: nodes and pods reshaped by lib/adapters/k8s/kinds,
// with quantities already parsed into numbers. Nothing here is a wire object.

export type TTaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

export type TTaint = { key: string; value?: string; effect: TTaintEffect | string };

export type TToleration = { key?: string; operator?: "Exists" | "Equal" | string; value?: string; effect?: string };

export type TNodeSelectorRequirement = { key: string; operator: string; values?: string[] };

export type TNodeSelectorTerm = { matchExpressions?: TNodeSelectorRequirement[]; matchFields?: TNodeSelectorRequirement[] };

export type TNodeCondition = { type: string; status: string; reason?: string; message?: string };

export type TClusterNode = {
  name: string;
  labels: Record<string, string>;
  taints: TTaint[];
  /** Cordoned (`kubectl cordon`): no new pods. */
  isUnschedulable: boolean;
  isReady: boolean;
  /** Conditions that are not in their healthy state (Ready=False, MemoryPressure=True …). */
  problems: TNodeCondition[];
  capacity: Record<string, number>;
  allocatable: Record<string, number>;
};

/** What a pod asks of the scheduler: requests and the rules that pick its node. */
export type TPodRequirements = {
  requests: Record<string, number>;
  nodeSelector: Record<string, string>;
  requiredTerms: TNodeSelectorTerm[];
  tolerations: TToleration[];
};

/** A gantry deployment (KServe InferenceService) a pod belongs to. */
export type TPodOwner = { namespace: string; name: string; deploymentId: string | null };

export type TClusterPod = TPodRequirements & {
  namespace: string;
  name: string;
  nodeName: string | null;
  phase: string;
  /** Succeeded or Failed: holds no resources any more. */
  isTerminal: boolean;
  isTerminating: boolean;
  owner: TPodOwner | null;
  /** The scheduler's message when it could not place the pod (PodScheduled=False). */
  unschedulableMessage: string | null;
  createdAt: string | null;
};
