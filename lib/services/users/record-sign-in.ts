import { db } from "@/lib/adapters/db";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";

/** Stamps the user's last sign-in and appends a `user.signed_in` audit event. */
export async function recordSignIn(input: { userId: string; provider: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: input.userId }, data: { lastSignInAt: new Date() } });
    await recordAuditEvent(tx, { id: user.id, email: user.email }, {
      action: "user.signed_in",
      targetType: "user",
      targetId: user.email,
      metadata: { provider: input.provider },
    });
  });
}
