import { db } from "@/lib/adapters/db";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { objectKeyOf, readServingIndex } from "@/lib/services/deployments/read-serving";
import { liveDeploymentOf, REQUEST_INCLUDE, settleRequest } from "./promotion-requests";
import { toRequestView, type TPromotionRequestView } from "./get-rollout";

// The approvals queue: pending requests first (oldest first: they expire first), then the
// recently settled ones so everyone involved sees how theirs ended.

const RECENT_DAYS = 14;

export async function listPromotionRequests(actor: TActor | null): Promise<{ open: TPromotionRequestView[]; recent: TPromotionRequestView[] }> {
  requirePermission(actor, "fleet.view");
  const since = new Date(Date.now() - RECENT_DAYS * 86_400_000);
  const [rows, index] = await Promise.all([
    db.promotionRequest.findMany({ where: { OR: [{ status: { in: ["pending", "approved"] } }, { createdAt: { gte: since } }] }, include: REQUEST_INCLUDE, orderBy: { createdAt: "asc" }, take: 200 }),
    readServingIndex(),
  ]);
  const now = new Date();
  const views = await Promise.all(
    rows.map(async (row) => {
      const isvc = index.isvcByKey.get(objectKeyOf(row.deployment.namespace, row.deployment.name)) ?? null;
      return toRequestView(actor, row, await settleRequest(row, liveDeploymentOf(row, isvc), now));
    }),
  );
  const isOpen = (v: TPromotionRequestView) => v.status === "pending" || v.status === "approved";
  return { open: views.filter(isOpen), recent: views.filter((v) => !isOpen(v)).reverse() };
}

/** For the navigation badge: requests waiting for a decision. */
export async function countPendingPromotionRequests(actor: TActor | null): Promise<number> {
  requirePermission(actor, "fleet.view");
  return db.promotionRequest.count({ where: { status: "pending", OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });
}
