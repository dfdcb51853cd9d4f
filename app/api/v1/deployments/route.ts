import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route-handler";
import { listDeployments, ZListDeploymentsInput } from "@/lib/services/deployments/list-deployments";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** GET /api/v1/deployments?scope=all|mine|team&q=&environment=&status= — from the watch cache. */
export const GET = apiRoute({ name: "deployments.list", permission: "fleet.view" }, async (request, actor) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = ZListDeploymentsInput.safeParse(params);
  if (!parsed.success) throw new AppError("VALIDATION", "The filters are not valid.");
  return NextResponse.json(await listDeployments(actor, parsed.data));
});
