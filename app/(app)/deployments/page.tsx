import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { deploymentsQuery, type TDeploymentFilters } from "@/components/deployments/deployment-queries";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/session";
import { listDeployments } from "@/lib/services/deployments/list-deployments";
import { DeploymentsClient } from "./deployments-client";

export const metadata = { title: "Deployments" };

const pick = <T extends string>(value: string | string[] | undefined, allowed: readonly T[], fallback: T): T =>
  typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

export default async function DeploymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("fleet.view");
  const params = await searchParams;
  const filters: TDeploymentFilters = {
    scope: pick(params.scope, ["all", "mine", "team"] as const, "all"),
    q: typeof params.q === "string" ? params.q.slice(0, 100) : "",
    environment: pick(params.environment, ["", "dev", "staging", "prod"] as const, ""),
    status: typeof params.status === "string" ? params.status : "",
  };
  const view = await listDeployments(actor, filters);
  const queryClient = new QueryClient();
  queryClient.setQueryData(deploymentsQuery(view.clusterKey, filters).queryKey, view);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <DeploymentsClient clusterKey={view.clusterKey} initialFilters={filters} canLaunch={hasPermission(actor.role, "deployment.manage")} />
    </HydrationBoundary>
  );
}
