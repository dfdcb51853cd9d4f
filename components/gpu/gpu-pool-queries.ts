import { queryOptions } from "@tanstack/react-query";
import { clusterQueryKey, fetchApiJson } from "@/components/live/cluster-queries";
import type { TGpuPoolView } from "@/lib/services/gpu-pools/get-gpu-pool";
import type { TGpuPoolsView } from "@/lib/services/gpu-pools/list-gpu-pools";

// Shared by the server pages (prefetch + dehydrate) and the client components (useQuery).

export function gpuPoolsQuery(clusterKey: string) {
  return queryOptions({
    queryKey: [...clusterQueryKey(clusterKey), "gpu-pools"] as const,
    queryFn: () => fetchApiJson<TGpuPoolsView>("/api/v1/gpu-pools"),
  });
}

export function gpuPoolQuery(clusterKey: string, pool: string) {
  return queryOptions({
    queryKey: [...clusterQueryKey(clusterKey), "gpu-pools", pool] as const,
    queryFn: () => fetchApiJson<TGpuPoolView>(`/api/v1/gpu-pools/${encodeURIComponent(pool)}`),
  });
}
