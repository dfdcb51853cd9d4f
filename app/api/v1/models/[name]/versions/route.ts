import { NextResponse } from "next/server";
import { apiRoute, readJsonBody } from "@/lib/api/route-handler";
import { ZModelVersionContent } from "@/lib/domain/models/model-fields";
import { listModelVersions } from "@/lib/services/models/get-model-version";
import { registerModelVersion } from "@/lib/services/models/register-model-version";

type TParams = { name: string };

export const GET = apiRoute<TParams>({ name: "GET /api/v1/models/{name}/versions", permission: "fleet.view" }, async (_request, actor, { params }) => {
  const { name } = await params;
  return NextResponse.json({ versions: await listModelVersions(actor, name) });
});

/** Registers a version: 201 created, 200 same content already registered, 409 same number with other content. */
export const POST = apiRoute<TParams>({ name: "POST /api/v1/models/{name}/versions", permission: "model.register" }, async (request, actor, { params }) => {
  const { name } = await params;
  const content = await readJsonBody(request, ZModelVersionContent);
  const { version, isCreated } = await registerModelVersion(actor, { ...content, modelName: name });
  return NextResponse.json({ version }, { status: isCreated ? 201 : 200 });
});
