import { KubeConfig } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";

export type TClusterConnection = {
  kubeConfig: KubeConfig;
  /** Identifies the cluster in every cache key: context and API server. */
  clusterKey: string;
  server: string;
};

let cached: TClusterConnection | undefined;

/**
 * The cluster Gantry talks to: KUBECONFIG (or ~/.kube/config), or the in-cluster service
 * account when running as a pod. Loaded once per process.
 */
export function getClusterConnection(): TClusterConnection {
  if (cached) return cached;
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromDefault();
  } catch (error) {
    throw new AppError("UNAVAILABLE", "The Kubernetes configuration could not be read. Check KUBECONFIG.", { cause: error });
  }
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new AppError("UNAVAILABLE", "No Kubernetes cluster is configured. Set KUBECONFIG to a kubeconfig file.");
  cached = { kubeConfig, clusterKey: `${kubeConfig.getCurrentContext()}@${cluster.server}`, server: cluster.server };
  return cached;
}
