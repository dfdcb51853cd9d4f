import { queryOptions } from "@tanstack/react-query";
import { clusterQueryKey, fetchApiJson } from "@/components/live/cluster-queries";
import type { TDeploymentDetail } from "@/lib/services/deployments/get-deployment";
import type { TDeploymentsView, TListDeploymentsInput } from "@/lib/services/deployments/list-deployments";

// Shared by the server pages (prefetch + dehydrate) and the client components (useQuery).
// Keys start with ["cluster", clusterKey], so the event stream refreshes them on every change.

export type TDeploymentFilters = { scope: "all" | "mine" | "team"; q: string; environment: "" | "dev" | "staging" | "prod"; status: string };

export function deploymentsQuery(clusterKey: string, filters: TDeploymentFilters) {
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== "" && v !== "all") as [string, string][]);
  return queryOptions({
    queryKey: [...clusterQueryKey(clusterKey), "deployments", filters satisfies TListDeploymentsInput] as const,
    queryFn: () => fetchApiJson<TDeploymentsView>(`/api/v1/deployments?${params.toString()}`),
    placeholderData: (previous) => previous,
  });
}

export function deploymentQuery(clusterKey: string, namespace: string, name: string) {
  return queryOptions({
    queryKey: [...clusterQueryKey(clusterKey), "deployments", namespace, name] as const,
    queryFn: () => fetchApiJson<TDeploymentDetail>(`/api/v1/deployments/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`),
  });
}
