import { z } from "zod";
import { db, type Prisma } from "@/lib/adapters/db";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { MODEL_FRAMEWORKS, MODEL_TASKS, type TModelFramework, type TModelTask, type TVersionStatus } from "@/lib/domain/models/model-fields";

export const MODELS_PAGE_SIZE = 25;
export const MODEL_SORTS = { updated: "Recently updated", name: "Name (A–Z)", created: "Newest" } as const;

// Built from URL search params, so every field tolerates absence and junk falls back to defaults.
export const ZListModelsInput = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  team: z.string().trim().max(63).optional().catch(undefined),
  framework: z.enum(MODEL_FRAMEWORKS).optional().catch(undefined),
  task: z.enum(MODEL_TASKS).optional().catch(undefined),
  isDeployed: z.coerce.boolean().optional().catch(undefined),
  sort: z.enum(Object.keys(MODEL_SORTS) as [keyof typeof MODEL_SORTS]).default("updated").catch("updated"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(MODELS_PAGE_SIZE).catch(MODELS_PAGE_SIZE),
});
export type TListModelsInput = z.input<typeof ZListModelsInput>;

export type TModelListRow = {
  name: string;
  team: string;
  task: TModelTask;
  framework: TModelFramework;
  description: string;
  tags: string[];
  versionCount: number;
  latestVersion: { version: number; status: TVersionStatus; registeredAt: string } | null;
  deploymentCount: number;
  updatedAt: string;
};

export type TListModelsResult = { models: TModelListRow[]; total: number; page: number; pageCount: number; teams: string[] };

const ORDER_BY: Record<keyof typeof MODEL_SORTS, Prisma.ModelOrderByWithRelationInput[]> = {
  updated: [{ updatedAt: "desc" }, { name: "asc" }],
  name: [{ name: "asc" }],
  created: [{ createdAt: "desc" }, { name: "asc" }],
};

/**
 * The model list: search over name, description and tags (one trigram-indexed column), filters,
 * sort and pages. Everyone may read every model. Per-page details (latest version, deployments)
 * are fetched for the page's rows only, so the cost does not grow with the registry.
 */
export async function listModels(actor: TActor | null, rawInput: TListModelsInput): Promise<TListModelsResult> {
  requirePermission(actor, "fleet.view");
  const input = ZListModelsInput.parse(rawInput);
  const where: Prisma.ModelWhereInput = {
    ...(input.q ? { searchText: { contains: input.q.toLowerCase() } } : {}),
    ...(input.team ? { team: { slug: input.team } } : {}),
    ...(input.framework ? { framework: input.framework } : {}),
    ...(input.task ? { task: input.task } : {}),
    // Deployments recorded in the registry for now; the cluster-backed view comes later.
    ...(input.isDeployed ? { versions: { some: { deployments: { some: {} } } } } : {}),
  };
  const [rows, total, teams] = await Promise.all([
    db.model.findMany({
      where,
      orderBy: ORDER_BY[input.sort],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        name: true,
        task: true,
        framework: true,
        description: true,
        tags: true,
        updatedAt: true,
        team: { select: { slug: true } },
        _count: { select: { versions: true } },
      },
    }),
    db.model.count({ where }),
    db.team.findMany({ select: { slug: true }, orderBy: { slug: "asc" } }),
  ]);

  const ids = rows.map((row) => row.id);
  const [latest, deployments] = await Promise.all([
    ids.length
      ? db.modelVersion.findMany({
          where: { modelId: { in: ids } },
          distinct: ["modelId"],
          orderBy: [{ modelId: "asc" }, { version: "desc" }],
          select: { modelId: true, version: true, status: true, createdAt: true },
        })
      : [],
    ids.length ? db.deployment.findMany({ where: { modelVersion: { modelId: { in: ids } } }, select: { modelVersion: { select: { modelId: true } } } }) : [],
  ]);
  const latestByModel = new Map(latest.map((row) => [row.modelId, row]));
  const deploymentsByModel = new Map<string, number>();
  for (const { modelVersion } of deployments) deploymentsByModel.set(modelVersion.modelId, (deploymentsByModel.get(modelVersion.modelId) ?? 0) + 1);

  return {
    models: rows.map((row) => {
      const last = latestByModel.get(row.id);
      return {
        name: row.name,
        team: row.team.slug,
        task: row.task as TModelTask,
        framework: row.framework as TModelFramework,
        description: row.description,
        tags: row.tags,
        versionCount: row._count.versions,
        latestVersion: last ? { version: last.version, status: last.status, registeredAt: last.createdAt.toISOString() } : null,
        deploymentCount: deploymentsByModel.get(row.id) ?? 0,
        updatedAt: row.updatedAt.toISOString(),
      };
    }),
    total,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(total / input.pageSize)),
    teams: teams.map((team) => team.slug),
  };
}
