// The cluster side of a deployment as the domain sees it: an InferenceService, its events and
// its pods, reshaped by lib/adapters/k8s/kinds. Nothing here is a wire object.

export type TCondition = {
  type: string;
  status: "True" | "False" | "Unknown" | string;
  reason: string | null;
  message: string | null;
  severity: string | null;
  lastTransitionTime: string | null;
};

export type TTrafficTarget = { revisionName: string | null; percent: number; isLatest: boolean; tag: string | null; url: string | null };

export type TModelFailure = { reason: string | null; message: string | null; exitCode: number | null };

export type TInferenceServiceState = {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  /**
   * Changes when the spec, labels or annotations change, not when only the status does
   * (which also moves resourceVersion): what "changed by someone else" is checked against.
   */
  changeVersion: string;
  createdAt: string | null;
  isDeleting: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The spec as applied (plain JSON), for drift and diff. */
  spec: Record<string, unknown>;
  deploymentMode: string | null;
  conditions: TCondition[];
  url: string | null;
  internalUrl: string | null;
  revisions: { latestCreated: string | null; latestReady: string | null; latestRolledout: string | null; previousRolledout: string | null };
  traffic: TTrafficTarget[];
  model: {
    transitionStatus: string | null;
    activeState: string | null;
    targetState: string | null;
    failure: TModelFailure | null;
    readyCopies: number | null;
  };
};

export type TClusterEvent = {
  namespace: string;
  name: string;
  involvedKind: string;
  involvedName: string;
  type: "Normal" | "Warning" | string;
  reason: string;
  message: string;
  count: number;
  firstAt: string | null;
  lastAt: string | null;
};

export type TContainerState = {
  name: string;
  isInit: boolean;
  ready: boolean;
  restartCount: number;
  /** waiting / running / terminated, with the reason (ContainerCreating, OOMKilled, …). */
  state: "waiting" | "running" | "terminated" | "unknown";
  reason: string | null;
  message: string | null;
  exitCode: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  lastTerminationReason: string | null;
  lastExitCode: number | null;
};

export type TPodCondition = { type: string; status: string; reason: string | null; message: string | null; lastTransitionTime: string | null };

/** A predictor pod with what the launch progress needs. */
export type TServingPod = {
  namespace: string;
  name: string;
  nodeName: string | null;
  phase: string;
  createdAt: string | null;
  isTerminating: boolean;
  deploymentId: string | null;
  inferenceService: string | null;
  revision: string | null;
  gpuRequest: string | null;
  conditions: TPodCondition[];
  containers: TContainerState[];
};
