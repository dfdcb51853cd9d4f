import { z } from "zod";
import { evaluateFit, type TFitVerdict } from "@/lib/domain/gpu/fit-verdict";
import { parseQuantity } from "@/lib/domain/gpu/quantity";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { readClusterIndex } from "./read-cluster";

const QUANTITY = /^(\d+(\.\d+)?|\.\d+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;

export const ZCheckFitInput = z
  .object({
    pool: z.string().min(1, "Pick a GPU pool."),
    cpu: z.string().regex(QUANTITY, "CPU is a quantity such as 2 or 500m.").default("1"),
    memory: z.string().regex(QUANTITY, "Memory is a quantity such as 16Gi.").default("4Gi"),
    gpus: z.coerce.number().int().min(0).max(64).default(1),
    migProfile: z
      .string()
      .regex(/^\d+g\.\d+gb$/, "A MIG profile looks like 1g.10gb.")
      .nullish()
      .transform((value) => value ?? null),
    replicas: z.coerce.number().int().min(1, "At least one replica.").max(100).default(1),
    tolerations: z
      .array(z.object({ key: z.string().optional(), operator: z.enum(["Exists", "Equal"]).optional(), value: z.string().optional(), effect: z.string().optional() }))
      .default([]),
  })
  .refine((input) => !input.migProfile || input.gpus > 0, { message: "A MIG profile needs at least one slice.", path: ["gpus"] });
export type TCheckFitInput = z.infer<typeof ZCheckFitInput>;

/**
 * Would a deployment of this size fit in the pool now? Answers with the scheduler's rules on
 * the cluster as the watch cache sees it, in plain words, with the other pools where it fits.
 */
export async function checkFit(actor: TActor | null, input: TCheckFitInput): Promise<TFitVerdict> {
  requirePermission(actor, "fleet.view");
  const { index } = await readClusterIndex();
  const verdict = evaluateFit(index, input.pool, {
    cpu: parseQuantity(input.cpu),
    memoryBytes: parseQuantity(input.memory),
    gpus: input.gpus,
    migProfile: input.migProfile,
    replicas: input.replicas,
    tolerations: input.tolerations,
  });
  if (!verdict) throw new AppError("NOT_FOUND", `There is no node pool named "${input.pool}" in the cluster.`);
  return verdict;
}
