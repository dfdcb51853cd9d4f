import { followPodLog } from "@/lib/adapters/k8s/kinds/pod-logs";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { currentPod } from "@/lib/domain/deployments/progress";
import { AppError } from "@/lib/errors";
import { getDeploymentRowOrThrow } from "./deployment-views";
import { objectKeyOf, readServingIndex, requireConnection } from "./read-serving";

export type TLogFollow = { pod: string; start: (onLine: (line: string) => void, onEnd: (error: string | null) => void) => () => void };

/** Follows the predictor container's log of the deployment's newest pod (or the named one). */
export async function followDeploymentLogs(actor: TActor | null, namespace: string, name: string, podName: string | null): Promise<TLogFollow> {
  requirePermission(actor, "fleet.view");
  await getDeploymentRowOrThrow(namespace, name);
  const index = await readServingIndex();
  const pods = index.podsByIsvc.get(objectKeyOf(namespace, name)) ?? [];
  const pod = podName ? pods.find((p) => p.name === podName) : currentPod(pods);
  if (!pod) throw new AppError("NOT_FOUND", "The deployment has no running pod to show logs for.");
  const container = pod.containers.find((c) => !c.isInit && c.name === "kserve-container")?.name ?? pod.containers.find((c) => !c.isInit)?.name ?? "kserve-container";
  const connection = requireConnection();
  return {
    pod: pod.name,
    start: (onLine, onEnd) => {
      let stop: (() => void) | null = null;
      let stopped = false;
      followPodLog(connection, { namespace, pod: pod.name, container }, onLine, onEnd).then(
        (fn) => (stopped ? fn() : (stop = fn)),
        (error: unknown) => onEnd(error instanceof Error ? error.message : String(error)),
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}
