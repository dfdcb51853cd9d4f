import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route-handler";
import { getGpuPoolOrThrow } from "@/lib/services/gpu-pools/get-gpu-pool";

export const dynamic = "force-dynamic";

/** GET /api/v1/gpu-pools/:pool: one pool with its nodes and the pods and deployments on them. */
export const GET = apiRoute<{ pool: string }>({ name: "getGpuPool", permission: "fleet.view" }, async (_request, actor, { params }) =>
  NextResponse.json(await getGpuPoolOrThrow(actor, (await params).pool)),
);
