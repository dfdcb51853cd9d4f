import type { TDbClient } from "@/lib/adapters/db";
import type { TActor } from "@/lib/auth/permissions";

export type TAuditEventInput = {
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  metadata?: Record<string, unknown>;
};

/**
 * Appends an audit event. Call it with the transaction client of the change it records, so
 * the change and its audit row commit or roll back together.
 */
export async function recordAuditEvent(
  tx: TDbClient,
  actor: Pick<TActor, "id" | "email"> | { id: null; email: string },
  event: TAuditEventInput,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      before: toJson(event.before),
      after: toJson(event.after),
      metadata: toJson(event.metadata),
    },
  });
}

// JSON columns take plain JSON; dates and bigints are turned into strings first.
function toJson(value: unknown): object | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as object;
}
