import { ApiException, CoreV1Api } from "@kubernetes/client-node";
import type { TClusterConnection } from "../config";
import { toClusterError } from "./inference-service";

// Namespace (core/v1, cluster-scoped). Gantry's environments are namespaces labelled
// gantry.dev/environment=dev|staging|prod.

export const ENVIRONMENT_LABEL = "gantry.dev/environment";

export type TEnvironmentNamespace = { name: string; environment: string; team: string | null };

export async function listEnvironmentNamespaces(connection: TClusterConnection): Promise<TEnvironmentNamespace[]> {
  try {
    const core = connection.kubeConfig.makeApiClient(CoreV1Api);
    const list = await core.listNamespace({ labelSelector: ENVIRONMENT_LABEL });
    return list.items
      .filter((ns) => !ns.metadata?.deletionTimestamp)
      .map((ns) => ({ name: ns.metadata?.name ?? "", environment: ns.metadata?.labels?.[ENVIRONMENT_LABEL] ?? "", team: ns.metadata?.labels?.["gantry.dev/team"] ?? null }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    throw toClusterError(error, "Listing environments");
  }
}

/** Creates the namespace with its labels, or adds the labels to one that exists. */
export async function ensureNamespace(connection: TClusterConnection, name: string, labels: Record<string, string>): Promise<void> {
  const core = connection.kubeConfig.makeApiClient(CoreV1Api);
  try {
    await core.createNamespace({ body: { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } } });
  } catch (error) {
    if (!(error instanceof ApiException && error.code === 409)) throw toClusterError(error, `Creating namespace ${name}`);
  }
}
