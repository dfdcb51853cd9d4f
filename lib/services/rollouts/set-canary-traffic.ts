import { z } from "zod";
import { withTransaction } from "@/lib/adapters/db";
import { getInferenceService, jsonPatchInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import type { TActor } from "@/lib/auth/permissions";
import { canaryCeiling } from "@/lib/domain/rollouts/promotion-policy";
import { isCanaryLive } from "@/lib/domain/rollouts/rollout-state";
import { configuredCanaryPercent } from "@/lib/domain/rollouts/traffic-split";
import { AppError } from "@/lib/errors";
import { requireConnection } from "@/lib/services/deployments/read-serving";
import { CHANGED_BY_SOMEONE_ELSE, readUnchanged, writeIfUnchanged } from "@/lib/services/deployments/write-inference-service";
import { loadRolloutContext, recordRolloutChange } from "./rollout-context";

// One slider commit: a single JSON Patch of /spec/predictor/canaryTrafficPercent, conditional
// on the resourceVersion, so a concurrent change by someone else is never overwritten: the
// caller gets CONFLICT with the value that is there now.

export const ZSetCanaryTrafficInput = z.object({
  namespace: z.string().min(1),
  name: z.string().min(1),
  expectedVersion: z.string().min(1, "Reload the deployment and try again."),
  percent: z.number({ error: "The share must be a number." }).int("Use a whole percent.").min(0, "The share cannot be negative.").max(100, "The share cannot exceed 100 %."),
});
export type TSetCanaryTrafficInput = z.input<typeof ZSetCanaryTrafficInput>;

export async function setCanaryTraffic(actor: TActor | null, raw: TSetCanaryTrafficInput): Promise<{ percent: number; changeVersion: string }> {
  const input = ZSetCanaryTrafficInput.parse(raw);
  const ctx = await loadRolloutContext(actor, input.namespace, input.name);
  if (!isCanaryLive(ctx.rollout)) throw new AppError("CONFLICT", "No canary is running on this deployment; start one first.");
  const ceiling = canaryCeiling(ctx.policy);
  if (input.percent > ceiling) {
    throw new AppError("VALIDATION", `In ${ctx.row.environment} the canary may take at most ${ceiling} % without an approved promotion. Request promotion to go to 100 %.`, { fieldErrors: { percent: [`At most ${ceiling} %.`] } });
  }
  const connection = requireConnection();
  let live;
  try {
    live = await readUnchanged(connection, ctx.row.namespace, ctx.row.name, input.expectedVersion);
  } catch (error) {
    throw await withCurrentValue(error, connection, ctx.row.namespace, ctx.row.name);
  }
  const before = configuredCanaryPercent(live.spec);
  if (before === input.percent) return { percent: before, changeVersion: live.changeVersion };
  const spec = { ...ctx.spec, canaryTrafficPercent: input.percent };
  return withTransaction(
    async (tx) => {
      await recordRolloutChange(tx, ctx.actor, ctx, { action: "rollout.traffic_set", spec, before: { canaryPercent: before }, after: { canaryPercent: input.percent }, metadata: { canaryVersion: ctx.rollout?.canary.version } });
      const updated = await writeIfUnchanged(connection, live, (resourceVersion) =>
        jsonPatchInferenceService(connection, ctx.row.namespace, ctx.row.name, [{ op: "add", path: "/spec/predictor/canaryTrafficPercent", value: input.percent }], resourceVersion),
      ).catch(async (error: unknown) => {
        throw await withCurrentValue(error, connection, ctx.row.namespace, ctx.row.name);
      });
      await tx.deployment.update({ where: { id: ctx.row.id }, data: { resourceVersion: updated.resourceVersion } });
      return { percent: input.percent, changeVersion: updated.changeVersion };
    },
    { timeout: 20_000 },
  );
}

/** A conflict names the share someone else set, so the slider can show it. */
async function withCurrentValue(error: unknown, connection: ReturnType<typeof requireConnection>, namespace: string, name: string): Promise<unknown> {
  if (!(error instanceof AppError) || error.code !== "CONFLICT" || error.message !== CHANGED_BY_SOMEONE_ELSE) return error;
  const now = await getInferenceService(connection, namespace, name).catch(() => null);
  const percent = now ? configuredCanaryPercent(now.spec) : null;
  return new AppError("CONFLICT", `Changed by someone else: the canary now gets ${percent === null ? "no set share" : `${percent} %`}. Your change was not applied.`, { cause: error });
}
