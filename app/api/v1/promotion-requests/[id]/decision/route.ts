import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute, readJsonBody } from "@/lib/api/route-handler";
import { decidePromotion } from "@/lib/services/rollouts/decide-promotion";

export const dynamic = "force-dynamic";

const ZDecisionBody = z.object({ decision: z.enum(["approve", "reject"]), comment: z.string().optional() });

/**
 * POST /api/v1/promotion-requests/{id}/decision {decision, comment}: approve or reject. 403
 * for anyone on the request (the requester, the canary's author, who already decided).
 */
export const POST = apiRoute<{ id: string }>({ name: "promotions.decide", permission: "promotion.approve" }, async (request, actor, { params }) => {
  const { id } = await params;
  const body = await readJsonBody(request, ZDecisionBody);
  return NextResponse.json(await decidePromotion(actor, { requestId: id, ...body }));
});
