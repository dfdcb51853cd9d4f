import type { CoreV1Api, V1ContainerStatus, V1Pod } from "@kubernetes/client-node";
import type { TContainerState, TServingPod } from "@/lib/domain/deployments/types";
import { DEPLOYMENT_ID_LABEL, INFERENCE_SERVICE_LABEL } from "./pod";

// Pods as the deployment pages need them: container states (waiting/running/terminated with
// reasons such as ContainerCreating or OOMKilled), restarts and conditions with their times,
// for the launch progress and failure explanations. The GPU pages use kinds/pod.ts instead.

export const SERVING_POD_KIND = { group: "", version: "v1", plural: "pods", watchPath: "/api/v1/pods" } as const;

export function listServingPods(core: CoreV1Api) {
  return core.listPodForAllNamespaces();
}

const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : typeof value === "string" && value ? new Date(value).toISOString() : null);

function containerState(status: V1ContainerStatus, isInit: boolean): TContainerState {
  const { waiting, running, terminated } = status.state ?? {};
  const last = status.lastState?.terminated;
  return {
    name: status.name,
    isInit,
    ready: status.ready,
    restartCount: status.restartCount ?? 0,
    state: waiting ? "waiting" : running ? "running" : terminated ? "terminated" : "unknown",
    reason: waiting?.reason ?? terminated?.reason ?? null,
    message: waiting?.message ?? terminated?.message ?? null,
    exitCode: terminated?.exitCode ?? null,
    startedAt: iso(running?.startedAt ?? terminated?.startedAt),
    finishedAt: iso(terminated?.finishedAt),
    lastTerminationReason: last?.reason ?? null,
    lastExitCode: last?.exitCode ?? null,
  };
}

export function reshapeServingPod(raw: V1Pod): TServingPod {
  const labels = raw.metadata?.labels ?? {};
  const main = raw.spec?.containers?.[0];
  const limits = main?.resources?.limits ?? {};
  const gpuEntry = Object.entries(limits).find(([name]) => name.startsWith("nvidia.com/"));
  return {
    namespace: raw.metadata?.namespace ?? "",
    name: raw.metadata?.name ?? "",
    nodeName: raw.spec?.nodeName || null,
    phase: raw.status?.phase ?? "Pending",
    createdAt: iso(raw.metadata?.creationTimestamp),
    isTerminating: Boolean(raw.metadata?.deletionTimestamp),
    deploymentId: labels[DEPLOYMENT_ID_LABEL] ?? null,
    inferenceService: labels[INFERENCE_SERVICE_LABEL] ?? null,
    revision: labels["serving.knative.dev/revision"] ?? null,
    gpuRequest: gpuEntry ? `${gpuEntry[1]} × ${gpuEntry[0]}` : null,
    conditions: (raw.status?.conditions ?? []).map((condition) => ({
      type: condition.type,
      status: condition.status,
      reason: condition.reason ?? null,
      message: condition.message ?? null,
      lastTransitionTime: iso(condition.lastTransitionTime),
    })),
    containers: [
      ...(raw.status?.initContainerStatuses ?? []).map((status) => containerState(status, true)),
      ...(raw.status?.containerStatuses ?? []).map((status) => containerState(status, false)),
    ],
  };
}
