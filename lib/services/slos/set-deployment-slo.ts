import { z } from "zod";
import { db } from "@/lib/adapters/db";
import { requirePermission, requireTeamMember, type TActor } from "@/lib/auth/permissions";
import { getDeploymentRowOrThrow } from "@/lib/services/deployments/deployment-views";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const ZSetDeploymentSloInput = z.object({
  namespace: z.string().regex(NAME, "Not a namespace name."),
  name: z.string().regex(NAME, "Not a deployment name."),
  p99LatencyMs: z.coerce.number().int("Whole milliseconds.").min(1, "At least 1 ms.").max(600_000, "At most 10 minutes."),
  errorRatePercent: z.coerce.number().min(0, "0 % or more.").max(100, "100 % at most."),
});
export type TSetDeploymentSloInput = z.input<typeof ZSetDeploymentSloInput>;

export type TDeploymentSlo = { namespace: string; name: string; p99LatencyMs: number; errorRateRatio: number };

/** Sets a deployment's SLO (p99 latency and error-rate targets); the change is audited in the same transaction. */
export async function setDeploymentSlo(actor: TActor | null, raw: TSetDeploymentSloInput): Promise<TDeploymentSlo> {
  requirePermission(actor, "deployment.manage");
  const input = ZSetDeploymentSloInput.parse(raw);
  // Only the owning team (or an admin) sets a deployment's targets.
  const row = await getDeploymentRowOrThrow(input.namespace, input.name);
  requireTeamMember(actor, row.team, `Deployment ${row.name}`);
  const data = { p99LatencyMs: input.p99LatencyMs, errorRateRatio: input.errorRatePercent / 100, updatedById: actor.id };
  return db.$transaction(async (tx) => {
    const key = { namespace_name: { namespace: input.namespace, name: input.name } };
    const before = await tx.deploymentSlo.findUnique({ where: key });
    const after = await tx.deploymentSlo.upsert({ where: key, create: { namespace: input.namespace, name: input.name, ...data }, update: data });
    await recordAuditEvent(tx, actor, {
      action: "deployment.slo.set",
      targetType: "deployment",
      targetId: `${input.namespace}/${input.name}`,
      before: before ? { p99LatencyMs: before.p99LatencyMs, errorRateRatio: before.errorRateRatio } : null,
      after: { p99LatencyMs: after.p99LatencyMs, errorRateRatio: after.errorRateRatio },
    });
    return { namespace: after.namespace, name: after.name, p99LatencyMs: after.p99LatencyMs, errorRateRatio: after.errorRateRatio };
  });
}

export async function getDeploymentSlo(namespace: string, name: string): Promise<TDeploymentSlo | null> {
  const row = await db.deploymentSlo.findUnique({ where: { namespace_name: { namespace, name } } });
  return row ? { namespace: row.namespace, name: row.name, p99LatencyMs: row.p99LatencyMs, errorRateRatio: row.errorRateRatio } : null;
}

export async function listDeploymentSlos(actor: TActor | null): Promise<TDeploymentSlo[]> {
  requirePermission(actor, "fleet.view");
  const rows = await db.deploymentSlo.findMany({ orderBy: [{ namespace: "asc" }, { name: "asc" }] });
  return rows.map((r) => ({ namespace: r.namespace, name: r.name, p99LatencyMs: r.p99LatencyMs, errorRateRatio: r.errorRateRatio }));
}
