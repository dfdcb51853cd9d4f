import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route-handler";
import { getDeploymentOrThrow } from "@/lib/services/deployments/get-deployment";

export const dynamic = "force-dynamic";

/** GET /api/v1/deployments/{namespace}/{name}: record, live status, progress, pods, events. */
export const GET = apiRoute<{ namespace: string; name: string }>({ name: "deployments.get", permission: "fleet.view" }, async (_request, actor, { params }) => {
  const { namespace, name } = await params;
  return NextResponse.json(await getDeploymentOrThrow(actor, namespace, name));
});
