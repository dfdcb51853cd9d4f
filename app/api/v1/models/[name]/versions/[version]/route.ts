import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route-handler";
import { AppError } from "@/lib/errors";
import { getModelVersionOrThrow } from "@/lib/services/models/get-model-version";

export const GET = apiRoute<{ name: string; version: string }>(
  { name: "GET /api/v1/models/{name}/versions/{version}", permission: "fleet.view" },
  async (_request, actor, { params }) => {
    const { name, version } = await params;
    const number = Number(version);
    if (!Number.isInteger(number) || number < 1) throw new AppError("NOT_FOUND", `"${version}" is not a version number.`);
    return NextResponse.json({ version: await getModelVersionOrThrow(actor, name, number) });
  },
);
