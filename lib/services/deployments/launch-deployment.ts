import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, isUniqueViolation, withTransaction, type Deployment } from "@/lib/adapters/db";
import { createInferenceService, getInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import { applyScaledObject } from "@/lib/adapters/k8s/kinds/scaled-object";
import { actorUserId, requirePermission, type TActor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { planDeployment, ZPlanDeploymentInput, type TDeploymentPlan } from "./plan-deployment";
import { requireConnection } from "./read-serving";

// Launch in three steps, so the registry and the cluster never disagree silently:
//   1. reserve: the registry row, state `creating` (the unique name and idempotency key make a
//      double submit create one deployment);
//   2. apply: the InferenceService (and ScaledObject) in the cluster; if that fails the row is
//      removed again, so no orphan record is left;
//   3. confirm: state `active` and the audit event, in one transaction.
// A crash between 1 and 3 leaves a `creating` row; the reconciler adopts the cluster object
// if it exists, or removes the row (audited) if it does not.

export const ZLaunchDeploymentInput = ZPlanDeploymentInput.extend({ idempotencyKey: z.string().min(8).max(200).optional() });
export type TLaunchDeploymentInput = z.input<typeof ZLaunchDeploymentInput>;

export type TLaunchResult = { namespace: string; name: string; id: string; isCreated: boolean };

const resultOf = (row: Deployment, isCreated: boolean): TLaunchResult => ({ namespace: row.namespace, name: row.name, id: row.id, isCreated });

export async function launchDeployment(actor: TActor | null, raw: TLaunchDeploymentInput): Promise<TLaunchResult> {
  requirePermission(actor, "deployment.manage");
  const input = ZLaunchDeploymentInput.parse(raw);
  if (input.idempotencyKey) {
    const existing = await db.deployment.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
    if (existing) return resultOf(existing, false);
  }
  const plan = await planDeployment(actor, input, randomUUID()).catch(async (error: unknown) => {
    // A double submit that lost the race sees the name taken: answer with the winner.
    const winner = input.idempotencyKey ? await db.deployment.findUnique({ where: { idempotencyKey: input.idempotencyKey } }) : null;
    if (winner) return winner;
    throw error;
  });
  if (!("manifests" in plan)) return resultOf(plan, false);
  const row = await reserveDeployment(actor, plan, input.idempotencyKey ?? null);
  if ("existing" in row) return resultOf(row.existing, false);
  const resourceVersion = await applyDeploymentToCluster(plan, row.reserved);
  return resultOf(await confirmDeployment(actor, row.reserved.id, plan, resourceVersion, "deployment.launched"), true);
}

/** Step 1: the registry row in state `creating`. */
export async function reserveDeployment(actor: TActor, plan: TDeploymentPlan, idempotencyKey: string | null): Promise<{ reserved: Deployment } | { existing: Deployment }> {
  const { values } = plan;
  try {
    const reserved = await db.deployment.create({
      data: {
        id: values.deploymentId,
        namespace: values.namespace,
        name: values.name,
        environment: values.environment,
        teamId: plan.teamId,
        modelVersionId: plan.modelVersionId,
        createdById: actorUserId(actor),
        spec: JSON.parse(JSON.stringify(values)) as object,
        state: "creating",
        idempotencyKey,
        pool: values.pool.name,
      },
    });
    return { reserved };
  } catch (error) {
    // A concurrent double submit: whichever constraint fired, the key finds the winner.
    const winner = idempotencyKey && isUniqueViolation(error) ? await db.deployment.findUnique({ where: { idempotencyKey } }) : null;
    if (winner) return { existing: winner };
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `A deployment named ${values.name} already exists in ${values.namespace}. Pick another name.`, { fieldErrors: { name: ["This name is taken in this environment."] } });
    }
    throw error;
  }
}

/** Step 2: the objects in the cluster; removes the reserved row when the cluster refuses. */
export async function applyDeploymentToCluster(plan: TDeploymentPlan, reserved: Pick<Deployment, "id">): Promise<string> {
  const connection = requireConnection();
  const { inferenceService, scaledObject } = plan.manifests;
  try {
    let resourceVersion: string;
    try {
      resourceVersion = (await createInferenceService(connection, inferenceService)).resourceVersion;
    } catch (error) {
      // Already there: ours (a retry after a lost answer) is adopted, anyone else's is a conflict.
      const existing = error instanceof AppError && error.code === "CONFLICT" ? await getInferenceService(connection, inferenceService.metadata.namespace, inferenceService.metadata.name) : null;
      if (existing?.labels["gantry.dev/deployment-id"] !== reserved.id) {
        if (existing) throw new AppError("CONFLICT", `An InferenceService named ${inferenceService.metadata.name} already exists in ${inferenceService.metadata.namespace} and is not managed by this deployment. Pick another name.`, { fieldErrors: { name: ["This name is taken in the cluster."] } });
        throw error;
      }
      resourceVersion = existing.resourceVersion;
    }
    if (scaledObject) await applyScaledObject(connection, scaledObject);
    return resourceVersion;
  } catch (error) {
    await db.deployment.deleteMany({ where: { id: reserved.id, state: "creating" } });
    throw error;
  }
}

/** Step 3 (or the reconciler's adoption): state `active`, audited in the same transaction. */
export async function confirmDeployment(
  actor: Pick<TActor, "id" | "email"> | { id: null; email: string },
  id: string,
  plan: Pick<TDeploymentPlan, "manifests" | "values">,
  resourceVersion: string,
  action: "deployment.launched" | "deployment.adopted",
): Promise<Deployment> {
  return withTransaction(async (tx) => {
    const row = await tx.deployment.update({ where: { id }, data: { state: "active", resourceVersion } });
    await recordAuditEvent(tx, actor, {
      action,
      targetType: "deployment",
      targetId: `${row.namespace}/${row.name}`,
      before: null,
      after: { spec: plan.values, manifests: plan.manifests },
      metadata: { deploymentId: id },
    });
    return row;
  });
}
