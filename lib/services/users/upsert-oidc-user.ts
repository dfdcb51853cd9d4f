import { db } from "@/lib/adapters/db";
import { AppError } from "@/lib/errors";
import type { TRole } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";

/**
 * Creates or updates the user behind an OIDC sign-in. The role follows the identity
 * provider's groups on every sign-in; a change of role is audited.
 */
export async function upsertOidcUser(input: { email: string; name: string; role: TRole }): Promise<{ id: string; role: TRole }> {
  const email = input.email.trim().toLowerCase();
  if (!email) throw new AppError("VALIDATION", "The identity provider did not send an email address.");
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    const user = existing
      ? await tx.user.update({ where: { email }, data: { name: input.name, role: input.role } })
      : await tx.user.create({ data: { email, name: input.name, role: input.role } });
    if (!existing || existing.role !== input.role) {
      await recordAuditEvent(tx, { id: null, email: "oidc" }, {
        action: existing ? "user.role_synced" : "user.created",
        targetType: "user",
        targetId: email,
        before: existing ? { role: existing.role } : undefined,
        after: { role: user.role },
      });
    }
    return { id: user.id, role: user.role };
  });
}
