import { apiRoute } from "@/lib/api/route-handler";
import { eventStreamResponse } from "@/lib/api/event-stream";
import { followDeploymentLogs } from "@/lib/services/deployments/follow-deployment-logs";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/deployments/{namespace}/{name}/logs?pod=: server-sent events of the predictor's
 * log, tailed live (`line` events, then `end`). One follow per open log panel.
 */
export const GET = apiRoute<{ namespace: string; name: string }>({ name: "deployments.logs", permission: "fleet.view" }, async (request, actor, { params }) => {
  const { namespace, name } = await params;
  const pod = new URL(request.url).searchParams.get("pod");
  const follow = await followDeploymentLogs(actor, namespace, name, pod);
  return eventStreamResponse(request.signal, (send) => {
    send("pod", { pod: follow.pod });
    return follow.start(
      (line) => send("line", line),
      (error) => send("end", { error }),
    );
  });
});
