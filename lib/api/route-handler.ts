import { NextResponse } from "next/server";
import { AppError, HTTP_STATUS_BY_CODE, toPublicError } from "@/lib/errors";
import { requirePermission, type TActor, type TPermission } from "@/lib/auth/permissions";
import { getCurrentActor } from "@/lib/auth/session";

type TRouteContext<TParams> = { params: Promise<TParams> };

/**
 * Wraps a route handler: no session → 401, wrong role → 403 naming what is missing,
 * AppErrors → their status with a reason, anything else → 500 with a generic message.
 */
export function apiRoute<TParams = Record<string, string>>(
  config: { name: string; permission: TPermission },
  handle: (request: Request, actor: TActor, context: TRouteContext<TParams>) => Promise<Response>,
): (request: Request, context: TRouteContext<TParams>) => Promise<Response> {
  return async (request, context) => {
    try {
      const actor = await getCurrentActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in, or send a valid API token.");
      requirePermission(actor, config.permission);
      return await handle(request, actor, context);
    } catch (error) {
      const publicError = toPublicError(error, `route ${config.name}`);
      return NextResponse.json({ error: publicError }, { status: HTTP_STATUS_BY_CODE[publicError.code] });
    }
  };
}
