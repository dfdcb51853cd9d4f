import { createHash } from "node:crypto";
import { ApiException, CustomObjectsApi, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import type { TKubernetesObject } from "@/lib/domain/deployments/build-manifests";
import type { TCondition, TInferenceServiceState, TTrafficTarget } from "@/lib/domain/deployments/types";
import { AppError } from "@/lib/errors";
import type { TClusterConnection } from "../config";

// InferenceService (serving.kserve.io/v1beta1, namespaced). Reshaped to the domain's
// TInferenceServiceState; pages never see status.components JSON. Writes map the API
// server's answers to AppErrors: 409 → CONFLICT, 404 → NOT_FOUND, unreachable → UNAVAILABLE.

export const INFERENCE_SERVICE_KIND = {
  group: "serving.kserve.io",
  version: "v1beta1",
  plural: "inferenceservices",
  watchPath: "/apis/serving.kserve.io/v1beta1/inferenceservices",
} as const;

export type TRawInferenceService = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string | Date;
    deletionTimestamp?: string | Date;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
};

const rec = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : typeof value === "string" && value ? new Date(value).toISOString() : null);

export function reshapeCondition(raw: unknown): TCondition {
  const c = rec(raw);
  return {
    type: String(c.type ?? ""),
    status: String(c.status ?? "Unknown"),
    reason: str(c.reason),
    message: str(c.message),
    severity: str(c.severity),
    lastTransitionTime: iso(c.lastTransitionTime),
  };
}

export function reshapeInferenceService(raw: TRawInferenceService): TInferenceServiceState {
  const meta = raw.metadata ?? {};
  const status = rec(raw.status);
  const predictor = rec(rec(status.components).predictor);
  const modelStatus = rec(status.modelStatus);
  const states = rec(modelStatus.states);
  const failure = rec(modelStatus.lastFailureInfo);
  const traffic: TTrafficTarget[] = (Array.isArray(predictor.traffic) ? predictor.traffic : []).map((entry) => {
    const t = rec(entry);
    return { revisionName: str(t.revisionName), percent: Number(t.percent ?? 0), isLatest: t.latestRevision === true, tag: str(t.tag), url: str(t.url) };
  });
  const copies = rec(modelStatus.copies);
  return {
    namespace: meta.namespace ?? "",
    name: meta.name ?? "",
    uid: meta.uid ?? "",
    resourceVersion: meta.resourceVersion ?? "",
    changeVersion: createHash("sha1").update(JSON.stringify([raw.spec ?? {}, meta.labels ?? {}, meta.annotations ?? {}])).digest("hex").slice(0, 16),
    createdAt: iso(meta.creationTimestamp),
    isDeleting: Boolean(meta.deletionTimestamp),
    labels: meta.labels ?? {},
    annotations: meta.annotations ?? {},
    spec: raw.spec ?? {},
    deploymentMode: str(status.deploymentMode),
    conditions: (Array.isArray(status.conditions) ? status.conditions : []).map(reshapeCondition),
    url: str(status.url),
    internalUrl: str(rec(status.address).url),
    revisions: {
      latestCreated: str(predictor.latestCreatedRevision),
      latestReady: str(predictor.latestReadyRevision),
      latestRolledout: str(predictor.latestRolledoutRevision),
      previousRolledout: str(predictor.previousRolledoutRevision),
    },
    traffic,
    model: {
      transitionStatus: str(modelStatus.transitionStatus),
      activeState: str(states.activeModelState),
      targetState: str(states.targetModelState),
      failure: Object.keys(failure).length
        ? { reason: str(failure.reason), message: str(failure.message), exitCode: typeof failure.exitCode === "number" ? failure.exitCode : null }
        : null,
      readyCopies: typeof copies.totalCopies === "number" ? copies.totalCopies : null,
    },
  };
}

function api(connection: TClusterConnection): CustomObjectsApi {
  return connection.kubeConfig.makeApiClient(CustomObjectsApi);
}

/** Maps an API server error to an AppError that says what happened, in plain words. */
export function toClusterError(error: unknown, what: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ApiException) {
    const body = rec(typeof error.body === "string" ? safeJson(error.body) : error.body);
    const reason = str(body.message) ?? error.message;
    if (error.code === 409) return new AppError("CONFLICT", `${what}: ${reason}`, { cause: error });
    if (error.code === 404) return new AppError("NOT_FOUND", `${what}: not found in the cluster.`, { cause: error });
    if (error.code === 422 || error.code === 400) return new AppError("VALIDATION", `${what}: the cluster refused it: ${reason}`, { cause: error });
    if (error.code === 403 || error.code === 401) return new AppError("UNAVAILABLE", `${what}: Gantry's cluster credentials are not allowed to do this (${error.code}).`, { cause: error });
  }
  return new AppError("UNAVAILABLE", `${what}: the cluster could not be reached. Nothing was changed; try again.`, { cause: error });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

export function listInferenceServices(connection: TClusterConnection) {
  const { group, version, plural } = INFERENCE_SERVICE_KIND;
  return api(connection).listCustomObjectForAllNamespaces({ group, version, resourcePlural: plural }) as Promise<{ items: TRawInferenceService[]; metadata?: { resourceVersion?: string } }>;
}

/** The live object from the API server (not the cache), or null when there is none. */
export async function getInferenceService(connection: TClusterConnection, namespace: string, name: string): Promise<TInferenceServiceState | null> {
  const { group, version, plural } = INFERENCE_SERVICE_KIND;
  try {
    return reshapeInferenceService((await api(connection).getNamespacedCustomObject({ group, version, namespace, plural, name })) as TRawInferenceService);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw toClusterError(error, `Reading InferenceService ${namespace}/${name}`);
  }
}

export async function createInferenceService(connection: TClusterConnection, body: TKubernetesObject): Promise<TInferenceServiceState> {
  const { group, version, plural } = INFERENCE_SERVICE_KIND;
  const { namespace, name } = body.metadata;
  try {
    return reshapeInferenceService((await api(connection).createNamespacedCustomObject({ group, version, namespace, plural, body })) as TRawInferenceService);
  } catch (error) {
    throw toClusterError(error, `Creating InferenceService ${namespace}/${name}`);
  }
}

/**
 * Replaces the object only if it still has `resourceVersion` (optimistic concurrency): a 409
 * means someone else changed it since it was read.
 */
export async function replaceInferenceService(connection: TClusterConnection, body: TKubernetesObject, resourceVersion: string): Promise<TInferenceServiceState> {
  const { group, version, plural } = INFERENCE_SERVICE_KIND;
  const { namespace, name } = body.metadata;
  try {
    const withVersion = { ...body, metadata: { ...body.metadata, resourceVersion } };
    return reshapeInferenceService((await api(connection).replaceNamespacedCustomObject({ group, version, namespace, plural, name, body: withVersion })) as TRawInferenceService);
  } catch (error) {
    throw toClusterError(error, `Updating InferenceService ${namespace}/${name}`);
  }
}

/** A JSON merge patch of annotations (null removes one). */
export async function patchInferenceServiceAnnotations(
  connection: TClusterConnection,
  namespace: string,
  name: string,
  annotations: Record<string, string | null>,
  resourceVersion?: string,
): Promise<TInferenceServiceState> {
  const { group, version, plural } = INFERENCE_SERVICE_KIND;
  try {
    const body = { metadata: { annotations, ...(resourceVersion ? { resourceVersion } : {}) } };
    const raw = await api(connection).patchNamespacedCustomObject({ group, version, namespace, plural, name, body }, setHeaderOptions("Content-Type", PatchStrategy.MergePatch));
    return reshapeInferenceService(raw as TRawInferenceService);
  } catch (error) {
    throw toClusterError(error, `Updating InferenceService ${namespace}/${name}`);
  }
}

export type TJsonPatchOp = { op: "add" | "replace" | "remove" | "test"; path: string; value?: unknown };

/**
 * A JSON Patch (RFC 6902). With `resourceVersion` the patch also sets metadata.resourceVersion,
 * which makes the API server refuse it (409) if the object changed since that version.
 */
export async function jsonPatchInferenceService(connection: TClusterConnection, namespace: string, name: string, ops: TJsonPatchOp[], resourceVersion?: string): Promise<TInferenceServiceState> {
  const { group, version, plural } = INFERENCE_SERVICE_KIND;
  try {
    const body = resourceVersion ? [{ op: "replace", path: "/metadata/resourceVersion", value: resourceVersion }, ...ops] : ops;
    const raw = await api(connection).patchNamespacedCustomObject({ group, version, namespace, plural, name, body }, setHeaderOptions("Content-Type", PatchStrategy.JsonPatch));
    return reshapeInferenceService(raw as TRawInferenceService);
  } catch (error) {
    throw toClusterError(error, `Updating InferenceService ${namespace}/${name}`);
  }
}

/** Deletes the object; true when it was there, false when it was already gone. */
export async function deleteInferenceService(connection: TClusterConnection, namespace: string, name: string): Promise<boolean> {
  const { group, version, plural } = INFERENCE_SERVICE_KIND;
  try {
    await api(connection).deleteNamespacedCustomObject({ group, version, namespace, plural, name });
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw toClusterError(error, `Deleting InferenceService ${namespace}/${name}`);
  }
}
