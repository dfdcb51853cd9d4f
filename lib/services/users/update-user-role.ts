import { z } from "zod";
import { db } from "@/lib/adapters/db";
import { AppError } from "@/lib/errors";
import { ROLES, requirePermission, type TActor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";

export const ZUpdateUserRoleInput = z.object({
  userId: z.uuid({ error: "Pick a user." }),
  role: z.enum(ROLES, { error: "Role must be viewer, engineer, approver or admin." }),
});
export type TUpdateUserRoleInput = z.infer<typeof ZUpdateUserRoleInput>;

/** Changes a user's role (admins only). Admins cannot demote themselves, so one always remains. */
export async function updateUserRole(actor: TActor | null, input: TUpdateUserRoleInput): Promise<{ id: string; role: string }> {
  requirePermission(actor, "admin.users.manage");
  if (input.userId === actor.id && input.role !== "admin") {
    throw new AppError("VALIDATION", "You cannot remove your own admin role; ask another admin.", {
      fieldErrors: { role: ["You cannot remove your own admin role."] },
    });
  }
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId } });
    if (!before) throw new AppError("NOT_FOUND", "That user no longer exists.");
    if (before.role === input.role) return { id: before.id, role: before.role };
    const after = await tx.user.update({ where: { id: input.userId }, data: { role: input.role } });
    await recordAuditEvent(tx, actor, {
      action: "user.role_changed",
      targetType: "user",
      targetId: after.email,
      before: { role: before.role },
      after: { role: after.role },
    });
    return { id: after.id, role: after.role };
  });
}
