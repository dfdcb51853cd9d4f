import { getClusterCache, type TClusterChange, type TClusterStatus } from "@/lib/adapters/k8s/cluster-cache";
import { getClusterConnection } from "@/lib/adapters/k8s/config";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

export type TClusterWatch = { clusterKey: string; status: TClusterStatus; unsubscribe: () => void };

/**
 * Calls `onChange` after each (debounced) burst of node or pod changes, from the shared watch
 * cache: any number of watchers cost the API server nothing more.
 */
export function watchClusterChanges(actor: TActor | null, onChange: (change: TClusterChange) => void): TClusterWatch {
  requirePermission(actor, "fleet.view");
  try {
    const cache = getClusterCache(getClusterConnection());
    return { clusterKey: cache.clusterKey, status: cache.status(), unsubscribe: cache.subscribe(onChange) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { clusterKey: "none", status: { state: "disconnected", lastContactAt: null, error: error.message }, unsubscribe: () => undefined };
  }
}
