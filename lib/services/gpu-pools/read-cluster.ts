import { getClusterCache, type TClusterStatus } from "@/lib/adapters/k8s/cluster-cache";
import { getClusterConnection } from "@/lib/adapters/k8s/config";
import { indexCluster, type TClusterIndex } from "@/lib/domain/gpu/pool-views";
import { poolLabelOrder } from "@/lib/domain/gpu/pools";
import { poolLabelSetting } from "@/lib/env";
import { AppError } from "@/lib/errors";

// The cluster as the GPU-pool services read it: from the shared watch cache (never a list per
// request), indexed once per change. A cluster that cannot be reached is data, not an error:
// the last known state with its status, or nothing with the reason.

export type TClusterRead = { clusterKey: string; status: TClusterStatus; index: TClusterIndex };

let memo: { key: string; index: TClusterIndex } | null = null;

export async function readClusterIndex(): Promise<TClusterRead> {
  const labelOrder = poolLabelOrder(poolLabelSetting());
  let cache;
  try {
    cache = getClusterCache(getClusterConnection());
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { clusterKey: "none", status: { state: "disconnected", lastContactAt: null, error: error.message }, index: indexCluster([], [], labelOrder) };
  }
  await cache.waitForFirstSync();
  const snapshot = cache.snapshot();
  const key = `${snapshot.clusterKey}|${snapshot.revision}|${labelOrder.join(",")}`;
  if (memo?.key !== key) memo = { key, index: indexCluster(snapshot.nodes, snapshot.pods, labelOrder) };
  return { clusterKey: snapshot.clusterKey, status: snapshot.status, index: memo.index };
}
