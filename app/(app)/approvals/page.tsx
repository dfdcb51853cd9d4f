import { CheckCircle2 } from "lucide-react";
import { PromotionRequestCard, versionChange } from "@/components/approvals/promotion-request-card";
import { requestTime } from "@/components/approvals/format";
import { SettledRequestList } from "@/components/approvals/settled-request-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/session";
import { listPromotionRequests } from "@/lib/services/rollouts/list-promotion-requests";
import { FeedbackProvider } from "./feedback-client";
import { RequestActionsClient } from "./request-actions-client";

export const metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const actor = await requirePageActor("fleet.view");
  const { open, recent } = await listPromotionRequests(actor);
  const now = requestTime();
  const isApprover = hasPermission(actor.role, "promotion.approve");
  return (
    <>
      <PageHeader
        title="Approvals"
        description={
          isApprover
            ? "Canaries waiting to be promoted to 100 % of traffic, oldest first (they expire first). Read the evidence, then approve or reject; you cannot decide on a promotion you requested or a canary you started."
            : "Canaries waiting to be promoted to 100 % of traffic, with the evidence they were requested with. Approvers decide; every decision is in the audit log."
        }
      />
      <FeedbackProvider>
        <section aria-labelledby="open-requests" className="space-y-4">
          <h2 id="open-requests" className="text-lg font-semibold">
            Waiting for a decision <span className="text-slate-500">({open.length})</span>
          </h2>
          {open.length === 0 ? (
            <EmptyState icon={CheckCircle2} title="Nothing waiting for approval">
              When an engineer requests promotion of a canary in an environment that needs approval, the request appears here with its evidence: canary versus stable error rate and latency,
              sample size and duration, and the registry metrics of both versions.
            </EmptyState>
          ) : (
            open.map((request) => (
              <PromotionRequestCard
                key={request.id}
                request={request}
                now={now}
                actions={
                  <RequestActionsClient
                    requestId={request.id}
                    name={request.name}
                    team={request.team}
                    status={request.status}
                    change={versionChange(request)}
                    canaryVersion={request.canaryVersion}
                    approvalsSoFar={request.approvals.filter((a) => a.decision === "approve").length}
                    approvalsRequired={request.approvalsRequired}
                    whyCannotDecide={request.whyCannotDecide}
                    promoteError={request.promoteError}
                    promoteAttempts={request.promoteAttempts}
                    canRetry={request.canRetry}
                    canCancel={request.canCancel}
                  />
                }
              />
            ))
          )}
        </section>
        <section aria-labelledby="settled-requests" className="mt-10 space-y-4">
          <h2 id="settled-requests" className="text-lg font-semibold">
            Recently settled <span className="text-sm font-normal text-slate-500">(last 14 days)</span>
          </h2>
          {recent.length === 0 ? <p className="text-sm text-slate-500">No promotion requests were settled in the last 14 days.</p> : <SettledRequestList requests={recent} now={now} />}
        </section>
      </FeedbackProvider>
    </>
  );
}

