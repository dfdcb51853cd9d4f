import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route-handler";

/** Who the caller is: their role and teams. Useful to check a sign-in or a token. */
export const GET = apiRoute({ name: "GET /api/v1/me", permission: "fleet.view" }, async (_request, actor) =>
  NextResponse.json({ user: actor }),
);
