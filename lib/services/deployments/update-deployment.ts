import { z } from "zod";
import { Prisma, withTransaction } from "@/lib/adapters/db";
import { deleteScaledObject, applyScaledObject } from "@/lib/adapters/k8s/kinds/scaled-object";
import { replaceInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import { requirePermission, requireTeamMember, type TActor } from "@/lib/auth/permissions";
import { buildManifests, keepForeignAnnotations, ZManifestInput, type TManifestValues } from "@/lib/domain/deployments/build-manifests";
import { diffLines, toYaml, type TDiffLine } from "@/lib/domain/deployments/yaml-diff";
import { AppError, validationError, type TFieldErrors } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { getDeploymentRowOrThrow, specOf } from "./deployment-views";
import { ZDeploymentAutoscaling, ZDeploymentResources } from "./plan-deployment";
import { requireConnection } from "./read-serving";
import { readUnchanged, writeIfUnchanged } from "./write-inference-service";

// Edit resources and autoscaling, or scale to zero / resume. Optimistic concurrency: the
// caller sends the changeVersion it showed the user; if the cluster object changed since,
// nothing is written and the user sees "changed by someone else" with the new state. The
// registry row, its audit event (before/after) and the cluster write commit together: the
// cluster call runs last inside the transaction, so a refused write rolls the row back.

export const ZUpdateDeploymentInput = z.object({
  namespace: z.string().min(1),
  name: z.string().min(1),
  /** The InferenceService's changeVersion the user saw (spec, labels and annotations). */
  expectedVersion: z.string().min(1, "Reload the deployment and try again."),
  resources: ZDeploymentResources.optional(),
  autoscaling: ZDeploymentAutoscaling.optional(),
  isStopped: z.boolean().optional(),
});
export type TUpdateDeploymentInput = z.input<typeof ZUpdateDeploymentInput>;

export type TUpdatePreview = { ok: true; diff: TDiffLine[]; yaml: string } | { ok: false; fieldErrors: TFieldErrors };

function nextValues(current: TManifestValues, input: z.output<typeof ZUpdateDeploymentInput>): TManifestValues {
  const { resources, autoscaling, isStopped } = input;
  const parsed = ZManifestInput.safeParse({
    ...current,
    ...(resources ? { resources: { cpu: resources.cpu, memory: resources.memory, ...(resources.gpu ? { gpu: resources.gpu } : {}) } } : {}),
    ...(autoscaling ? { autoscaling: { minReplicas: autoscaling.minReplicas, maxReplicas: autoscaling.maxReplicas, ...(autoscaling.target ? { target: autoscaling.target } : {}) } } : {}),
    ...(isStopped !== undefined ? { isStopped } : {}),
  });
  if (!parsed.success) {
    throw validationError(parsed.error.issues);
  }
  return parsed.data;
}

const yamlOf = (values: TManifestValues) => {
  const m = buildManifests(values);
  return toYaml([m.inferenceService, ...(m.scaledObject ? [m.scaledObject] : [])]);
};

/** The YAML diff the edit would apply, or the field errors. */
export async function previewDeploymentUpdate(actor: TActor | null, raw: TUpdateDeploymentInput): Promise<TUpdatePreview> {
  requirePermission(actor, "deployment.manage");
  const input = ZUpdateDeploymentInput.parse(raw);
  const row = await getDeploymentRowOrThrow(input.namespace, input.name);
  try {
    const current = specOf(row);
    const next = nextValues(current, input);
    const yaml = yamlOf(next);
    return { ok: true, diff: diffLines(yamlOf(current), yaml), yaml };
  } catch (error) {
    if (error instanceof AppError && error.code === "VALIDATION") return { ok: false, fieldErrors: error.fieldErrors ?? {} };
    throw error;
  }
}

export async function updateDeployment(actor: TActor | null, raw: TUpdateDeploymentInput): Promise<{ resourceVersion: string }> {
  requirePermission(actor, "deployment.manage");
  const input = ZUpdateDeploymentInput.parse(raw);
  const row = await getDeploymentRowOrThrow(input.namespace, input.name);
  requireTeamMember(actor, row.team, `Deployment ${row.name}`);
  if (row.state !== "active") throw new AppError("CONFLICT", `Deployment ${row.name} is ${row.state}; wait until it is active.`);
  const before = specOf(row);
  const after = nextValues(before, input);
  const connection = requireConnection();
  const live = await readUnchanged(connection, row.namespace, row.name, input.expectedVersion);
  const manifests = buildManifests(after);
  const action = input.isStopped === true ? "deployment.scaled_to_zero" : input.isStopped === false ? "deployment.resumed" : "deployment.updated";
  return withTransaction(
    async (tx) => {
      await tx.deployment.update({ where: { id: row.id }, data: { spec: JSON.parse(JSON.stringify(after)) as object } });
      await recordAuditEvent(tx, actor, { action, targetType: "deployment", targetId: `${row.namespace}/${row.name}`, before: { spec: before }, after: { spec: after }, metadata: { deploymentId: row.id } });
      const updated = await writeIfUnchanged(connection, live, (resourceVersion) => replaceInferenceService(connection, keepForeignAnnotations(manifests.inferenceService, live.annotations), resourceVersion));
      if (manifests.scaledObject) await applyScaledObject(connection, manifests.scaledObject);
      else if (before.autoscaling.target?.kind === "keda") await deleteScaledObject(connection, row.namespace, `${row.name}-predictor`);
      await tx.deployment.update({ where: { id: row.id }, data: { resourceVersion: updated.resourceVersion, drift: Prisma.DbNull, driftDetectedAt: null } });
      return { resourceVersion: updated.resourceVersion };
    },
    { timeout: 20_000 },
  );
}
