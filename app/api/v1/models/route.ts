import { NextResponse } from "next/server";
import { apiRoute, readJsonBody } from "@/lib/api/route-handler";
import { listModels } from "@/lib/services/models/list-models";
import { registerModel, ZRegisterModelInput } from "@/lib/services/models/register-model";

/** Models, searched, filtered and paged by the same query parameters as the /models page. */
export const GET = apiRoute({ name: "GET /api/v1/models", permission: "fleet.view" }, async (request, actor) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return NextResponse.json(await listModels(actor, params));
});

/** Registers a model: 201 when created, 200 when it already exists with the same details, 409 otherwise. */
export const POST = apiRoute({ name: "POST /api/v1/models", permission: "model.register" }, async (request, actor) => {
  const input = await readJsonBody(request, ZRegisterModelInput);
  const { model, isCreated } = await registerModel(actor, input);
  return NextResponse.json({ model }, { status: isCreated ? 201 : 200 });
});
