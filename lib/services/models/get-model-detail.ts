import { db } from "@/lib/adapters/db";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { computeMetricDeltas, type TMetricDelta } from "@/lib/domain/models/metric-deltas";
import { getModelOrThrow, toModelVersionView, toModelView, VERSION_INCLUDE, type TModelVersionView, type TModelView } from "./model-views";

export type TVersionDeployment = { namespace: string; name: string; environment: string };

export type TModelVersionDetail = TModelVersionView & {
  aliases: string[];
  /** Compared with the next lower version number. */
  metricDeltas: TMetricDelta[];
  comparedWith: number | null;
  deployedAt: TVersionDeployment[];
};

export type TModelDetail = {
  model: TModelView;
  /** Newest first. */
  versions: TModelVersionDetail[];
  aliases: { alias: string; version: number; updatedAt: string }[];
};

/** A model with its versions side by side: metric deltas, aliases, and where each is deployed. */
export async function getModelDetail(actor: TActor | null, name: string): Promise<TModelDetail> {
  requirePermission(actor, "fleet.view");
  const model = await getModelOrThrow(db, name);
  const [versions, aliases] = await Promise.all([
    db.modelVersion.findMany({
      where: { modelId: model.id },
      orderBy: { version: "asc" },
      include: { ...VERSION_INCLUDE, deployments: { select: { namespace: true, name: true, environment: true }, orderBy: { name: "asc" } } },
    }),
    db.modelAlias.findMany({ where: { modelId: model.id }, orderBy: { alias: "asc" }, include: { version: { select: { version: true } } } }),
  ]);
  const details = versions.map((row, index): TModelVersionDetail => {
    const previous = index > 0 ? versions[index - 1]! : null;
    const view = toModelVersionView(row);
    return {
      ...view,
      aliases: aliases.filter((alias) => alias.versionId === row.id).map((alias) => alias.alias),
      metricDeltas: computeMetricDeltas(view.metrics, previous ? toModelVersionView(previous).metrics : null),
      comparedWith: previous?.version ?? null,
      // Deployments recorded in the registry; the cluster-backed view replaces this later.
      deployedAt: row.deployments,
    };
  });
  return {
    model: toModelView(model),
    versions: details.reverse(),
    aliases: aliases.map((alias) => ({ alias: alias.alias, version: alias.version.version, updatedAt: alias.updatedAt.toISOString() })),
  };
}
