import { CustomObjectsApi } from "@kubernetes/client-node";
import type { TKubernetesObject } from "@/lib/domain/deployments/build-manifests";
import type { TClusterConnection } from "../config";
import { isNotFound, toClusterError } from "./inference-service";

// KEDA ScaledObject (keda.sh/v1alpha1, namespaced): Gantry creates one beside a Standard-mode
// InferenceService that scales on a Prometheus query.

export const SCALED_OBJECT_KIND = { group: "keda.sh", version: "v1alpha1", plural: "scaledobjects" } as const;

function api(connection: TClusterConnection): CustomObjectsApi {
  return connection.kubeConfig.makeApiClient(CustomObjectsApi);
}

/** Creates the ScaledObject, or replaces the one already there (keeping its resourceVersion). */
export async function applyScaledObject(connection: TClusterConnection, body: TKubernetesObject): Promise<void> {
  const { group, version, plural } = SCALED_OBJECT_KIND;
  const { namespace, name } = body.metadata;
  const client = api(connection);
  try {
    const existing = await client.getNamespacedCustomObject({ group, version, namespace, plural, name }).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    if (!existing) {
      await client.createNamespacedCustomObject({ group, version, namespace, plural, body });
      return;
    }
    const resourceVersion = (existing as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
    await client.replaceNamespacedCustomObject({ group, version, namespace, plural, name, body: { ...body, metadata: { ...body.metadata, resourceVersion } } });
  } catch (error) {
    throw toClusterError(error, `Applying ScaledObject ${namespace}/${name}`);
  }
}

export async function deleteScaledObject(connection: TClusterConnection, namespace: string, name: string): Promise<boolean> {
  const { group, version, plural } = SCALED_OBJECT_KIND;
  try {
    await api(connection).deleteNamespacedCustomObject({ group, version, namespace, plural, name });
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw toClusterError(error, `Deleting ScaledObject ${namespace}/${name}`);
  }
}
