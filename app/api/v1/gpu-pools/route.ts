import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route-handler";
import { listGpuPools } from "@/lib/services/gpu-pools/list-gpu-pools";

export const dynamic = "force-dynamic";

/** GET /api/v1/gpu-pools: every pool with capacity, pending pods, deployments and cost. */
export const GET = apiRoute({ name: "listGpuPools", permission: "fleet.view" }, async (_request, actor) => NextResponse.json(await listGpuPools(actor)));
