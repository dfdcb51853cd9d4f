import { Badge } from "@/components/ui/badge";
import type { TRequestStatus } from "@/lib/domain/rollouts/promotion-policy";

// A promotion request's status as people say it: "applied" is "Promoted", "cancelled" is
// "Withdrawn" (only the requesting team can cancel), "void" says the deployment moved on.

const STATUSES: Record<TRequestStatus, { label: string; tone: "success" | "danger" | "neutral" | "warning" | "info"; title: string }> = {
  pending: { label: "Pending", tone: "warning", title: "Waiting for approval" },
  approved: { label: "Approved", tone: "info", title: "Approved; the promotion to 100 % has not been applied yet" },
  applied: { label: "Promoted", tone: "success", title: "Approved and promoted: the canary version takes all traffic" },
  rejected: { label: "Rejected", tone: "danger", title: "An approver rejected the request" },
  cancelled: { label: "Withdrawn", tone: "neutral", title: "The requesting team withdrew the request" },
  void: { label: "Void", tone: "neutral", title: "The deployment changed after the request, so its evidence no longer applies" },
  expired: { label: "Expired", tone: "neutral", title: "Not enough approvals before the request expired" },
};

export const REQUEST_STATUS_LABELS: Record<TRequestStatus, string> = Object.fromEntries(
  Object.entries(STATUSES).map(([status, { label }]) => [status, label]),
) as Record<TRequestStatus, string>;

export function RequestStatusBadge({ status }: { status: TRequestStatus }) {
  const { label, tone, title } = STATUSES[status];
  return (
    <Badge tone={tone} className="whitespace-nowrap">
      <span data-testid="request-status" data-status={status} title={title}>
        {label}
      </span>
    </Badge>
  );
}
