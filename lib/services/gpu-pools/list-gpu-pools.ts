import type { TClusterStatus } from "@/lib/adapters/k8s/cluster-cache";
import { summarizePools, type TClusterIndex, type TGpuPoolSummary } from "@/lib/domain/gpu/pool-views";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { readClusterIndex } from "./read-cluster";
import { readGpuPrices } from "./read-gpu-prices";

export type TGpuPoolsView = { clusterKey: string; status: TClusterStatus; pools: TGpuPoolSummary[] };

// Recomputed only when the cluster (a new index) or a price changed, however many people ask.
let memo: { index: TClusterIndex; pricesKey: string; pools: TGpuPoolSummary[] } | null = null;

/** Every pool of the cluster with capacity, pending pods, deployments and cost (from the watch cache). */
export async function listGpuPools(actor: TActor | null): Promise<TGpuPoolsView> {
  requirePermission(actor, "fleet.view");
  const [{ clusterKey, status, index }, prices] = await Promise.all([readClusterIndex(), readGpuPrices()]);
  const pricesKey = JSON.stringify([...prices]);
  if (memo?.index !== index || memo.pricesKey !== pricesKey) memo = { index, pricesKey, pools: summarizePools(index, prices) };
  return { clusterKey, status, pools: memo.pools };
}
