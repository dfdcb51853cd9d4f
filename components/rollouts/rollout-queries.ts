import { queryOptions } from "@tanstack/react-query";
import { clusterQueryKey, fetchApiJson } from "@/components/live/cluster-queries";
import type { TCanaryEvidenceView } from "@/lib/services/rollouts/get-canary-evidence";
import type { TRolloutView } from "@/lib/services/rollouts/get-rollout";

// The rollout view follows the cluster (its key starts with the cluster key, so every change
// event refreshes it); the evidence comes from Prometheus and refreshes on a timer instead.

const base = (namespace: string, name: string) => `/api/v1/deployments/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

export function rolloutQuery(clusterKey: string, namespace: string, name: string) {
  return queryOptions({
    queryKey: [...clusterQueryKey(clusterKey), "rollout", namespace, name] as const,
    queryFn: () => fetchApiJson<TRolloutView>(`${base(namespace, name)}/rollout`),
  });
}

export function canaryEvidenceQuery(namespace: string, name: string, startedAt: string | null) {
  return queryOptions({
    queryKey: ["canary-evidence", namespace, name, startedAt] as const,
    queryFn: () => fetchApiJson<TCanaryEvidenceView>(`${base(namespace, name)}/canary-evidence`),
    enabled: startedAt !== null,
    refetchInterval: 30_000,
    placeholderData: (previous) => previous,
  });
}
