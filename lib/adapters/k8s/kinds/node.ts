import type { CoreV1Api, V1Node } from "@kubernetes/client-node";
import { parseResourceList } from "@/lib/domain/gpu/quantity";
import type { TClusterNode, TNodeCondition, TTaint } from "@/lib/domain/gpu/types";

// Node (core/v1, cluster-scoped). Reshaped to the domain's TClusterNode: labels, taints,
// cordon, readiness, parsed capacity and allocatable. Pages never see a V1Node.

export const NODE_KIND = { group: "", version: "v1", plural: "nodes", watchPath: "/api/v1/nodes" } as const;

export function listNodes(core: CoreV1Api) {
  return core.listNode();
}

// Conditions other than Ready are problems when True (MemoryPressure, DiskPressure, …).
function isProblem(condition: TNodeCondition): boolean {
  return condition.type === "Ready" ? condition.status !== "True" : condition.status === "True";
}

export function reshapeNode(raw: V1Node): TClusterNode {
  const conditions: TNodeCondition[] = (raw.status?.conditions ?? []).map((condition) => ({
    type: condition.type,
    status: condition.status,
    ...(condition.reason ? { reason: condition.reason } : {}),
    ...(condition.message ? { message: condition.message } : {}),
  }));
  const ready = conditions.find((condition) => condition.type === "Ready");
  return {
    name: raw.metadata?.name ?? "",
    labels: raw.metadata?.labels ?? {},
    taints: (raw.spec?.taints ?? []).map((taint): TTaint => ({ key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect })),
    isUnschedulable: raw.spec?.unschedulable === true,
    isReady: ready?.status === "True",
    // A node that has not reported yet has no Ready condition: that is a problem too.
    problems: ready ? conditions.filter(isProblem) : [{ type: "Ready", status: "Unknown", reason: "NodeStatusNeverUpdated" }, ...conditions.filter(isProblem)],
    capacity: parseResourceList(raw.status?.capacity),
    allocatable: parseResourceList(raw.status?.allocatable),
  };
}
