import type { GpuDevice } from "../fleet/fleet";
import { isKnownStorage, memoryNeededBytes, modelSizeBytes } from "../kserve/model";
import { formatBytes, parseQuantity } from "../scheduler/quantity";
import type { KubeObject } from "../store/types";

// What a simulated container does once started: how long each stage takes, whether it
// fails, and what it prints. Derived only from the pod, so restarts replay the same story.

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export type ServerKind = "vllm" | "huggingface" | "triton" | "torchserve" | "tensorflow" | "kserve" | "generic";

export interface Crash {
  reason: "OOMKilled" | "Error";
  exitCode: number;
  message: string;
  logs: string[];
}

export interface Workload {
  pullMs: number;
  /** The storage-initializer, when the pod downloads a model first. */
  download?: { container: string; uri: string; ms: number; ok: boolean };
  loadMs: number;
  crash?: Crash;
  server: ServerKind;
  modelName: string;
  modelBytes: number;
  startLogs: string[];
  readyLogs: string[];
}

function argValue(args: string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === flag) return args[i + 1];
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
  }
  return undefined;
}

function serverKind(image: string): ServerKind {
  if (/vllm/.test(image)) return "vllm";
  if (/huggingface/.test(image)) return "huggingface";
  if (/triton/.test(image)) return "triton";
  if (/torchserve/.test(image)) return "torchserve";
  if (/tensorflow\/serving/.test(image)) return "tensorflow";
  if (/kserve\//.test(image)) return "kserve";
  return "generic";
}

const stamp = () => {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

export function workloadFor(pod: KubeObject, devices: GpuDevice[], knownStorage: string[]): Workload {
  const spec = rec(pod.spec);
  const main = arr(spec.containers)[0] ?? {};
  const image = String(main.image ?? "");
  const args = [...strings(main.command), ...strings(main.args)];
  const kind = serverKind(image);
  const init = arr(spec.initContainers).find((c) => c.name === "storage-initializer");
  const uri = init ? strings(init.args)[0] : undefined;
  const hfModel = argValue(args, "--model");
  const source = uri ?? (hfModel && hfModel !== "/mnt/models" ? hfModel : undefined);
  const annotations = pod.metadata.annotations ?? {};
  const modelBytes = kind === "generic" && !source ? 0 : modelSizeBytes(source, annotations);
  const modelName =
    argValue(args, "--served-model-name") ?? argValue(args, "--model_name") ?? pod.metadata.labels?.["serving.kserve.io/inferenceservice"] ?? String(main.name ?? "model");
  const gb = modelBytes / 1e9;
  const heavyImage = kind === "vllm" || kind === "triton" || kind === "torchserve" || kind === "huggingface";
  const pullMs = heavyImage ? 8000 : 2500;
  // vLLM fetches weights itself when given a hub id, so that time is part of loading.
  const selfDownloadMs = !uri && hfModel && hfModel !== "/mnt/models" ? (modelBytes / 250e6) * 1000 : 0;
  const loadMs = kind === "generic" && !modelBytes ? 500 : 2000 + gb * 1000 + selfDownloadMs + (kind === "vllm" ? 8000 : 0);
  const download = init && uri ? { container: "storage-initializer", uri, ms: 1000 + (modelBytes / 250e6) * 1000, ok: isKnownStorage(uri, knownStorage) } : undefined;

  const limit = rec(rec(main.resources).limits).memory;
  const memLimit = limit !== undefined ? parseQuantity(limit) : undefined;
  const needed = memoryNeededBytes(modelBytes);
  const gpuMemBytes = uniqueGpuMemory(devices);
  let crash: Crash | undefined;
  if (modelBytes && memLimit !== undefined && memLimit < needed) {
    crash = { reason: "OOMKilled", exitCode: 137, message: "", logs: [] };
  } else if (modelBytes && gpuMemBytes > 0 && modelBytes * 1.1 > gpuMemBytes) {
    const msg = `torch.OutOfMemoryError: CUDA out of memory. Tried to allocate ${formatBytes(Math.round(modelBytes / 8))}. GPU 0 has a total capacity of ${(gpuMemBytes / 2 ** 30).toFixed(2)} GiB`;
    crash = { reason: "Error", exitCode: 1, message: msg, logs: ["Traceback (most recent call last):", '  File "/usr/local/lib/python3.12/site-packages/vllm/model_executor/model_loader/loader.py", line 443, in load_model', msg] };
  }

  return { pullMs, ...(download ? { download } : {}), loadMs, ...(crash ? { crash } : {}), server: kind, modelName, modelBytes, startLogs: startLogs(kind, modelName, source, devices), readyLogs: readyLogs(kind, modelName, modelBytes, loadMs) };
}

function uniqueGpuMemory(devices: GpuDevice[]): number {
  const seen = new Map<string, number>();
  for (const d of devices) seen.set(d.uuid, d.memoryMiB);
  return [...seen.values()].reduce((n, mib) => n + mib * 2 ** 20, 0);
}

function startLogs(kind: ServerKind, name: string, source: string | undefined, devices: GpuDevice[]): string[] {
  const t = stamp();
  switch (kind) {
    case "vllm":
      return [
        `INFO ${t} [__init__.py:239] Automatically detected platform ${devices.length ? "cuda" : "cpu"}.`,
        `INFO ${t} [api_server.py:1043] vLLM API server version 0.8.5`,
        `INFO ${t} [api_server.py:1044] args: Namespace(host=None, port=8080, model='${source ?? "/mnt/models"}', served_model_name=['${name}'], tensor_parallel_size=${Math.max(1, devices.length)})`,
        `INFO ${t} [config.py:717] This model supports multiple tasks: {'generate', 'embed'}. Defaulting to 'generate'.`,
        `INFO ${t} [core.py:58] Initializing a V1 LLM engine (v0.8.5) with config: model='${source ?? "/mnt/models"}', dtype=torch.bfloat16`,
        `INFO ${t} [gpu_model_runner.py:1329] Starting to load model ${source ?? "/mnt/models"}...`,
      ];
    case "triton":
      return [
        "I1121 10:00:00.000000 1 pinned_memory_manager.cc:277] Pinned memory pool is created at '0x7f0000000000' with size 268435456",
        "I1121 10:00:00.000000 1 cuda_memory_manager.cc:107] CUDA memory pool is created on device 0 with size 67108864",
        `I1121 10:00:00.000000 1 model_lifecycle.cc:469] loading: ${name}:1`,
      ];
    case "generic":
      return [];
    default:
      return [
        `${new Date().toISOString()} kserve.storage INFO Model directory /mnt/models`,
        `INFO:kserve:Loading ${kind === "kserve" ? "" : kind + " "}model ${name} from /mnt/models`,
        `INFO:kserve:Registering model: ${name}`,
      ];
  }
}

function readyLogs(kind: ServerKind, name: string, bytes: number, loadMs: number): string[] {
  const t = stamp();
  const secs = (loadMs / 1000).toFixed(2);
  switch (kind) {
    case "vllm":
      return [
        `INFO ${t} [loader.py:458] Loading weights took ${(loadMs / 2000).toFixed(2)} seconds`,
        `INFO ${t} [gpu_model_runner.py:1347] Model loading took ${(bytes / 2 ** 30).toFixed(4)} GiB and ${secs} seconds`,
        `INFO ${t} [kv_cache_utils.py:634] GPU KV cache size: 196,608 tokens`,
        `INFO ${t} [gpu_model_runner.py:1686] Graph capturing finished in 8 secs, took 0.52 GiB`,
        `INFO ${t} [api_server.py:1090] Starting vLLM API server on http://0.0.0.0:8080`,
        "INFO:     Started server process [1]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.",
      ];
    case "triton":
      return [
        `I1121 10:00:00.000000 1 model_lifecycle.cc:835] successfully loaded '${name}'`,
        "I1121 10:00:00.000000 1 grpc_server.cc:2495] Started GRPCInferenceService at 0.0.0.0:9000",
        "I1121 10:00:00.000000 1 http_server.cc:4619] Started HTTPService at 0.0.0.0:8080",
        "I1121 10:00:00.000000 1 http_server.cc:282] Started Metrics Service at 0.0.0.0:8002",
      ];
    case "generic":
      return [];
    default:
      return [
        `INFO:kserve:Model ${name} loaded in ${secs} seconds`,
        "INFO:kserve:Setting max asyncio worker threads as 5",
        "INFO:kserve:Starting uvicorn with 1 workers",
        "INFO:     Started server process [1]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.",
        "INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)",
      ];
  }
}
