import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route-handler";
import { getDeploymentCanaryEvidence } from "@/lib/services/rollouts/get-canary-evidence";

export const dynamic = "force-dynamic";

/** GET …/canary-evidence: canary vs stable metrics, the verdict and what promotion waits for. */
export const GET = apiRoute<{ namespace: string; name: string }>({ name: "rollouts.evidence", permission: "fleet.view" }, async (_request, actor, { params }) => {
  const { namespace, name } = await params;
  return NextResponse.json(await getDeploymentCanaryEvidence(actor, namespace, name));
});
