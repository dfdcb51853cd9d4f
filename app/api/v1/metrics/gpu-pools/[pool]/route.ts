import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route-handler";
import { AppError } from "@/lib/errors";
import { getGpuPoolMetrics, ZGetGpuPoolMetricsInput } from "@/lib/services/metrics/get-gpu-pool-metrics";

export const dynamic = "force-dynamic";

/** GET ?range=15m|1h|6h|24h|7d → the pool's utilization over time and per GPU. */
export const GET = apiRoute<{ pool: string }>({ name: "GET /api/v1/metrics/gpu-pools/:pool", permission: "fleet.view" }, async (request, actor, context) => {
  const { pool } = await context.params;
  const parsed = ZGetGpuPoolMetricsInput.safeParse({ pool, range: new URL(request.url).searchParams.get("range") ?? undefined });
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return NextResponse.json(await getGpuPoolMetrics(actor, parsed.data), { headers: { "cache-control": "no-store" } });
});
