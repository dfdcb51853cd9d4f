import { describe, expect, it } from "vitest";
import { diffVersionContent, type TComparableVersion } from "./compare-version-content";

const base: TComparableVersion = {
  storageUri: "s3://models/m/v1",
  modelFormat: "sklearn",
  runtimeHint: null,
  artifactSizeBytes: 1000,
  gpuMemoryBytes: 0,
  metrics: { auc: 0.9, f1: 0.8 },
  trainingRunId: "run-1",
  trainingRunUrl: null,
  dataset: "s3://data/train",
  gitCommit: "abc1234",
  parentVersion: null,
};

describe("diffVersionContent", () => {
  it("finds identical content identical, whatever the metric order or commit case", () => {
    expect(diffVersionContent(base, { ...base, metrics: { f1: 0.8, auc: 0.9 }, gitCommit: "ABC1234" })).toEqual([]);
  });

  it("names every field that differs", () => {
    expect(diffVersionContent(base, { ...base, storageUri: "s3://models/m/v1b", metrics: { auc: 0.91, f1: 0.8 } })).toEqual(["storageUri", "metrics"]);
    expect(diffVersionContent(base, { ...base, metrics: { auc: 0.9 } })).toEqual(["metrics"]);
    expect(diffVersionContent(base, { ...base, parentVersion: 1, runtimeHint: "kserve-sklearnserver" })).toEqual(["runtimeHint", "parentVersion"]);
  });
});
