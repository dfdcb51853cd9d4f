import { LayoutDashboard } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await requirePageActor("fleet.view");
  return (
    <>
      <PageHeader title={`Welcome, ${actor.name.split(" ")[0]}`} description="The state of the serving fleet at a glance." />
      <EmptyState icon={LayoutDashboard} title="No deployments to watch yet">
        Once models are deployed, this page shows what is unhealthy, which canaries are live, GPU pools close to full,
        and compound alerts such as GPU utilization above 85 % while p99 latency is over its SLO.
      </EmptyState>
    </>
  );
}
