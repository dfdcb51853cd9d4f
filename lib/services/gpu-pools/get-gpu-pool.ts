import type { TClusterStatus } from "@/lib/adapters/k8s/cluster-cache";
import { describePool, type TGpuPoolDetail } from "@/lib/domain/gpu/pool-views";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { readClusterIndex } from "./read-cluster";
import { readGpuPrices } from "./read-gpu-prices";

export type TGpuPoolView = { clusterKey: string; status: TClusterStatus; pool: TGpuPoolDetail | null };

/**
 * One pool with its nodes and what runs on them. Unknown pool → NOT_FOUND, unless the cluster
 * has never been reached: then `pool` is null and the page explains why.
 */
export async function getGpuPoolOrThrow(actor: TActor | null, name: string): Promise<TGpuPoolView> {
  requirePermission(actor, "fleet.view");
  const [{ clusterKey, status, index }, prices] = await Promise.all([readClusterIndex(), readGpuPrices()]);
  const pool = describePool(index, name, prices.get(name) ?? null);
  if (!pool && status.lastContactAt) throw new AppError("NOT_FOUND", `There is no node pool named "${name}" in the cluster.`);
  return { clusterKey, status, pool };
}
