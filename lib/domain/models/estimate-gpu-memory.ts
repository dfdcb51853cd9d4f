import type { TModelFramework, TModelTask } from "./model-fields";

// How much GPU memory a version needs when the registrant does not say. A deliberately simple,
// documented heuristic (the estimate is flagged as such everywhere it is shown):
// - sklearn, xgboost, lightgbm: tree/linear models served on CPU → 0 (no GPU).
// - LLMs (text-generation): fp16 weights × 1.2 (CUDA context, activations, fragmentation)
//   + 4 GiB of KV-cache headroom, so Llama-3.1-8B (~16 GB) needs ~23 GiB: one 24–80 GB GPU.
// - other deep-learning models: weights × 1.5 + 1 GiB (CUDA context and activation buffers).
// Rounded up to 256 MiB, the granularity people think in when they pick a GPU.

const GIB = 1024 ** 3;
const ROUNDING = 256 * 1024 ** 2;
const CPU_FRAMEWORKS: readonly TModelFramework[] = ["sklearn", "xgboost", "lightgbm"];

export type TGpuMemory = { bytes: number; isEstimated: boolean };

export function estimateGpuMemoryBytes(framework: TModelFramework, task: TModelTask, artifactSizeBytes: number): number {
  if (CPU_FRAMEWORKS.includes(framework)) return 0;
  const raw = task === "text-generation" ? artifactSizeBytes * 1.2 + 4 * GIB : artifactSizeBytes * 1.5 + GIB;
  return Math.ceil(raw / ROUNDING) * ROUNDING;
}

/** The given figure when there is one, else the estimate, marked as such. */
export function resolveGpuMemory(
  given: number | undefined,
  model: { framework: TModelFramework; task: TModelTask },
  artifactSizeBytes: number,
): TGpuMemory {
  if (given !== undefined) return { bytes: given, isEstimated: false };
  return { bytes: estimateGpuMemoryBytes(model.framework, model.task, artifactSizeBytes), isEstimated: true };
}

/** 17179869184 → "16 GiB", 52428800 → "50 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes === 0) return "0 B";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  const exponent = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  const value = bytes / 1024 ** exponent;
  return `${value >= 100 || exponent === 0 ? Math.round(value) : Number(value.toFixed(1))} ${units[exponent]}`;
}
