import type { z } from "zod";
import { toPublicError, validationError, type TPublicError } from "@/lib/errors";
import { requirePermission, type TActor, type TPermission } from "@/lib/auth/permissions";
import { getCurrentActor } from "@/lib/auth/session";

export type TActionResult<TData> = { ok: true; data: TData } | { ok: false; error: TPublicError };

/**
 * The one way to build a server action. A server action is a public endpoint, so each call:
 * resolves the session (none → UNAUTHENTICATED), checks the permission (→ FORBIDDEN saying
 * what is missing), parses the input with zod (→ VALIDATION with field errors), then runs
 * the service. Errors come back as a typed result, never as raw internals.
 */
export function authedAction<TSchema extends z.ZodType, TData>(
  config: { name: string; permission: TPermission; input: TSchema },
  run: (actor: TActor, input: z.output<TSchema>) => Promise<TData>,
): (input: z.input<TSchema>) => Promise<TActionResult<TData>> {
  return async (rawInput) => {
    try {
      const actor = await getCurrentActor();
      requirePermission(actor, config.permission);
      const parsed = config.input.safeParse(rawInput);
      if (!parsed.success) {
        throw validationError(parsed.error.issues);
      }
      return { ok: true, data: await run(actor, parsed.data) };
    } catch (error) {
      return { ok: false, error: toPublicError(error, `action ${config.name}`) };
    }
  };
}
