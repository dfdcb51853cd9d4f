import { z } from "zod";
import { db, withTransaction } from "@/lib/adapters/db";
import { deleteInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import { deleteScaledObject } from "@/lib/adapters/k8s/kinds/scaled-object";
import { requirePermission, requireTeamMember, type TActor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { getDeploymentRowOrThrow, specOf } from "./deployment-views";
import { requireConnection } from "./read-serving";

// Delete: mark the row `deleting`, remove the cluster objects, then remove the row with its
// audit event. A failed cluster call puts the row back (no record lost); a crash in between
// leaves a `deleting` row that the reconciler finishes.

export const ZDeleteDeploymentInput = z.object({ namespace: z.string().min(1), name: z.string().min(1), confirmName: z.string() });
export type TDeleteDeploymentInput = z.input<typeof ZDeleteDeploymentInput>;

export async function deleteDeployment(actor: TActor | null, raw: TDeleteDeploymentInput): Promise<{ namespace: string; name: string }> {
  requirePermission(actor, "deployment.manage");
  const input = ZDeleteDeploymentInput.parse(raw);
  const row = await getDeploymentRowOrThrow(input.namespace, input.name);
  requireTeamMember(actor, row.team, `Deployment ${row.name}`);
  if (input.confirmName.trim() !== row.name) {
    throw new AppError("VALIDATION", "Type the deployment's name to confirm.", { fieldErrors: { confirmName: [`Type ${row.name} exactly to delete it.`] } });
  }
  const previousState = row.state;
  await db.deployment.update({ where: { id: row.id }, data: { state: "deleting" } });
  try {
    await removeFromCluster(row.namespace, row.name);
  } catch (error) {
    await db.deployment.update({ where: { id: row.id }, data: { state: previousState } });
    throw error;
  }
  await finishDeletion(actor, row.id, `${row.namespace}/${row.name}`, { spec: specOf(row) }, "deployment.deleted");
  return { namespace: row.namespace, name: row.name };
}

export async function removeFromCluster(namespace: string, name: string): Promise<void> {
  const connection = requireConnection();
  await deleteInferenceService(connection, namespace, name);
  await deleteScaledObject(connection, namespace, `${name}-predictor`).catch(() => false);
}

export async function finishDeletion(
  actor: Pick<TActor, "id" | "email"> | { id: null; email: string },
  id: string,
  targetId: string,
  before: unknown,
  action: "deployment.deleted" | "deployment.launch_abandoned",
): Promise<void> {
  await withTransaction(async (tx) => {
    await tx.deployment.delete({ where: { id } });
    await recordAuditEvent(tx, actor, { action, targetType: "deployment", targetId, before, after: null, metadata: { deploymentId: id } });
  });
}
