import { chooseRuntime, type TFramework } from "./runtimes";

// Wizard defaults: resources from the version's size and framework, and the templates
// (paved roads) that pre-fill the steps.

const GI = 2 ** 30;

/** Memory a model server needs to hold a model: the weights plus 20 % and the runtime (~512 MiB). */
export function estimateServingMemoryBytes(artifactSizeBytes: number): number {
  return Math.round(artifactSizeBytes * 1.2 + 512 * 2 ** 20);
}

export type TResourceDefaults = { cpu: string; memory: string; gpus: number };

export function defaultResources(framework: TFramework, artifactSizeBytes: number, runtime?: string): TResourceDefaults {
  const option = chooseRuntime(framework, runtime);
  const needGi = Math.ceil(estimateServingMemoryBytes(artifactSizeBytes) / GI);
  // Round up to a power of two with headroom: 1, 2, 4, 8, 16, 32 … Gi.
  const memoryGi = Math.max(1, 2 ** Math.ceil(Math.log2(needGi + 0.5)));
  const isLlm = option.runtime === "kserve-vllmserver";
  const gpus = option.gpuCapable && (isLlm || artifactSizeBytes > 100e6) ? 1 : 0;
  const cpu = isLlm ? "8" : gpus ? "4" : artifactSizeBytes > 50e6 ? "2" : "1";
  return { cpu, memory: `${memoryGi}Gi`, gpus };
}

export type TDeploymentTemplate = {
  id: "small-cpu" | "gpu-model" | "llm-vllm";
  title: string;
  description: string;
  frameworks: readonly TFramework[];
  runtime?: string;
  poolKind: "cpu" | "gpu";
  resources: { cpu: string; memory: string; gpus: number };
  autoscaling: { minReplicas: number; maxReplicas: number; target: { kind: "concurrency" | "rps"; value: number } };
};

export const DEPLOYMENT_TEMPLATES: readonly TDeploymentTemplate[] = [
  {
    id: "small-cpu",
    title: "Small CPU model",
    description: "Tree or linear models (sklearn, XGBoost, LightGBM): 1 CPU, 2 Gi, scales 1–3 on concurrency.",
    frameworks: ["sklearn", "xgboost", "lightgbm"],
    poolKind: "cpu",
    resources: { cpu: "1", memory: "2Gi", gpus: 0 },
    autoscaling: { minReplicas: 1, maxReplicas: 3, target: { kind: "concurrency", value: 10 } },
  },
  {
    id: "gpu-model",
    title: "GPU model",
    description: "ONNX, PyTorch or TensorFlow on Triton or the native server: 1 GPU, 4 CPU, 16 Gi, scales 1–4.",
    frameworks: ["onnx", "pytorch", "tensorflow", "triton", "huggingface"],
    poolKind: "gpu",
    resources: { cpu: "4", memory: "16Gi", gpus: 1 },
    autoscaling: { minReplicas: 1, maxReplicas: 4, target: { kind: "concurrency", value: 4 } },
  },
  {
    id: "llm-vllm",
    title: "LLM on vLLM",
    description: "Hugging Face language models on vLLM: 1 GPU, 8 CPU, 32 Gi, scales 1–2 on concurrency.",
    frameworks: ["huggingface"],
    runtime: "kserve-vllmserver",
    poolKind: "gpu",
    resources: { cpu: "8", memory: "32Gi", gpus: 1 },
    autoscaling: { minReplicas: 1, maxReplicas: 2, target: { kind: "concurrency", value: 8 } },
  },
];
