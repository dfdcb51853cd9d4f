import { describe, expect, it } from "vitest";
import { estimateGpuMemoryBytes, formatBytes, resolveGpuMemory } from "./estimate-gpu-memory";

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

describe("GPU memory estimate", () => {
  it("needs no GPU for tree and linear models", () => {
    for (const framework of ["sklearn", "xgboost", "lightgbm"] as const) {
      expect(estimateGpuMemoryBytes(framework, "classification", 50 * MIB)).toBe(0);
    }
  });

  it("puts an 8B LLM in fp16 (~16 GB) on one 24–80 GB GPU", () => {
    const bytes = estimateGpuMemoryBytes("huggingface", "text-generation", 16_060_000_000);
    expect(bytes / GIB).toBeGreaterThan(20);
    expect(bytes / GIB).toBeLessThan(24);
    expect(bytes % (256 * MIB)).toBe(0);
  });

  it("gives other deep-learning models weights × 1.5 + 1 GiB, rounded up to 256 MiB", () => {
    expect(estimateGpuMemoryBytes("onnx", "classification", 400 * MIB)).toBe(1024 * MIB + 768 * MIB);
    expect(estimateGpuMemoryBytes("pytorch", "embedding", 1 * GIB)).toBe(2.5 * GIB);
  });

  it("prefers the given figure and marks only the estimate as estimated", () => {
    const model = { framework: "pytorch", task: "classification" } as const;
    expect(resolveGpuMemory(3 * GIB, model, GIB)).toEqual({ bytes: 3 * GIB, isEstimated: false });
    expect(resolveGpuMemory(undefined, model, GIB)).toEqual({ bytes: 2.5 * GIB, isEstimated: true });
    expect(resolveGpuMemory(0, model, GIB)).toEqual({ bytes: 0, isEstimated: false });
  });

  it("formats sizes for people", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(16 * GIB)).toBe("16 GiB");
    expect(formatBytes(1.5 * MIB)).toBe("1.5 MiB");
    expect(formatBytes(512)).toBe("512 B");
  });
});
