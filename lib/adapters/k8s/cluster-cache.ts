import { CoreV1Api, type CoreV1Event, type V1Node, type V1Pod } from "@kubernetes/client-node";
import type { TClusterEvent, TInferenceServiceState, TServingPod } from "@/lib/domain/deployments/types";
import type { TClusterNode, TClusterPod } from "@/lib/domain/gpu/types";
import { getClusterConnection, type TClusterConnection } from "./config";
import { listNodes, NODE_KIND, reshapeNode } from "./kinds/node";
import { EVENT_KIND, listEvents, reshapeEvent } from "./kinds/event";
import { INFERENCE_SERVICE_KIND, listInferenceServices, reshapeInferenceService, type TRawInferenceService } from "./kinds/inference-service";
import { listPods, POD_KIND, reshapePod } from "./kinds/pod";
import { listServingPods, reshapeServingPod, SERVING_POD_KIND } from "./kinds/serving-pod";
import { WatchCache, type TWatchCacheStatus } from "./watch-cache";

// The one informer per process and cluster: a WatchCache of nodes and one of pods, started on
// first use. Kept on globalThis so that `next dev` hot reloads do not start a second set of
// watches. Readers get snapshots from memory; listeners get one debounced notice per burst.

export type TClusterKind = "nodes" | "pods" | "inferenceservices" | "events";

export type TClusterStatus = {
  state: TWatchCacheStatus;
  /** ISO time the cache last heard from the API server; null before the first list. */
  lastContactAt: string | null;
  error: string | null;
};

export type TClusterSnapshot = {
  clusterKey: string;
  nodes: TClusterNode[];
  pods: TClusterPod[];
  status: TClusterStatus;
  /** Changes whenever nodes, pods or the connection change: a key for derived data. */
  revision: string;
};

export type TServingCaches = {
  inferenceServices: WatchCache<TRawInferenceService, TInferenceServiceState>;
  events: WatchCache<CoreV1Event, TClusterEvent>;
  servingPods: WatchCache<V1Pod, TServingPod>;
};

export type TClusterChange = { clusterKey: string; kinds: TClusterKind[]; status: TClusterStatus };

/** Long enough to batch a burst of pod events, short enough to show a change within a second. */
const NOTIFY_DEBOUNCE_MS = 150;
const FIRST_SYNC_TIMEOUT_MS = 5_000;

export class ClusterCache {
  readonly nodes: WatchCache<V1Node, TClusterNode>;
  readonly pods: WatchCache<V1Pod, TClusterPod>;
  /** Deployments (started on first use by the deployment services, see serving()). */
  private servingCaches: TServingCaches | null = null;
  private readonly listeners = new Set<(change: TClusterChange) => void>();
  private readonly changed = new Set<TClusterKind>();
  private timer: NodeJS.Timeout | null = null;
  private published: TClusterSnapshot | null = null;

  constructor(readonly connection: TClusterConnection) {
    const core = connection.kubeConfig.makeApiClient(CoreV1Api);
    const { kubeConfig } = connection;
    this.nodes = new WatchCache({ name: "nodes", kubeConfig, watchPath: NODE_KIND.watchPath, list: () => listNodes(core), reshape: reshapeNode });
    this.pods = new WatchCache({ name: "pods", kubeConfig, watchPath: POD_KIND.watchPath, list: () => listPods(core), reshape: reshapePod });
    this.nodes.subscribe(() => this.schedule("nodes"));
    this.pods.subscribe(() => this.schedule("pods"));
  }

  get clusterKey(): string {
    return this.connection.clusterKey;
  }

  start(): this {
    this.nodes.start();
    this.pods.start();
    return this;
  }

  /**
   * InferenceServices, events and pods with container states, for the deployment pages. A
   * second pod watch (reshaped for launch progress) keeps the GPU pods' shape untouched.
   */
  serving(): TServingCaches {
    if (this.servingCaches) return this.servingCaches;
    const { connection } = this;
    const { kubeConfig } = connection;
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const caches: TServingCaches = {
      inferenceServices: new WatchCache({ name: "inferenceservices", kubeConfig, watchPath: INFERENCE_SERVICE_KIND.watchPath, list: () => listInferenceServices(connection), reshape: reshapeInferenceService }),
      events: new WatchCache({ name: "events", kubeConfig, watchPath: EVENT_KIND.watchPath, list: () => listEvents(core), reshape: reshapeEvent }),
      servingPods: new WatchCache({ name: "serving-pods", kubeConfig, watchPath: SERVING_POD_KIND.watchPath, list: () => listServingPods(core), reshape: reshapeServingPod }),
    };
    caches.inferenceServices.subscribe(() => this.schedule("inferenceservices"));
    caches.events.subscribe(() => this.schedule("events"));
    caches.servingPods.subscribe(() => this.schedule("pods"));
    this.servingCaches = caches;
    caches.inferenceServices.start();
    caches.events.start();
    caches.servingPods.start();
    return caches;
  }

  stop(): void {
    this.nodes.stop();
    this.pods.stop();
    this.servingCaches?.inferenceServices.stop();
    this.servingCaches?.events.stop();
    this.servingCaches?.servingPods.stop();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  async waitForFirstSync(timeoutMs = FIRST_SYNC_TIMEOUT_MS): Promise<void> {
    await Promise.all([this.nodes.waitForFirstSync(timeoutMs), this.pods.waitForFirstSync(timeoutMs)]);
  }

  status(): TClusterStatus {
    const nodes = this.nodes.snapshot();
    const pods = this.pods.snapshot();
    // The cluster is as healthy as its least healthy watch.
    const state: TWatchCacheStatus = [nodes.status, pods.status].includes("disconnected") ? "disconnected" : [nodes.status, pods.status].includes("syncing") ? "syncing" : "live";
    const contacts = [nodes.lastContactAt, pods.lastContactAt].filter((date): date is Date => date !== null);
    const oldest = contacts.length === 2 ? new Date(Math.min(...contacts.map((date) => date.getTime()))) : null;
    return { state, lastContactAt: oldest?.toISOString() ?? null, error: nodes.error ?? pods.error };
  }

  /**
   * The cluster as of the last notice to listeners (at most ~150 ms old), so that on a busy
   * cluster every reader between two notices shares one state and derived data is computed
   * once per notice, not once per request. Before the first notice: the live state.
   */
  snapshot(): TClusterSnapshot {
    return this.published ? { ...this.published, status: this.status() } : this.liveSnapshot();
  }

  private liveSnapshot(): TClusterSnapshot {
    const nodes = this.nodes.snapshot();
    const pods = this.pods.snapshot();
    return {
      clusterKey: this.clusterKey,
      nodes: nodes.items,
      pods: pods.items,
      status: this.status(),
      revision: `${nodes.revision}.${pods.revision}`,
    };
  }

  /** One call per burst of changes (debounced), with the kinds that changed. */
  subscribe(listener: (change: TClusterChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private schedule(kind: TClusterKind): void {
    this.changed.add(kind);
    this.timer ??= setTimeout(() => this.flush(), NOTIFY_DEBOUNCE_MS);
  }

  private flush(): void {
    this.timer = null;
    this.published = this.liveSnapshot();
    const change: TClusterChange = { clusterKey: this.clusterKey, kinds: [...this.changed], status: this.status() };
    this.changed.clear();
    for (const listener of this.listeners) listener(change);
  }
}

const registry = globalThis as typeof globalThis & { __gantryClusterCaches?: Map<string, ClusterCache> };

/** The started cache of the configured cluster (created on first use, one per process and cluster). */
export function getClusterCache(connection: TClusterConnection = getClusterConnection()): ClusterCache {
  const caches = (registry.__gantryClusterCaches ??= new Map());
  let cache = caches.get(connection.clusterKey);
  if (!cache) {
    cache = new ClusterCache(connection).start();
    caches.set(connection.clusterKey, cache);
  }
  return cache;
}

/** Stops and forgets every cache (tests). */
export function stopClusterCaches(): void {
  for (const cache of registry.__gantryClusterCaches?.values() ?? []) cache.stop();
  registry.__gantryClusterCaches?.clear();
}
