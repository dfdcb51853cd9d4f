import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route-handler";
import { AppError } from "@/lib/errors";
import { getDeploymentMetrics, ZGetDeploymentMetricsInput } from "@/lib/services/metrics/get-deployment-metrics";

export const dynamic = "force-dynamic";

/** GET ?range=15m|1h|6h|24h|7d&runtime=kserve|vllm|triton → the deployment's chart data. */
export const GET = apiRoute<{ namespace: string; name: string }>({ name: "GET /api/v1/metrics/deployments/:namespace/:name", permission: "fleet.view" }, async (request, actor, context) => {
  const { namespace, name } = await context.params;
  const url = new URL(request.url);
  const parsed = ZGetDeploymentMetricsInput.safeParse({ namespace, name, runtime: url.searchParams.get("runtime") ?? undefined, range: url.searchParams.get("range") ?? undefined });
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return NextResponse.json(await getDeploymentMetrics(actor, parsed.data), { headers: { "cache-control": "no-store" } });
});
