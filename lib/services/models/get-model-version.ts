import { db } from "@/lib/adapters/db";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { getModelOrThrow, getModelVersionRowOrThrow, toModelVersionView, VERSION_INCLUDE, type TModelVersionView } from "./model-views";

/** One version of a model (GET /api/v1/models/{name}/versions/{version}). */
export async function getModelVersionOrThrow(actor: TActor | null, modelName: string, version: number): Promise<TModelVersionView> {
  requirePermission(actor, "fleet.view");
  const model = await getModelOrThrow(db, modelName);
  return toModelVersionView(await getModelVersionRowOrThrow(db, model, version));
}

/** All versions of a model, newest first (GET /api/v1/models/{name}/versions). */
export async function listModelVersions(actor: TActor | null, modelName: string): Promise<TModelVersionView[]> {
  requirePermission(actor, "fleet.view");
  const model = await getModelOrThrow(db, modelName);
  const rows = await db.modelVersion.findMany({ where: { modelId: model.id }, orderBy: { version: "desc" }, include: VERSION_INCLUDE });
  return rows.map(toModelVersionView);
}
