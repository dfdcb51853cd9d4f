import type { KubeObject } from "../store/types";

// The default ClusterServingRuntimes a KServe install ships, written for the sim. Each entry
// names the model formats it serves, the server image and its start-up arguments.

interface RuntimeDef {
  name: string;
  serverType: string;
  image: string;
  formats: { name: string; version?: string; autoSelect?: boolean; priority?: number }[];
  protocols: string[];
  command?: string[];
  args: string[];
  cpu: string;
  memory: string;
  env?: { name: string; value: string }[];
}

const DEFS: RuntimeDef[] = [
  { name: "kserve-sklearnserver", serverType: "sklearnserver", image: "kserve/sklearnserver:v0.15.2", formats: [{ name: "sklearn", version: "1", autoSelect: true, priority: 1 }], protocols: ["v1", "v2"], args: ["--model_name={{.Name}}", "--model_dir=/mnt/models", "--http_port=8080"], cpu: "1", memory: "2Gi" },
  { name: "kserve-xgbserver", serverType: "xgbserver", image: "kserve/xgbserver:v0.15.2", formats: [{ name: "xgboost", version: "1", autoSelect: true, priority: 1 }], protocols: ["v1", "v2"], args: ["--model_name={{.Name}}", "--model_dir=/mnt/models", "--http_port=8080", "--nthread=1"], cpu: "1", memory: "2Gi" },
  { name: "kserve-lgbserver", serverType: "lgbserver", image: "kserve/lgbserver:v0.15.2", formats: [{ name: "lightgbm", version: "3", autoSelect: true, priority: 1 }], protocols: ["v1", "v2"], args: ["--model_name={{.Name}}", "--model_dir=/mnt/models", "--http_port=8080", "--nthread=1"], cpu: "1", memory: "2Gi" },
  { name: "kserve-tensorflow-serving", serverType: "tensorflow-serving", image: "tensorflow/serving:2.6.2", formats: [{ name: "tensorflow", version: "1", autoSelect: true, priority: 2 }, { name: "tensorflow", version: "2", autoSelect: true, priority: 2 }], protocols: ["v1", "grpc-v1"], command: ["/usr/bin/tensorflow_model_server"], args: ["--model_name={{.Name}}", "--port=9000", "--rest_api_port=8080", "--model_base_path=/mnt/models", "--rest_api_timeout_in_ms=60000"], cpu: "1", memory: "2Gi" },
  { name: "kserve-torchserve", serverType: "torchserve", image: "pytorch/torchserve-kfs:0.9.0", formats: [{ name: "pytorch", version: "1", autoSelect: true, priority: 2 }], protocols: ["v1", "v2", "grpc-v2"], command: ["torchserve", "--start", "--model-store=/mnt/models/model-store", "--ts-config=/mnt/models/config/config.properties"], args: [], cpu: "1", memory: "2Gi", env: [{ name: "TS_SERVICE_ENVELOPE", value: "{{.Labels.serviceEnvelope}}" }] },
  { name: "kserve-tritonserver", serverType: "tritonserver", image: "nvcr.io/nvidia/tritonserver:23.05-py3", formats: [{ name: "tensorrt", version: "8", autoSelect: true, priority: 1 }, { name: "tensorflow", version: "1", autoSelect: true, priority: 1 }, { name: "tensorflow", version: "2", autoSelect: true, priority: 1 }, { name: "onnx", version: "1", autoSelect: true, priority: 1 }, { name: "pytorch", version: "1" }, { name: "triton", version: "2", autoSelect: true, priority: 1 }], protocols: ["v2", "grpc-v2"], command: ["tritonserver"], args: ["--model-store=/mnt/models", "--grpc-port=9000", "--http-port=8080", "--allow-grpc=true", "--allow-http=true"], cpu: "1", memory: "2Gi" },
  { name: "kserve-huggingfaceserver", serverType: "huggingfaceserver", image: "kserve/huggingfaceserver:v0.15.2", formats: [{ name: "huggingface", version: "1", autoSelect: true, priority: 1 }], protocols: ["v2", "v1"], args: ["--model_name={{.Name}}"], cpu: "1", memory: "2Gi" },
  { name: "kserve-vllmserver", serverType: "vllmserver", image: "vllm/vllm-openai:v0.8.5", formats: [{ name: "vLLM", version: "1", autoSelect: true, priority: 1 }], protocols: ["v2", "v1"], command: ["python", "-m", "vllm.entrypoints.openai.api_server"], args: ["--port=8080", "--served-model-name={{.Name}}", "--model=/mnt/models"], cpu: "1", memory: "2Gi" },
];

export function defaultClusterServingRuntimes(): KubeObject[] {
  return DEFS.map((d) => ({
    apiVersion: "serving.kserve.io/v1alpha1",
    kind: "ClusterServingRuntime",
    metadata: { name: d.name, annotations: { "serving.kserve.io/server-type": d.serverType } },
    spec: {
      annotations: { "prometheus.kserve.io/port": "8080", "prometheus.kserve.io/path": "/metrics" },
      supportedModelFormats: d.formats,
      protocolVersions: d.protocols,
      containers: [
        {
          name: "kserve-container",
          image: d.image,
          ...(d.command ? { command: d.command } : {}),
          args: d.args,
          ...(d.env ? { env: d.env } : {}),
          resources: { requests: { cpu: d.cpu, memory: d.memory }, limits: { cpu: d.cpu, memory: d.memory } },
        },
      ],
    },
  }));
}
