import { describe, expect, it } from "vitest";
import { canChangeVersionStatus, storageUriScheme, ZModelName, ZModelVersionContent, ZRegisterModelInput, ZStorageUri } from "./model-fields";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("model names", () => {
  it("accepts DNS-1123 labels", () => {
    for (const name of ["fraud-scorer", "a", "llama-3-1-8b-instruct", "x".repeat(63)]) expect(ZModelName.safeParse(name).success).toBe(true);
  });

  it("refuses anything Kubernetes would refuse, in plain words", () => {
    for (const name of ["Fraud", "-lead", "trail-", "under_score", "dot.ted", "x".repeat(64), ""]) {
      expect(ZModelName.safeParse(name).success, name).toBe(false);
    }
    expect(messages(ZModelName.safeParse("My_Model"))[0]).toMatch(/lower-case letters, digits and dashes/);
  });
});

describe("storage URIs", () => {
  it("allows exactly s3, gs, pvc, hf, oci and https", () => {
    for (const uri of ["s3://models/a/v1", "gs://bucket/x", "pvc://models-pvc/a", "hf://meta-llama/Llama-3.1-8B-Instruct", "oci://ghcr.io/acme/m:1", "https://example.com/m.onnx"]) {
      expect(ZStorageUri.safeParse(uri).success, uri).toBe(true);
    }
  });

  it("refuses other schemes and non-URIs with a message listing the allowed ones", () => {
    for (const uri of ["http://example.com/m", "file:///tmp/m", "ftp://x/y", "/local/path", "s3:/missing-slash", "azure://c/m"]) {
      expect(ZStorageUri.safeParse(uri).success, uri).toBe(false);
    }
    expect(messages(ZStorageUri.safeParse("http://example.com/m")).join(" ")).toContain("s3://, gs://, pvc://, hf://, oci://, https://");
    expect(storageUriScheme("S3://x")).toBe("s3");
    expect(storageUriScheme("nope")).toBeNull();
  });
});

describe("version content", () => {
  const valid = { version: 3, storageUri: "s3://models/a/v3", modelFormat: "sklearn", artifactSizeBytes: 1024 };

  it("fills defaults and turns empty optional strings into absent", () => {
    const parsed = ZModelVersionContent.parse({ ...valid, runtimeHint: "", gitCommit: "", trainingRunUrl: "" });
    expect(parsed).toMatchObject({ metrics: {}, runtimeHint: undefined, gitCommit: undefined, trainingRunUrl: undefined });
  });

  it("reports each bad field by name", () => {
    const result = ZModelVersionContent.safeParse({ ...valid, version: 0, artifactSizeBytes: -1, metrics: { auc: "high" }, gitCommit: "xyz" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["version", "artifactSizeBytes", "metrics.auc", "gitCommit"]));
  });

  it("normalises tags of a model: lower case, unique, sorted", () => {
    const parsed = ZRegisterModelInput.parse({ name: "m", task: "regression", framework: "xgboost", tags: ["Tabular", "b", "tabular"] });
    expect(parsed.tags).toEqual(["b", "tabular"]);
  });
});

describe("version status", () => {
  it("goes active → deprecated → archived, and archived is final", () => {
    expect(canChangeVersionStatus("active", "deprecated")).toBe(true);
    expect(canChangeVersionStatus("deprecated", "archived")).toBe(true);
    expect(canChangeVersionStatus("deprecated", "active")).toBe(true);
    expect(canChangeVersionStatus("archived", "active")).toBe(false);
    expect(canChangeVersionStatus("active", "active")).toBe(false);
  });
});
