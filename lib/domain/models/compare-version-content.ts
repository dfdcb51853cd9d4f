import type { TMetrics } from "./model-fields";

// Registering a version is idempotent: the same number with the same content is the same
// version; the same number with other content is a conflict. This decides which, field by field.

/** A version's content as stored, in comparable form (sizes as numbers, absent as null). */
export type TComparableVersion = {
  storageUri: string;
  modelFormat: string;
  runtimeHint: string | null;
  artifactSizeBytes: number;
  gpuMemoryBytes: number | null;
  metrics: TMetrics;
  trainingRunId: string | null;
  trainingRunUrl: string | null;
  dataset: string | null;
  gitCommit: string | null;
  parentVersion: number | null;
};

const FIELDS: (keyof TComparableVersion)[] = [
  "storageUri",
  "modelFormat",
  "runtimeHint",
  "artifactSizeBytes",
  "gpuMemoryBytes",
  "metrics",
  "trainingRunId",
  "trainingRunUrl",
  "dataset",
  "gitCommit",
  "parentVersion",
];

/** The fields whose values differ (empty: identical content). Metric key order does not matter. */
export function diffVersionContent(existing: TComparableVersion, incoming: TComparableVersion): (keyof TComparableVersion)[] {
  return FIELDS.filter((field) => {
    if (field === "metrics") return !sameMetrics(existing.metrics, incoming.metrics);
    if (field === "gitCommit") return (existing.gitCommit ?? "").toLowerCase() !== (incoming.gitCommit ?? "").toLowerCase();
    return (existing[field] ?? null) !== (incoming[field] ?? null);
  });
}

function sameMetrics(a: TMetrics, b: TMetrics): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && a[key] === b[key]);
}
