import { z } from "zod";
import { db } from "@/lib/adapters/db";
import { centsToUsd, usdToCents } from "@/lib/domain/gpu/cost";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";

export const ZUpdateGpuPriceInput = z.object({
  pool: z
    .string()
    .min(1, "Pick a pool.")
    .max(253)
    .regex(/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/, "A pool name is a node label value such as l4-pool."),
  /** US dollars per GPU-hour; null removes the price. */
  pricePerGpuHour: z.coerce
    .number({ error: "Enter a price in dollars, e.g. 2.50." })
    .min(0, "A price cannot be negative.")
    .max(1000, "That is more than any GPU costs per hour; check the figure.")
    .nullable(),
});
export type TUpdateGpuPriceInput = z.infer<typeof ZUpdateGpuPriceInput>;

/** Sets (or removes) a pool's price per GPU-hour. Admins only; audited in the same transaction. */
export async function updateGpuPrice(actor: TActor | null, input: TUpdateGpuPriceInput): Promise<{ pool: string; pricePerGpuHour: number | null }> {
  requirePermission(actor, "gpu.prices.manage");
  return db.$transaction(async (tx) => {
    const before = await tx.gpuPrice.findUnique({ where: { poolName: input.pool } });
    const beforeUsd = before ? centsToUsd(before.centsPerGpuHour) : null;
    const cents = input.pricePerGpuHour === null ? null : usdToCents(input.pricePerGpuHour);
    if ((before?.centsPerGpuHour ?? null) === cents) return { pool: input.pool, pricePerGpuHour: beforeUsd };
    if (cents === null) await tx.gpuPrice.delete({ where: { poolName: input.pool } });
    else await tx.gpuPrice.upsert({ where: { poolName: input.pool }, create: { poolName: input.pool, centsPerGpuHour: cents }, update: { centsPerGpuHour: cents } });
    const after = cents === null ? null : centsToUsd(cents);
    await recordAuditEvent(tx, actor, {
      action: "gpu_price.updated",
      targetType: "gpu_pool",
      targetId: input.pool,
      before: { pricePerGpuHour: beforeUsd },
      after: { pricePerGpuHour: after },
    });
    return { pool: input.pool, pricePerGpuHour: after };
  });
}
