import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route-handler";
import { getRollout } from "@/lib/services/rollouts/get-rollout";

export const dynamic = "force-dynamic";

/** GET …/rollout: canary state, configured vs actual split, policy, promotion requests, timeline. */
export const GET = apiRoute<{ namespace: string; name: string }>({ name: "rollouts.get", permission: "fleet.view" }, async (_request, actor, { params }) => {
  const { namespace, name } = await params;
  return NextResponse.json(await getRollout(actor, namespace, name));
});
