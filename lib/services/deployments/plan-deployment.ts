import { z } from "zod";
import { db } from "@/lib/adapters/db";
import { listEnvironmentNamespaces } from "@/lib/adapters/k8s/kinds/namespace";
import { requirePermission, requireTeamMember, type TActor } from "@/lib/auth/permissions";
import { buildManifests, DEPLOYMENT_MODES, ZManifestInput, type TBuiltManifests, type TManifestValues } from "@/lib/domain/deployments/build-manifests";
import { estimateServingMemoryBytes } from "@/lib/domain/deployments/defaults";
import { isEnvironment } from "@/lib/domain/deployments/environments";
import { FRAMEWORKS, type TFramework } from "@/lib/domain/deployments/runtimes";
import { kubectlApplyCommand, toYaml } from "@/lib/domain/deployments/yaml-diff";
import type { TFitVerdict } from "@/lib/domain/gpu/fit-verdict";
import { AppError, fieldErrorsFromIssues, type TFieldErrors } from "@/lib/errors";
import { checkFit } from "@/lib/services/gpu-pools/check-fit";
import { listGpuPools } from "@/lib/services/gpu-pools/list-gpu-pools";
import { requireConnection } from "./read-serving";

// From what the wizard collects to the exact manifests: resolves the model version, the
// environment (from the namespace's label), the pool (its selector, GPU product and taints),
// validates everything with the builder's plain-word rules, and runs the fit check.

export const ZDeploymentResources = z.object({
  cpu: z.string().trim().min(1, "Give a CPU amount such as 2 or 500m."),
  memory: z.string().trim().min(1, "Give a memory amount such as 16Gi."),
  gpu: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("whole"), count: z.number().int() }),
      z.object({ kind: z.literal("mig"), profile: z.string(), count: z.number().int() }),
    ])
    .nullish(),
});

export const ZDeploymentAutoscaling = z.object({
  minReplicas: z.number().int(),
  maxReplicas: z.number().int(),
  target: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.enum(["concurrency", "rps"]), value: z.number() }),
      z.object({ kind: z.literal("keda"), serverAddress: z.string(), query: z.string(), threshold: z.number() }),
    ])
    .nullish(),
});

export const ZPlanDeploymentInput = z.object({
  name: z.string(),
  namespace: z.string().min(1, "Pick an environment."),
  modelName: z.string().min(1, "Pick a model."),
  version: z.number().int().positive("Pick a version."),
  runtime: z.string().nullish(),
  mode: z.enum(DEPLOYMENT_MODES).default("Knative"),
  pool: z.string().min(1, "Pick a pool."),
  resources: ZDeploymentResources,
  autoscaling: ZDeploymentAutoscaling,
});
export type TPlanDeploymentInput = z.input<typeof ZPlanDeploymentInput>;

export type TDeploymentPlan = {
  values: TManifestValues;
  manifests: TBuiltManifests;
  yaml: string;
  kubectl: string;
  teamId: string;
  modelVersionId: string;
  fit: TFitVerdict | null;
};

export type TPlanPreview = { ok: true; plan: Omit<TDeploymentPlan, "teamId" | "modelVersionId"> } | { ok: false; fieldErrors: TFieldErrors };

function toFieldErrors(error: z.ZodError): TFieldErrors {
  return fieldErrorsFromIssues(error.issues);
}

/** Validates and builds; throws VALIDATION with field errors in plain words. */
export async function planDeployment(actor: TActor | null, raw: TPlanDeploymentInput, deploymentId: string): Promise<TDeploymentPlan> {
  requirePermission(actor, "deployment.manage");
  const input = ZPlanDeploymentInput.parse(raw);
  const model = await db.model.findUnique({ where: { name: input.modelName }, include: { team: true } });
  if (!model) throw new AppError("VALIDATION", "Some fields need attention.", { fieldErrors: { modelName: [`There is no model named ${input.modelName}.`] } });
  requireTeamMember(actor, model.team, `Model ${model.name}`);
  const version = await db.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version: input.version } } });
  if (!version) throw new AppError("VALIDATION", "Some fields need attention.", { fieldErrors: { version: [`Model ${model.name} has no version ${input.version}.`] } });
  if (version.status === "archived") throw new AppError("VALIDATION", "Some fields need attention.", { fieldErrors: { version: [`Version ${input.version} is archived; pick an active version.`] } });

  const connection = requireConnection();
  const namespaces = await listEnvironmentNamespaces(connection);
  const namespace = namespaces.find((ns) => ns.name === input.namespace);
  if (!namespace || !isEnvironment(namespace.environment)) {
    throw new AppError("VALIDATION", "Some fields need attention.", { fieldErrors: { namespace: [`Namespace ${input.namespace} is not a Gantry environment (it needs the gantry.dev/environment label).`] } });
  }
  const taken = await db.deployment.findUnique({ where: { namespace_name: { namespace: input.namespace, name: input.name } }, select: { id: true } });
  if (taken && taken.id !== deploymentId) {
    throw new AppError("VALIDATION", "Some fields need attention.", { fieldErrors: { name: [`A deployment named ${input.name} already exists in ${input.namespace}; pick another name.`] } });
  }
  const { pools } = await listGpuPools(actor);
  const pool = pools.find((p) => p.name === input.pool);
  if (!pool || !pool.label) throw new AppError("VALIDATION", "Some fields need attention.", { fieldErrors: { pool: [`There is no node pool named ${input.pool} in the cluster.`] } });

  const framework = (FRAMEWORKS as readonly string[]).includes(model.framework) ? (model.framework as TFramework) : null;
  if (!framework) throw new AppError("VALIDATION", `Model ${model.name} has framework ${model.framework}, which Gantry cannot serve yet.`);
  const sizeBytes = Number(version.artifactSizeBytes);
  const parsed = ZManifestInput.safeParse({
    deploymentId,
    name: input.name,
    namespace: input.namespace,
    environment: namespace.environment,
    team: model.team.slug,
    model: { name: model.name, framework },
    version: { version: version.version, storageUri: version.storageUri, requiredMemoryBytes: estimateServingMemoryBytes(sizeBytes), sizeBytes },
    ...(input.runtime ? { runtime: input.runtime } : {}),
    mode: input.mode,
    pool: {
      name: pool.name,
      labelKey: pool.label,
      ...(pool.gpu?.product ? { gpuProduct: pool.gpu.product } : {}),
      taints: pool.taints
        .map(({ taint }) => taint)
        .filter((taint) => ["NoSchedule", "PreferNoSchedule", "NoExecute"].includes(taint.effect) && !taint.key.startsWith("node.kubernetes.io/"))
        .map((taint) => ({ key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect as "NoSchedule" })),
    },
    resources: { cpu: input.resources.cpu, memory: input.resources.memory, ...(input.resources.gpu ? { gpu: input.resources.gpu } : {}) },
    autoscaling: { minReplicas: input.autoscaling.minReplicas, maxReplicas: input.autoscaling.maxReplicas, ...(input.autoscaling.target ? { target: input.autoscaling.target } : {}) },
  });
  if (!parsed.success) throw new AppError("VALIDATION", "Some fields need attention.", { fieldErrors: toFieldErrors(parsed.error) });
  const values = parsed.data;
  const manifests = buildManifests(values);
  const objects = [manifests.inferenceService, ...(manifests.scaledObject ? [manifests.scaledObject] : [])];
  const yaml = toYaml(objects);
  const gpu = values.resources.gpu;
  const fit = await checkFit(actor, {
    pool: pool.name,
    cpu: values.resources.cpu,
    memory: values.resources.memory,
    gpus: gpu ? gpu.count : 0,
    migProfile: gpu?.kind === "mig" ? gpu.profile : null,
    replicas: Math.max(1, values.autoscaling.minReplicas),
    tolerations: [],
  }).catch(() => null);
  return { values, manifests, yaml, kubectl: kubectlApplyCommand(values.namespace, yaml), teamId: model.teamId, modelVersionId: version.id, fit };
}

/** The wizard's review: the plan, or the field errors, never a thrown validation error. */
export async function previewDeployment(actor: TActor | null, raw: TPlanDeploymentInput): Promise<TPlanPreview> {
  try {
    const { teamId: _team, modelVersionId: _version, ...plan } = await planDeployment(actor, raw, "00000000-0000-4000-8000-000000000000");
    return { ok: true, plan };
  } catch (error) {
    if (error instanceof AppError && error.code === "VALIDATION") return { ok: false, fieldErrors: error.fieldErrors ?? { _: [error.message] } };
    if (error instanceof z.ZodError) return { ok: false, fieldErrors: toFieldErrors(error) };
    throw error;
  }
}
