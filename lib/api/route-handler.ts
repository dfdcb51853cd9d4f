import { NextResponse } from "next/server";
import type { z } from "zod";
import { AppError, HTTP_STATUS_BY_CODE, toPublicError, validationError } from "@/lib/errors";
import { requirePermission, type TActor, type TPermission } from "@/lib/auth/permissions";
import { getCurrentActor } from "@/lib/auth/session";
import { authenticateApiToken } from "@/lib/services/api-tokens/authenticate-api-token";

type TRouteContext<TParams> = { params: Promise<TParams> };

// A team API token may only read and register models, whatever its role would otherwise allow.
const TOKEN_PERMISSIONS: readonly TPermission[] = ["fleet.view", "model.register"];

/**
 * Wraps a route handler: `Authorization: Bearer <team API token>` or a browser session; none or
 * an unknown/revoked token → 401, wrong role → 403 naming what is missing, AppErrors → their
 * status with a reason (field errors → 422), anything else → 500 with a generic message.
 */
export function apiRoute<TParams = Record<string, string>>(
  config: { name: string; permission: TPermission },
  handle: (request: Request, actor: TActor, context: TRouteContext<TParams>) => Promise<Response>,
): (request: Request, context: TRouteContext<TParams>) => Promise<Response> {
  return async (request, context) => {
    try {
      const actor = await resolveApiActor(request);
      if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in, or send a valid API token.");
      if (actor.apiToken && !TOKEN_PERMISSIONS.includes(config.permission)) {
        throw new AppError("FORBIDDEN", "API tokens can read and register models only; this needs a signed-in user.");
      }
      requirePermission(actor, config.permission);
      return await handle(request, actor, context);
    } catch (error) {
      const publicError = toPublicError(error, `route ${config.name}`);
      const status = publicError.code === "VALIDATION" && publicError.fieldErrors ? 422 : HTTP_STATUS_BY_CODE[publicError.code];
      return NextResponse.json({ error: publicError }, { status });
    }
  };
}

/** A bearer token when one is sent (never falling back to the session if it is bad), else the session. */
async function resolveApiActor(request: Request): Promise<TActor | null> {
  const authorization = request.headers.get("authorization");
  if (!authorization) return getCurrentActor();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const actor = match ? await authenticateApiToken(match[1]!) : null;
  if (!actor) throw new AppError("UNAUTHENTICATED", "The API token is invalid or has been revoked. Send `Authorization: Bearer gtry_…`.");
  return actor;
}

/** The JSON body parsed with `schema`: not JSON → 400, invalid fields → 422 with a reason per field. */
export async function readJsonBody<TSchema extends z.ZodType>(request: Request, schema: TSchema): Promise<z.output<TSchema>> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw validationError(parsed.error.issues);
}
