import { db } from "@/lib/adapters/db";
import { centsToUsd } from "@/lib/domain/gpu/cost";

/** Price per GPU-hour in US dollars, by pool name. */
export async function readGpuPrices(): Promise<Map<string, number>> {
  const rows = await db.gpuPrice.findMany();
  return new Map(rows.map((row) => [row.poolName, centsToUsd(row.centsPerGpuHour)]));
}
