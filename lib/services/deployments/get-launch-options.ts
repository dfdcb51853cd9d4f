import { db } from "@/lib/adapters/db";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { DEPLOYMENT_TEMPLATES, defaultResources, type TDeploymentTemplate, type TResourceDefaults } from "@/lib/domain/deployments/defaults";
import { FRAMEWORKS, RUNTIME_OPTIONS_BY_FRAMEWORK, type TFramework, type TRuntimeOption } from "@/lib/domain/deployments/runtimes";
import { listGpuPools } from "@/lib/services/gpu-pools/list-gpu-pools";
import { listEnvironments, type TEnvironmentView } from "./list-environments";

// Everything the launch wizard offers: the models the actor may deploy (their teams' models;
// every model for admins) with their versions and defaults, the environments, and the pools
// with their free capacity.

export type TLaunchModel = {
  name: string;
  team: string;
  framework: TFramework;
  runtimes: readonly TRuntimeOption[];
  versions: { version: number; status: string; storageUri: string; sizeBytes: number; gpuMemoryBytes: number | null; defaults: TResourceDefaults }[];
};

export type TLaunchPool = { name: string; gpuProduct: string | null; gpuMemoryMiB: number | null; freeGpus: number; totalGpus: number; sharing: string | null; migProfiles: { profile: string; free: number; capacity: number }[]; readyNodes: number };

export type TLaunchOptions = { models: TLaunchModel[]; environments: TEnvironmentView[]; environmentsError: string | null; pools: TLaunchPool[]; templates: readonly TDeploymentTemplate[] };

export async function getLaunchOptions(actor: TActor | null): Promise<TLaunchOptions> {
  requirePermission(actor, "deployment.manage");
  const teamFilter = actor.role === "admin" ? {} : { teamId: { in: actor.teams.map((team) => team.id) } };
  const [models, environments, pools] = await Promise.all([
    db.model.findMany({
      where: { ...teamFilter, framework: { in: [...FRAMEWORKS] } },
      include: { team: { select: { slug: true } }, versions: { where: { status: { not: "archived" } }, orderBy: { version: "desc" } } },
      orderBy: { name: "asc" },
    }),
    listEnvironments(actor),
    listGpuPools(actor),
  ]);
  const teamSlugs = new Set(actor.teams.map((team) => team.slug));
  return {
    models: models.map((model) => {
      const framework = model.framework as TFramework;
      return {
        name: model.name,
        team: model.team.slug,
        framework,
        runtimes: RUNTIME_OPTIONS_BY_FRAMEWORK[framework],
        versions: model.versions.map((v) => ({
          version: v.version,
          status: v.status,
          storageUri: v.storageUri,
          sizeBytes: Number(v.artifactSizeBytes),
          gpuMemoryBytes: v.gpuMemoryBytes === null ? null : Number(v.gpuMemoryBytes),
          defaults: defaultResources(framework, Number(v.artifactSizeBytes), v.runtimeHint === "vllm" ? "kserve-vllmserver" : undefined),
        })),
      };
    }),
    // Engineers see the environments of their teams (and unowned ones); admins see all.
    environments: {
      ...environments,
      environments: environments.environments.filter((env) => actor.role === "admin" || !env.team || teamSlugs.has(env.team)),
    }.environments,
    environmentsError: environments.error,
    pools: pools.pools
      .filter((pool) => pool.label)
      .map((pool) => ({
        name: pool.name,
        gpuProduct: pool.gpu?.product ?? null,
        gpuMemoryMiB: pool.gpu?.memoryMiB ?? null,
        freeGpus: pool.units.free,
        totalGpus: pool.units.capacity,
        sharing: pool.gpu?.sharing ?? null,
        migProfiles: pool.mig.map((m) => ({ profile: m.profile, free: m.free, capacity: m.capacity })),
        readyNodes: pool.readyNodeCount,
      })),
    templates: DEPLOYMENT_TEMPLATES,
  };
}
