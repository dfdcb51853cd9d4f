import { queryOptions } from "@tanstack/react-query";
import { fetchApiJson } from "@/components/live/cluster-queries";
import type { TMetricsRange } from "@/lib/domain/metrics/ranges";
import type { TDeploymentMetrics } from "@/lib/services/metrics/get-deployment-metrics";
import type { TGpuPoolMetrics } from "@/lib/services/metrics/get-gpu-pool-metrics";

// Chart data refreshes while a chart is open: every 15 s for short ranges, less often for long ones.
export const refreshMs = (range: TMetricsRange) => (range === "15m" || range === "1h" ? 15_000 : range === "6h" ? 60_000 : 300_000);

export function deploymentMetricsQuery(namespace: string, name: string, runtime: string, range: TMetricsRange) {
  return queryOptions({
    queryKey: ["metrics", "deployment", namespace, name, runtime, range] as const,
    queryFn: () => fetchApiJson<TDeploymentMetrics>(`/api/v1/metrics/deployments/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}?range=${range}&runtime=${runtime}`),
    refetchInterval: refreshMs(range),
    staleTime: 10_000,
  });
}

export function gpuPoolMetricsQuery(pool: string, range: TMetricsRange) {
  return queryOptions({
    queryKey: ["metrics", "gpu-pool", pool, range] as const,
    queryFn: () => fetchApiJson<TGpuPoolMetrics>(`/api/v1/metrics/gpu-pools/${encodeURIComponent(pool)}?range=${range}`),
    refetchInterval: refreshMs(range),
    staleTime: 10_000,
  });
}
