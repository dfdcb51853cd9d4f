import { clusterServingRuntimes, namespaces, nodes } from "../api/resources";
import { defaultClusterServingRuntimes } from "../kserve/runtimes";
import { nowTimestamp, type Store } from "../store/store";
import { type FleetConfig, healthyConditions, nodesFromFleet } from "./fleet";

const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease", "kserve"];

/**
 * Creates what a fresh cluster has: system namespaces, the default runtimes and the fleet's
 * nodes. Idempotent, so a restored cluster only gains what the fleet file added since.
 */
export function seedCluster(store: Store, fleet: FleetConfig): void {
  for (const name of SYSTEM_NAMESPACES) {
    if (!store.get(namespaces, undefined, name)) store.create(namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name } });
  }
  for (const rt of defaultClusterServingRuntimes()) {
    if (!store.get(clusterServingRuntimes, undefined, rt.metadata.name ?? "")) store.create(clusterServingRuntimes, rt);
  }
  const now = nowTimestamp();
  for (const node of nodesFromFleet(fleet)) {
    if (store.get(nodes, undefined, node.metadata.name ?? "")) continue;
    (node.status as Record<string, unknown>).conditions = healthyConditions(now);
    store.create(nodes, node);
  }
}
