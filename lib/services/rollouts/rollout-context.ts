import type { TDbClient } from "@/lib/adapters/db";
import { requirePermission, requireTeamMember, type TActor } from "@/lib/auth/permissions";
import { rolloutOf, type TRolloutState } from "@/lib/domain/rollouts/rollout-state";
import type { TEnvironmentPolicy } from "@/lib/domain/rollouts/promotion-policy";
import type { TManifestValues } from "@/lib/domain/deployments/build-manifests";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { getDeploymentRowOrThrow, specOf, type TDeploymentRow } from "@/lib/services/deployments/deployment-views";
import { getEnvironmentPolicy } from "./environment-policies";

// What every rollout operation starts from: the deployment row (team-checked), its policy and
// its recorded rollout, plus the one way they write the row and its audit event together.

export type TRolloutContext = { row: TDeploymentRow; spec: TManifestValues; rollout: TRolloutState | null; policy: TEnvironmentPolicy; target: string };

export async function loadRolloutContext(actor: TActor | null, namespace: string, name: string, permission: "deployment.manage" | "promotion.request" | "rollout.rollback" = "deployment.manage"): Promise<TRolloutContext & { actor: TActor }> {
  requirePermission(actor, permission);
  const row = await getDeploymentRowOrThrow(namespace, name);
  // Approvers roll back any team's deployment; everyone else only their teams'.
  if (!(permission === "rollout.rollback" && (actor.role === "approver" || actor.role === "admin"))) requireTeamMember(actor, row.team, `Deployment ${row.name}`);
  if (row.state !== "active") throw new AppError("CONFLICT", `Deployment ${row.name} is ${row.state}; wait until it is active.`);
  return { actor, row, spec: specOf(row), rollout: rolloutOf(row), policy: await getEnvironmentPolicy(row.environment), target: `${row.namespace}/${row.name}` };
}

export const toJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as object;

/** Writes the row's spec/rollout (and serving version) with its audit event, inside `tx`. */
export async function recordRolloutChange(
  tx: TDbClient,
  actor: TActor,
  ctx: { row: { id: string }; target: string },
  change: { action: string; spec?: TManifestValues; rollout?: TRolloutState; modelVersionId?: string; resourceVersion?: string; before: unknown; after: unknown; metadata?: Record<string, unknown> },
): Promise<void> {
  await tx.deployment.update({
    where: { id: ctx.row.id },
    data: {
      ...(change.spec ? { spec: toJson(change.spec) } : {}),
      ...(change.rollout ? { rollout: toJson(change.rollout) } : {}),
      ...(change.modelVersionId ? { modelVersionId: change.modelVersionId } : {}),
      ...(change.resourceVersion ? { resourceVersion: change.resourceVersion } : {}),
    },
  });
  await recordAuditEvent(tx, actor, { action: change.action, targetType: "deployment", targetId: ctx.target, before: change.before, after: change.after, metadata: { deploymentId: ctx.row.id, ...change.metadata } });
}
