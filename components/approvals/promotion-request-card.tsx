import { Clock, MessageSquareQuote } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { TPromotionRequestView } from "@/lib/services/rollouts/get-rollout";
import { EvidenceSummary } from "./evidence-summary";
import { formatAgo, formatSpan, formatTimestamp } from "./format";
import { RequestStatusBadge } from "./request-status-badge";

// One open promotion request, for the approver who has to decide on it: what would change,
// who asks and why, how long it stays open, the decisions so far, and the evidence. The
// controls (approve, reject, retry, withdraw) come in as `actions`, so this stays presentational.

export function versionChange(request: Pick<TPromotionRequestView, "evidence" | "canaryVersion">): string {
  const stable = request.evidence?.versions.stable.version;
  const canary = request.canaryVersion ?? request.evidence?.versions.canary.version;
  return `${stable !== undefined ? `v${stable}` : "stable"} → ${canary !== undefined && canary !== null ? `v${canary}` : "canary"}`;
}

export function PromotionRequestCard({ request, now, actions }: { request: TPromotionRequestView; now: number; actions?: ReactNode }) {
  const approvals = request.approvals.filter((a) => a.decision === "approve").length;
  const expiresInMs = request.expiresAt ? new Date(request.expiresAt).getTime() - now : null;
  return (
    <Card className="overflow-hidden" data-testid={`promotion-request-${request.namespace}-${request.name}`}>
      <header className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3 border-b border-slate-200 px-5 py-4 dark:border-slate-800">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <RequestStatusBadge status={request.status} />
            <h3 className="text-base font-semibold">
              <Link href={`/deployments/${request.namespace}/${request.name}`} className="hover:underline">
                {request.name}
              </Link>
            </h3>
            <Badge tone={request.environment === "prod" ? "danger" : "neutral"}>{request.environment}</Badge>
          </div>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            <span className="font-mono text-xs">{request.namespace}</span> · team {request.team} · model {request.model}
          </p>
          <p className="text-sm">
            Promote <strong className="font-semibold">{versionChange(request)}</strong> from {request.canaryPercent} % to 100 % of traffic
          </p>
        </div>
        <dl className="grid shrink-0 grid-cols-[auto_auto] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500">Approvals</dt>
          <dd className="font-medium" data-testid="approvals-count">
            {approvals} of {request.approvalsRequired}
          </dd>
          {request.expiresAt && request.status === "pending" ? (
            <>
              <dt className="text-slate-500">Expires</dt>
              <dd className={expiresInMs !== null && expiresInMs < 6 * 3_600_000 ? "font-medium text-amber-700 dark:text-amber-300" : "font-medium"}>
                <span className="inline-flex items-center gap-1" title={formatTimestamp(request.expiresAt)}>
                  <Clock aria-hidden className="size-3.5" />
                  {expiresInMs !== null && expiresInMs > 0 ? `in ${formatSpan(expiresInMs)}` : "now"}
                </span>
              </dd>
            </>
          ) : null}
        </dl>
      </header>

      <div className="space-y-5 px-5 py-4">
        <div className="text-sm">
          <p className="text-slate-600 dark:text-slate-400">
            Requested by <span className="font-medium text-slate-900 dark:text-slate-100">{request.requestedBy}</span>{" "}
            <time dateTime={request.createdAt} title={formatTimestamp(request.createdAt)}>
              {formatAgo(request.createdAt, now)}
            </time>
          </p>
          {request.note ? (
            <blockquote className="mt-2 flex gap-2 rounded-md bg-slate-50 px-3 py-2 text-slate-800 dark:bg-slate-800/60 dark:text-slate-200">
              <MessageSquareQuote aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-400" />
              <span className="whitespace-pre-line">{request.note}</span>
            </blockquote>
          ) : null}
          {request.approvals.length ? <Decisions approvals={request.approvals} now={now} /> : null}
        </div>

        {request.evidence ? (
          <EvidenceSummary evidence={request.evidence} now={now} />
        ) : (
          <p className="text-sm text-slate-500">No evidence was recorded with this request.</p>
        )}
      </div>

      {actions ? <footer className="border-t border-slate-200 bg-slate-50/60 px-5 py-4 dark:border-slate-800 dark:bg-slate-950/30">{actions}</footer> : null}
    </Card>
  );
}

/** Who approved or rejected, with their comments. */
export function Decisions({ approvals, now }: { approvals: TPromotionRequestView["approvals"]; now: number }) {
  return (
    <ul className="mt-3 space-y-1.5" aria-label="Decisions so far">
      {approvals.map((a) => (
        <li key={`${a.by}-${a.at}`} className="flex flex-wrap items-baseline gap-x-2">
          <Badge tone={a.decision === "approve" ? "success" : "danger"}>{a.decision === "approve" ? "Approved" : "Rejected"}</Badge>
          <span className="font-medium">{a.by}</span>
          <time dateTime={a.at} title={formatTimestamp(a.at)} className="text-xs text-slate-500">
            {formatAgo(a.at, now)}
          </time>
          {a.comment ? <span className="basis-full text-slate-700 dark:text-slate-300">“{a.comment}”</span> : null}
        </li>
      ))}
    </ul>
  );
}
