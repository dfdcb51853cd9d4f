import { CheckCircle2 } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";

export const metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  await requirePageActor("fleet.view");
  return (
    <>
      <PageHeader title="Approvals" />
      <EmptyState icon={CheckCircle2} title="No promotion requests">
        Requests to promote a canary to 100 % traffic appear here with their evidence: canary versus stable latency and errors, sample size and duration. Approvers sign them off.
      </EmptyState>
    </>
  );
}
