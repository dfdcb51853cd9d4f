import type { CoreV1Api, V1Container, V1Pod } from "@kubernetes/client-node";
import { parseResourceList } from "@/lib/domain/gpu/quantity";
import type { TClusterPod, TNodeSelectorTerm, TPodOwner, TToleration } from "@/lib/domain/gpu/types";

// Pod (core/v1, namespaced; watched across all namespaces). Reshaped to the domain's
// TClusterPod: effective requests, placement rules, phase, owner deployment and the
// scheduler's message. Pages never see a V1Pod.

export const POD_KIND = { group: "", version: "v1", plural: "pods", watchPath: "/api/v1/pods" } as const;

/** Labels that tie a pod to a gantry deployment (KServe InferenceService). */
export const DEPLOYMENT_ID_LABEL = "gantry.dev/deployment-id";
export const INFERENCE_SERVICE_LABEL = "serving.kserve.io/inferenceservice";

export function listPods(core: CoreV1Api) {
  return core.listPodForAllNamespaces();
}

/** The scheduler's view: the sum over containers, at least the largest init container. */
function effectiveRequests(containers: V1Container[] = [], initContainers: V1Container[] = []): Record<string, number> {
  const total: Record<string, number> = {};
  for (const container of containers) {
    for (const [name, amount] of Object.entries(parseResourceList(container.resources?.requests))) total[name] = (total[name] ?? 0) + amount;
  }
  for (const container of initContainers) {
    for (const [name, amount] of Object.entries(parseResourceList(container.resources?.requests))) total[name] = Math.max(total[name] ?? 0, amount);
  }
  return total;
}

function ownerOf(raw: V1Pod): TPodOwner | null {
  const labels = raw.metadata?.labels ?? {};
  const deploymentId = labels[DEPLOYMENT_ID_LABEL] ?? null;
  const name = labels[INFERENCE_SERVICE_LABEL] ?? deploymentId;
  if (!name) return null;
  return { namespace: raw.metadata?.namespace ?? "", name, deploymentId };
}

export function reshapePod(raw: V1Pod): TClusterPod {
  const spec = raw.spec;
  const phase = raw.status?.phase ?? "Pending";
  const scheduled = raw.status?.conditions?.find((condition) => condition.type === "PodScheduled");
  const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    namespace: raw.metadata?.namespace ?? "",
    name: raw.metadata?.name ?? "",
    nodeName: spec?.nodeName || null,
    phase,
    isTerminal: phase === "Succeeded" || phase === "Failed",
    isTerminating: Boolean(raw.metadata?.deletionTimestamp),
    owner: ownerOf(raw),
    unschedulableMessage: scheduled?.status === "False" ? (scheduled.message ?? scheduled.reason ?? null) : null,
    createdAt: raw.metadata?.creationTimestamp ? new Date(raw.metadata.creationTimestamp).toISOString() : null,
    requests: effectiveRequests(spec?.containers, spec?.initContainers),
    nodeSelector: spec?.nodeSelector ?? {},
    requiredTerms: (required?.nodeSelectorTerms ?? []) as TNodeSelectorTerm[],
    tolerations: (spec?.tolerations ?? []).map((toleration): TToleration => ({
      ...(toleration.key ? { key: toleration.key } : {}),
      ...(toleration.operator ? { operator: toleration.operator } : {}),
      ...(toleration.value ? { value: toleration.value } : {}),
      ...(toleration.effect ? { effect: toleration.effect } : {}),
    })),
  };
}
