import { z } from "zod";
import { db } from "@/lib/adapters/db";
import { requirePermission, type TActor } from "@/lib/auth/permissions";

export const AUDIT_PAGE_SIZE = 50;

export const ZListAuditEventsInput = z.object({
  actor: z.string().trim().max(200).optional(),
  action: z.string().trim().max(200).optional(),
  target: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type TListAuditEventsInput = z.infer<typeof ZListAuditEventsInput>;

export type TAuditEventRow = {
  id: string;
  at: Date;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  metadata: unknown;
};

/** Audit events, newest first, filtered by actor email, action and target (type or id), paged. */
export async function listAuditEvents(
  actor: TActor | null,
  input: TListAuditEventsInput,
): Promise<{ events: TAuditEventRow[]; total: number; page: number; pageCount: number; actions: string[] }> {
  requirePermission(actor, "audit.view");
  const where = {
    ...(input.actor ? { actorEmail: { contains: input.actor, mode: "insensitive" as const } } : {}),
    ...(input.action ? { action: input.action } : {}),
    ...(input.target
      ? {
          OR: [
            { targetId: { contains: input.target, mode: "insensitive" as const } },
            { targetType: { equals: input.target, mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
  const [rows, total, actionRows] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (input.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  return {
    events: rows.map((row) => ({
      id: row.id.toString(),
      at: row.at,
      actorEmail: row.actorEmail,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      before: row.before,
      after: row.after,
      metadata: row.metadata,
    })),
    total,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    actions: actionRows.map((row) => row.action),
  };
}
