import { Writable } from "node:stream";
import { CoreV1Api, Log } from "@kubernetes/client-node";
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

/** Follows a container's log; returns a stop function. `onEnd` runs when the stream ends. */
export async function followPodLog(
  connection: TClusterConnection,
  target: { namespace: string; pod: string; container: string; tailLines?: number },
  onLine: (line: string) => void,
  onEnd: (error: string | null) => void,
): Promise<() => void> {
  let buffered = "";
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line) onLine(line);
      done();
    },
  });
  const log = new Log(connection.kubeConfig);
  try {
    const abort = await log.log(target.namespace, target.pod, target.container, sink, (error: unknown) => onEnd(error ? String((error as Error).message ?? error) : null), {
      follow: true,
      tailLines: target.tailLines ?? 100,
    });
    return () => abort.abort();
  } catch (error) {
    throw toClusterError(error, `Following the logs of ${target.namespace}/${target.pod}`);
  }
}
