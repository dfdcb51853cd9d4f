import { z } from "zod";
import { db, withTransaction, type EnvironmentPolicy } from "@/lib/adapters/db";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { openPolicy, type TEnvironmentPolicy } from "@/lib/domain/rollouts/promotion-policy";
import { ENVIRONMENTS } from "@/lib/domain/deployments/build-manifests";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";

// Environment policies (dev, staging, prod): the canary ceiling, approvals, minimums and how
// long a request stays open. One row per environment, seeded by the migration; admins edit.

const toPolicy = (row: EnvironmentPolicy): TEnvironmentPolicy => ({
  environment: row.environment,
  canaryCeilingPercent: row.canaryCeilingPercent,
  defaultCanaryPercent: row.defaultCanaryPercent,
  requiresApproval: row.requiresApproval,
  approvalsRequired: row.approvalsRequired,
  minCanaryMinutes: row.minCanaryMinutes,
  minCanaryRequests: row.minCanaryRequests,
  requestTtlHours: row.requestTtlHours,
});

/** The policy of an environment; an environment without a row needs no approval. */
export async function getEnvironmentPolicy(environment: string): Promise<TEnvironmentPolicy> {
  const row = await db.environmentPolicy.findUnique({ where: { environment } });
  return row ? toPolicy(row) : openPolicy(environment);
}

export async function listEnvironmentPolicies(actor: TActor | null): Promise<TEnvironmentPolicy[]> {
  requirePermission(actor, "fleet.view");
  const rows = await db.environmentPolicy.findMany();
  const byName = new Map(rows.map((row) => [row.environment, toPolicy(row)]));
  return ENVIRONMENTS.map((environment) => byName.get(environment) ?? openPolicy(environment));
}

const percent = (what: string) => z.number({ error: `${what} must be a number.` }).int(`${what} must be a whole number.`).min(1, `${what} must be at least 1 %.`).max(100, `${what} must be at most 100 %.`);

export const ZUpdateEnvironmentPolicyInput = z
  .object({
    environment: z.enum(ENVIRONMENTS),
    canaryCeilingPercent: percent("The ceiling"),
    defaultCanaryPercent: percent("The default canary share"),
    requiresApproval: z.boolean(),
    approvalsRequired: z.number().int().min(1, "At least one approval.").max(5, "At most 5 approvals."),
    minCanaryMinutes: z.number().int().min(0, "Cannot be negative.").max(10_080, "At most a week (10,080 min)."),
    minCanaryRequests: z.number().int().min(0, "Cannot be negative.").max(100_000_000),
    requestTtlHours: z.number().int().min(1, "At least 1 hour.").max(720, "At most 30 days (720 h)."),
  })
  .refine((p) => p.defaultCanaryPercent <= p.canaryCeilingPercent, { path: ["defaultCanaryPercent"], message: "The default share cannot exceed the ceiling." });
export type TUpdateEnvironmentPolicyInput = z.input<typeof ZUpdateEnvironmentPolicyInput>;

export async function updateEnvironmentPolicy(actor: TActor | null, raw: TUpdateEnvironmentPolicyInput): Promise<TEnvironmentPolicy> {
  requirePermission(actor, "policy.manage");
  const input = ZUpdateEnvironmentPolicyInput.parse(raw);
  return withTransaction(async (tx) => {
    const before = await tx.environmentPolicy.findUnique({ where: { environment: input.environment } });
    const { environment, ...values } = input;
    const row = await tx.environmentPolicy.upsert({ where: { environment }, create: { ...input, updatedById: actor.id }, update: { ...values, updatedById: actor.id } });
    await recordAuditEvent(tx, actor, { action: "policy.updated", targetType: "environment", targetId: environment, before: before ? toPolicy(before) : null, after: toPolicy(row) });
    return toPolicy(row);
  });
}
