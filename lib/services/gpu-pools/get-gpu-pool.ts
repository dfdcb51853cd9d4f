import type { TClusterStatus } from "@/lib/adapters/k8s/cluster-cache";
import { describePool, type TClusterIndex, type TGpuPoolDetail } from "@/lib/domain/gpu/pool-views";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { readClusterIndex } from "./read-cluster";
import { readGpuPrices } from "./read-gpu-prices";

export type TGpuPoolView = { clusterKey: string; status: TClusterStatus; pool: TGpuPoolDetail | null };

// The last few pools described, per cluster state: open pool pages all read the same one.
const memo = new Map<string, { index: TClusterIndex; detail: TGpuPoolDetail | null }>();
const MEMO_SIZE = 16;

/**
 * One pool with its nodes and what runs on them. Unknown pool → NOT_FOUND, unless the cluster
 * has never been reached: then `pool` is null and the page explains why.
 */
export async function getGpuPoolOrThrow(actor: TActor | null, name: string): Promise<TGpuPoolView> {
  requirePermission(actor, "fleet.view");
  const [{ clusterKey, status, index }, prices] = await Promise.all([readClusterIndex(), readGpuPrices()]);
  const price = prices.get(name) ?? null;
  const key = `${name}|${price}`;
  let entry = memo.get(key);
  if (entry?.index !== index) {
    entry = { index, detail: describePool(index, name, price) };
    memo.delete(key);
    memo.set(key, entry);
    if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  }
  const pool = entry.detail;
  if (!pool && status.lastContactAt) throw new AppError("NOT_FOUND", `There is no node pool named "${name}" in the cluster.`);
  return { clusterKey, status, pool };
}
