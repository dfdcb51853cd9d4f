import { getInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import type { TClusterConnection } from "@/lib/adapters/k8s/config";
import type { TInferenceServiceState } from "@/lib/domain/deployments/types";
import { AppError } from "@/lib/errors";

// Optimistic concurrency for every write to an InferenceService. The caller read the object
// (`live`) and checked that its changeVersion (spec, labels, annotations) is the one the user
// saw; the write carries the live resourceVersion, so the API server refuses it (409) if
// anything changed since. A status-only change (a loading model updates its status often) is
// retried with the fresh version; a change by someone else is never overwritten.

export const CHANGED_BY_SOMEONE_ELSE = "This deployment was changed by someone else since you opened it. Review the new state below and apply your change again.";

const MAX_STATUS_CONFLICT_RETRIES = 6;

function isConflict(error: unknown): boolean {
  if (error instanceof AppError) return error.code === "CONFLICT";
  return (error as { code?: number } | null)?.code === 409;
}

/** The live object, refusing with CONFLICT unless its changeVersion is `expectedVersion`. */
export async function readUnchanged(connection: TClusterConnection, namespace: string, name: string, expectedVersion: string): Promise<TInferenceServiceState> {
  const live = await getInferenceService(connection, namespace, name);
  if (!live) throw new AppError("CONFLICT", `The InferenceService ${namespace}/${name} is missing from the cluster (deleted outside Gantry?). Nothing was changed.`);
  if (live.changeVersion !== expectedVersion) throw new AppError("CONFLICT", CHANGED_BY_SOMEONE_ELSE);
  return live;
}

export async function writeIfUnchanged<T>(connection: TClusterConnection, live: TInferenceServiceState, write: (resourceVersion: string) => Promise<T>): Promise<T> {
  let resourceVersion = live.resourceVersion;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write(resourceVersion);
    } catch (error) {
      if (!isConflict(error) || attempt >= MAX_STATUS_CONFLICT_RETRIES) throw error;
      const again = await getInferenceService(connection, live.namespace, live.name);
      if (!again || again.changeVersion !== live.changeVersion) throw new AppError("CONFLICT", CHANGED_BY_SOMEONE_ELSE, { cause: error });
      resourceVersion = again.resourceVersion;
    }
  }
}
