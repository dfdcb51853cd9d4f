import type { CoreV1Api, CoreV1Event } from "@kubernetes/client-node";
import type { TClusterEvent } from "@/lib/domain/deployments/types";

// Event (core/v1, namespaced; watched across all namespaces). Reshaped to TClusterEvent: what
// happened to which object, how often, when. The detail page reads them from the watch cache.

export const EVENT_KIND = { group: "", version: "v1", plural: "events", watchPath: "/api/v1/events" } as const;

export function listEvents(core: CoreV1Api) {
  return core.listEventForAllNamespaces();
}

const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : typeof value === "string" && value ? new Date(value).toISOString() : null);

export function reshapeEvent(raw: CoreV1Event): TClusterEvent {
  return {
    namespace: raw.metadata?.namespace ?? "",
    name: raw.metadata?.name ?? "",
    involvedKind: raw.involvedObject?.kind ?? "",
    involvedName: raw.involvedObject?.name ?? "",
    type: raw.type ?? "Normal",
    reason: raw.reason ?? "",
    message: raw.message ?? "",
    count: raw.count ?? 1,
    firstAt: iso(raw.firstTimestamp ?? raw.eventTime ?? raw.metadata?.creationTimestamp),
    lastAt: iso(raw.lastTimestamp ?? raw.eventTime ?? raw.metadata?.creationTimestamp),
  };
}
