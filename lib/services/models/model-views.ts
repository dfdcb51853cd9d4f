import type { Prisma, TDbClient } from "@/lib/adapters/db";
import type { TComparableVersion } from "@/lib/domain/models/compare-version-content";
import type { TMetrics, TModelCard, TModelFramework, TModelTask, TModelVersionView, TModelView } from "@/lib/domain/models/model-fields";

export type { TModelVersionView, TModelView };
import { AppError } from "@/lib/errors";

// The registry's rows as the rest of the app sees them: plain JSON-safe objects (sizes as
// numbers, dates as ISO strings), shared by pages, actions and the REST API.

export const VERSION_INCLUDE = {
  parentVersion: { select: { version: true } },
  registeredBy: { select: { name: true, email: true } },
  registeredByToken: { select: { name: true, prefix: true } },
} satisfies Prisma.ModelVersionInclude;

type TVersionRow = Prisma.ModelVersionGetPayload<{ include: typeof VERSION_INCLUDE }>;
type TModelRow = Prisma.ModelGetPayload<{ include: { team: true } }>;

const EMPTY_CARD: TModelCard = { intendedUse: "", limitations: "", evaluationData: "", ethicalConsiderations: "" };

export function toModelView(row: TModelRow): TModelView {
  return {
    name: row.name,
    team: row.team.slug,
    task: row.task as TModelTask,
    framework: row.framework as TModelFramework,
    description: row.description,
    modelCard: { ...EMPTY_CARD, ...(row.modelCard as Partial<TModelCard>) },
    tags: row.tags,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toModelVersionView(row: TVersionRow): TModelVersionView {
  return {
    version: row.version,
    status: row.status,
    storageUri: row.storageUri,
    modelFormat: row.modelFormat,
    runtimeHint: row.runtimeHint,
    artifactSizeBytes: Number(row.artifactSizeBytes),
    gpuMemoryBytes: row.gpuMemoryBytes === null ? null : Number(row.gpuMemoryBytes),
    gpuMemoryEstimated: row.gpuMemoryEstimated,
    metrics: row.metrics as TMetrics,
    trainingRunId: row.trainingRunId,
    trainingRunUrl: row.trainingRunUrl,
    dataset: row.dataset,
    gitCommit: row.gitCommit,
    parentVersion: row.parentVersion?.version ?? null,
    registeredBy: row.registeredBy?.email ?? (row.registeredByToken ? `API token ${row.registeredByToken.name}` : null),
    registeredAt: row.createdAt.toISOString(),
  };
}

export function toComparableVersion(view: TModelVersionView): TComparableVersion {
  const { storageUri, modelFormat, runtimeHint, artifactSizeBytes, gpuMemoryBytes, metrics, trainingRunId, trainingRunUrl, dataset, gitCommit, parentVersion } = view;
  return { storageUri, modelFormat, runtimeHint, artifactSizeBytes, gpuMemoryBytes, metrics, trainingRunId, trainingRunUrl, dataset, gitCommit, parentVersion };
}

/** A model by its name, with its team; NOT_FOUND naming it otherwise. */
export async function getModelOrThrow(client: TDbClient, name: string): Promise<TModelRow> {
  const model = await client.model.findUnique({ where: { name }, include: { team: true } });
  if (!model) throw new AppError("NOT_FOUND", `There is no model named ${name}.`);
  return model;
}

/** One version of a model; NOT_FOUND naming both otherwise. */
export async function getModelVersionRowOrThrow(client: TDbClient, model: { id: string; name: string }, version: number): Promise<TVersionRow> {
  const row = await client.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version } }, include: VERSION_INCLUDE });
  if (!row) throw new AppError("NOT_FOUND", `Model ${model.name} has no version ${version}.`);
  return row;
}
