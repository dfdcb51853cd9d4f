import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route-handler";
import { getModelDetail } from "@/lib/services/models/get-model-detail";

/** A model with its model card, aliases and versions (newest first). */
export const GET = apiRoute<{ name: string }>({ name: "GET /api/v1/models/{name}", permission: "fleet.view" }, async (_request, actor, { params }) => {
  const { name } = await params;
  const { model, versions, aliases } = await getModelDetail(actor, name);
  return NextResponse.json({ model, aliases, versions: versions.map(({ metricDeltas: _deltas, comparedWith: _with, deployedAt: _at, aliases: _aliases, ...version }) => version) });
});
