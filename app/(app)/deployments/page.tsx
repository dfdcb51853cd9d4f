import { Rocket } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";

export const metadata = { title: "Deployments" };

export default async function DeploymentsPage() {
  await requirePageActor("fleet.view");
  return (
    <>
      <PageHeader title="Deployments" />
      <EmptyState icon={Rocket} title="No deployments yet">
        KServe InferenceServices launched from registered model versions appear here with their live status, traffic split and endpoint URL.
      </EmptyState>
    </>
  );
}
