import { apiRoute } from "@/lib/api/route-handler";
import { eventStreamResponse } from "@/lib/api/event-stream";
import { watchClusterChanges } from "@/lib/services/gpu-pools/watch-cluster-changes";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/events: a server-sent event stream of cluster changes. `ready` on connect, then
 * `cluster` ({ clusterKey, kinds, status }) after each burst of node or pod changes; clients
 * refresh the queries of that cluster. Served from the shared watch cache.
 */
export const GET = apiRoute({ name: "events", permission: "fleet.view" }, async (request, actor) =>
  eventStreamResponse(request.signal, (send) => {
    const watch = watchClusterChanges(actor, (change) => send("cluster", change));
    send("ready", { clusterKey: watch.clusterKey, status: watch.status });
    return watch.unsubscribe;
  }),
);
