import { getClusterCache, type TClusterStatus } from "@/lib/adapters/k8s/cluster-cache";
import { getClusterConnection, type TClusterConnection } from "@/lib/adapters/k8s/config";
import type { TClusterEvent, TInferenceServiceState, TServingPod } from "@/lib/domain/deployments/types";
import { AppError } from "@/lib/errors";

// The cluster as the deployment services read it: from the shared watch cache, indexed once
// per change. A cluster that cannot be reached is data (status + error), not a crashed page.

export type TServingIndex = {
  clusterKey: string;
  status: TClusterStatus;
  isvcByKey: Map<string, TInferenceServiceState>;
  podsByIsvc: Map<string, TServingPod[]>;
  eventsByObject: Map<string, TClusterEvent[]>;
  inferenceServices: TInferenceServiceState[];
};

let memo: { key: string; index: TServingIndex } | null = null;

export const objectKeyOf = (namespace: string, name: string) => `${namespace}/${name}`;

export function tryConnection(): TClusterConnection | null {
  try {
    return getClusterConnection();
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

export function requireConnection(): TClusterConnection {
  const connection = tryConnection();
  if (!connection) throw new AppError("UNAVAILABLE", "No Kubernetes cluster is configured. Set KUBECONFIG.");
  return connection;
}

export async function readServingIndex(): Promise<TServingIndex> {
  const connection = tryConnection();
  if (!connection) {
    return { clusterKey: "none", status: { state: "disconnected", lastContactAt: null, error: "No cluster is configured." }, isvcByKey: new Map(), podsByIsvc: new Map(), eventsByObject: new Map(), inferenceServices: [] };
  }
  const cache = getClusterCache(connection);
  const serving = cache.serving();
  await Promise.all([serving.inferenceServices.waitForFirstSync(5_000), serving.servingPods.waitForFirstSync(5_000), serving.events.waitForFirstSync(5_000)]);
  const isvcs = serving.inferenceServices.snapshot();
  const pods = serving.servingPods.snapshot();
  const events = serving.events.snapshot();
  const key = `${cache.clusterKey}|${isvcs.revision}.${pods.revision}.${events.revision}|${isvcs.status}${pods.status}${events.status}`;
  if (memo?.key === key) return memo.index;
  const isvcByKey = new Map(isvcs.items.map((isvc) => [objectKeyOf(isvc.namespace, isvc.name), isvc]));
  const podsByIsvc = new Map<string, TServingPod[]>();
  for (const pod of pods.items) {
    if (!pod.inferenceService) continue;
    const k = objectKeyOf(pod.namespace, pod.inferenceService);
    const list = podsByIsvc.get(k);
    if (list) list.push(pod);
    else podsByIsvc.set(k, [pod]);
  }
  const eventsByObject = new Map<string, TClusterEvent[]>();
  for (const event of events.items) {
    const k = objectKeyOf(event.namespace, event.involvedName);
    const list = eventsByObject.get(k);
    if (list) list.push(event);
    else eventsByObject.set(k, [event]);
  }
  const all = [isvcs, pods, events];
  const state = all.some((s) => s.status === "disconnected") ? "disconnected" : all.some((s) => s.status === "syncing") ? "syncing" : "live";
  const index: TServingIndex = {
    clusterKey: cache.clusterKey,
    status: { state, lastContactAt: isvcs.lastContactAt?.toISOString() ?? null, error: isvcs.error ?? pods.error ?? events.error },
    isvcByKey,
    podsByIsvc,
    eventsByObject,
    inferenceServices: isvcs.items,
  };
  memo = { key, index };
  return index;
}
