import type { TKubernetesObject } from "./build-manifests";
import type { TInferenceServiceState } from "./types";

// Drift: what Gantry applied versus what the cluster holds now. Only the fields Gantry sets
// are compared (webhooks and controllers may add others), so a kubectl edit of anything
// Gantry manages shows up, and defaulting does not.

export type TDriftItem = { path: string; expected: unknown; actual: unknown };

const isObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === "object" && !Array.isArray(value);

function normalize(value: unknown): unknown {
  // Quantities and numbers: "1" and 1 are the same to Kubernetes.
  if (typeof value === "number") return String(value);
  return value;
}

function compare(path: string, expected: unknown, actual: unknown, out: TDriftItem[]): void {
  if (isObject(expected)) {
    if (!isObject(actual)) {
      out.push({ path, expected, actual: actual ?? null });
      return;
    }
    for (const [key, value] of Object.entries(expected)) compare(path ? `${path}.${key}` : key, value, actual[key], out);
    return;
  }
  if (Array.isArray(expected)) {
    if (JSON.stringify(expected) !== JSON.stringify(actual ?? [])) out.push({ path, expected, actual: actual ?? null });
    return;
  }
  if (normalize(expected) !== normalize(actual)) out.push({ path, expected, actual: actual ?? null });
}

/** Differences between the desired InferenceService and the cluster's object; empty when in step. */
export function detectDrift(desired: TKubernetesObject, actual: Pick<TInferenceServiceState, "spec" | "labels" | "annotations">): TDriftItem[] {
  const out: TDriftItem[] = [];
  compare("spec", desired.spec, actual.spec, out);
  compare("metadata.labels", desired.metadata.labels, actual.labels, out);
  // Of the annotations only those Gantry sets; the stop flag absent on both sides is no drift.
  compare("metadata.annotations", desired.metadata.annotations ?? {}, actual.annotations, out);
  const stop = actual.annotations["serving.kserve.io/stop"];
  if (!desired.metadata.annotations?.["serving.kserve.io/stop"] && stop === "true") out.push({ path: "metadata.annotations.serving.kserve.io/stop", expected: null, actual: stop });
  return out;
}

export function describeDrift(items: readonly TDriftItem[]): string[] {
  const show = (value: unknown) => (value === null || value === undefined ? "(none)" : typeof value === "string" ? value : JSON.stringify(value));
  return items.map((item) => `${item.path}: Gantry applied ${show(item.expected)}, the cluster has ${show(item.actual)}`);
}
