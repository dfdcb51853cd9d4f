import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { TPromotionRequestView } from "@/lib/services/rollouts/get-rollout";
import { formatAgo, formatTimestamp } from "./format";
import { Decisions, versionChange } from "./promotion-request-card";
import { RequestStatusBadge } from "./request-status-badge";

// Requests that are over: promoted, rejected, withdrawn, void or expired, newest first, each
// with why (the status reason) and who decided with their comments, so the requester learns
// how theirs ended without asking.

export function SettledRequestList({ requests, now }: { requests: TPromotionRequestView[]; now: number }) {
  return (
    <Card>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="settled-requests">
        {requests.map((request) => (
          <li key={request.id} className="px-5 py-3 text-sm" data-testid={`settled-request-${request.namespace}-${request.name}`}>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <RequestStatusBadge status={request.status} />
              <Link href={`/deployments/${request.namespace}/${request.name}`} className="font-medium hover:underline">
                {request.name}
              </Link>
              <span className="text-slate-600 dark:text-slate-400">
                {request.environment} · {versionChange(request)} · requested by {request.requestedBy}{" "}
                <time dateTime={request.createdAt} title={formatTimestamp(request.createdAt)}>
                  {formatAgo(request.createdAt, now)}
                </time>
                {request.appliedAt ? (
                  <>
                    {" "}
                    · promoted{" "}
                    <time dateTime={request.appliedAt} title={formatTimestamp(request.appliedAt)}>
                      {formatAgo(request.appliedAt, now)}
                    </time>
                  </>
                ) : null}
              </span>
            </div>
            {request.statusReason ? <p className="mt-1 text-slate-700 dark:text-slate-300">{request.statusReason}</p> : null}
            {request.approvals.length ? <Decisions approvals={request.approvals} now={now} /> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
