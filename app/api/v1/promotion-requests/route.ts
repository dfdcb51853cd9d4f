import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route-handler";
import { listPromotionRequests } from "@/lib/services/rollouts/list-promotion-requests";

export const dynamic = "force-dynamic";

/** GET /api/v1/promotion-requests: open requests (oldest first) and the recently settled ones. */
export const GET = apiRoute({ name: "promotions.list", permission: "fleet.view" }, async (_request, actor) => NextResponse.json(await listPromotionRequests(actor)));
