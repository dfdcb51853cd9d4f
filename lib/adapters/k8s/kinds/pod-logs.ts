import { CoreV1Api, HttpMethod, RequestContext } from "@kubernetes/client-node";
import { fetch } from "undici";
import type { TClusterConnection } from "../config";
import { toClusterError } from "./inference-service";

// Pod logs: the last lines once, or followed live (kubectl logs -f) for the detail page's
// log tail. One follow per open browser panel, closed when the panel goes away.

export async function readPodLogTail(connection: TClusterConnection, namespace: string, pod: string, container: string, tailLines = 200): Promise<string[]> {
  try {
    const core = connection.kubeConfig.makeApiClient(CoreV1Api);
    const text = await core.readNamespacedPodLog({ namespace, name: pod, container, tailLines });
    return String(text ?? "").split("\n").filter((line) => line !== "");
  } catch (error) {
    throw toClusterError(error, `Reading the logs of ${namespace}/${pod}`);
  }
}

/**
 * Follows a container's log; returns a stop function. `onEnd` runs once when the stream ends.
 * Written against the API directly rather than client-node's Log helper: that helper pipes the
 * response without an error listener, so stopping a follow (a closed browser tab) raised an
 * uncaught AbortError that could take the server down.
 */
export async function followPodLog(
  connection: TClusterConnection,
  target: { namespace: string; pod: string; container: string; tailLines?: number },
  onLine: (line: string) => void,
  onEnd: (error: string | null) => void,
): Promise<() => void> {
  const cluster = connection.kubeConfig.getCurrentCluster();
  if (!cluster) throw toClusterError(new Error("No current cluster in the kubeconfig"), `Following the logs of ${target.namespace}/${target.pod}`);
  const url = new URL(`${cluster.server}/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}/log`);
  url.searchParams.set("container", target.container);
  url.searchParams.set("follow", "true");
  url.searchParams.set("tailLines", String(target.tailLines ?? 100));
  const context = new RequestContext(url.toString(), HttpMethod.GET);
  await connection.kubeConfig.applySecurityAuthentication(context);

  const controller = new AbortController();
  let ended = false;
  const end = (error: string | null) => {
    if (ended) return;
    ended = true;
    onEnd(error);
  };
  let response: Awaited<ReturnType<typeof fetch>>;
  try {
    response = await fetch(url, { headers: context.getHeaders(), dispatcher: context.getDispatcher(), signal: controller.signal });
  } catch (error) {
    throw toClusterError(error, `Following the logs of ${target.namespace}/${target.pod}`);
  }
  if (!response.ok || !response.body) {
    const status = (await response.json().catch(() => null)) as { message?: string } | null;
    throw toClusterError(new Error(status?.message ?? `HTTP ${response.status}`), `Following the logs of ${target.namespace}/${target.pod}`);
  }

  void (async () => {
    const decoder = new TextDecoder();
    let buffered = "";
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) if (line) onLine(line);
      }
      if (buffered) onLine(buffered);
      end(null);
    } catch (error) {
      // Stopping the follow aborts the body; that is an ending, not an error.
      end(controller.signal.aborted ? null : error instanceof Error ? error.message : String(error));
    }
  })();

  return () => controller.abort();
}
