// Which KServe serving runtime serves which model framework, as KServe's defaults do:
// sklearn/xgboost/lightgbm → the KServe model servers, onnx/tensorflow/pytorch → Triton or the
// framework's native server, huggingface/LLM → vLLM. The first option is the default.

export const FRAMEWORKS = ["sklearn", "xgboost", "lightgbm", "pytorch", "tensorflow", "onnx", "triton", "huggingface"] as const;
export type TFramework = (typeof FRAMEWORKS)[number];

export type TRuntimeOption = {
  /** ClusterServingRuntime name. */
  runtime: string;
  /** modelFormat.name the runtime declares in supportedModelFormats. */
  modelFormat: string;
  label: string;
  /** Whether the runtime can use a GPU. */
  gpuCapable: boolean;
};

const RUNTIMES = {
  sklearn: { runtime: "kserve-sklearnserver", modelFormat: "sklearn", label: "KServe sklearn server", gpuCapable: false },
  xgboost: { runtime: "kserve-xgbserver", modelFormat: "xgboost", label: "KServe XGBoost server", gpuCapable: false },
  lightgbm: { runtime: "kserve-lgbserver", modelFormat: "lightgbm", label: "KServe LightGBM server", gpuCapable: false },
  tfserving: { runtime: "kserve-tensorflow-serving", modelFormat: "tensorflow", label: "TensorFlow Serving", gpuCapable: true },
  torchserve: { runtime: "kserve-torchserve", modelFormat: "pytorch", label: "TorchServe", gpuCapable: true },
  tritonOnnx: { runtime: "kserve-tritonserver", modelFormat: "onnx", label: "NVIDIA Triton", gpuCapable: true },
  tritonTf: { runtime: "kserve-tritonserver", modelFormat: "tensorflow", label: "NVIDIA Triton", gpuCapable: true },
  tritonTorch: { runtime: "kserve-tritonserver", modelFormat: "pytorch", label: "NVIDIA Triton", gpuCapable: true },
  triton: { runtime: "kserve-tritonserver", modelFormat: "triton", label: "NVIDIA Triton", gpuCapable: true },
  vllm: { runtime: "kserve-vllmserver", modelFormat: "vLLM", label: "vLLM", gpuCapable: true },
  huggingface: { runtime: "kserve-huggingfaceserver", modelFormat: "huggingface", label: "KServe Hugging Face server", gpuCapable: true },
} as const satisfies Record<string, TRuntimeOption>;

export const RUNTIME_OPTIONS_BY_FRAMEWORK: Record<TFramework, readonly TRuntimeOption[]> = {
  sklearn: [RUNTIMES.sklearn],
  xgboost: [RUNTIMES.xgboost],
  lightgbm: [RUNTIMES.lightgbm],
  onnx: [RUNTIMES.tritonOnnx],
  tensorflow: [RUNTIMES.tfserving, RUNTIMES.tritonTf],
  pytorch: [RUNTIMES.torchserve, RUNTIMES.tritonTorch],
  triton: [RUNTIMES.triton],
  huggingface: [RUNTIMES.vllm, RUNTIMES.huggingface],
};

/** The default runtime for a framework, or the named override when the framework supports it. */
export function chooseRuntime(framework: TFramework, override?: string): TRuntimeOption {
  const options = RUNTIME_OPTIONS_BY_FRAMEWORK[framework];
  const chosen = override ? options.find((option) => option.runtime === override) : options[0];
  if (!chosen) {
    throw new Error(`Runtime ${override} cannot serve ${framework} models; choose one of ${options.map((o) => o.runtime).join(", ")}`);
  }
  return chosen;
}
