import { formatBytes } from "@/lib/domain/models/estimate-gpu-memory";
import { currentPod } from "./progress";
import type { TClusterEvent, TInferenceServiceState, TServingPod } from "./types";

// What went wrong, in plain words, with the fix to try. Pure: the caller passes the pools that
// have room (from the GPU fit check) and the memory the model needs.

export type TFailureExplanation = { kind: "unschedulable" | "oom" | "storage" | "gpu-oom" | "crash" | "image"; title: string; detail: string; fix: string };

export type TExplainContext = {
  pool: string;
  storageUri: string;
  /** Memory the model needs to load, bytes; null when unknown. */
  requiredMemoryBytes: number | null;
  memoryLimit: string;
  /** Pools where the same request fits now (from the fit check). */
  poolsWithRoom: { pool: string; summary: string }[];
};

export function roundUpGi(bytes: number): string {
  return `${Math.ceil(bytes / 2 ** 30)}Gi`;
}

export function explainFailures(isvc: TInferenceServiceState | null, pods: readonly TServingPod[], events: readonly TClusterEvent[], context: TExplainContext): TFailureExplanation[] {
  const out: TFailureExplanation[] = [];
  const pod = currentPod(pods);
  const unscheduled = pod?.conditions.find((c) => c.type === "PodScheduled" && c.status === "False");
  const failedScheduling = events.find((e) => e.reason === "FailedScheduling" && (!pod || e.involvedName === pod.name));
  const schedulerMessage = unscheduled?.message ?? (pod && !pod.nodeName ? failedScheduling?.message : undefined);
  if (schedulerMessage) {
    const short = [...schedulerMessage.matchAll(/Insufficient ([\w./-]+)/g)].map((m) => m[1]!);
    const resource = short.find((r) => r.startsWith("nvidia.com/")) ?? short[0] ?? null;
    const isGpu = resource?.startsWith("nvidia.com/") ?? false;
    const others = context.poolsWithRoom.filter((p) => p.pool !== context.pool);
    out.push({
      kind: "unschedulable",
      title: isGpu ? `Waiting for GPUs: no node in pool ${context.pool} has enough free for one replica` : resource ? `Waiting for ${resource}: no node in pool ${context.pool} has enough free` : "No node can take the pod",
      detail: `The scheduler says: ${schedulerMessage}`,
      fix: others.length
        ? `Pools with room for this deployment now: ${others.map((p) => `${p.pool} (${p.summary})`).join("; ")}. Edit the deployment to use one of them, or wait for capacity in ${context.pool}.`
        : `No other pool has room for this request now. Lower the request (fewer GPUs, a MIG slice), free capacity in ${context.pool}, or wait: the pod starts as soon as a node has room.`,
    });
  }
  const containers = pod?.containers ?? [];
  const init = containers.find((c) => c.isInit);
  const main = containers.find((c) => !c.isInit);
  // A pod that never got a node has not tried to load anything yet.
  const storageFailed = (init && init.state === "terminated" && (init.exitCode ?? 0) !== 0) || init?.lastExitCode || (isvc?.model.targetState === "FailedToLoad" && Boolean(pod?.nodeName) && !main?.lastTerminationReason);
  if (storageFailed) {
    out.push({
      kind: "storage",
      title: "The model could not be loaded from storage",
      detail: isvc?.model.failure?.message ?? init?.message ?? `Downloading ${context.storageUri} failed.`,
      fix: `Check the storageUri ${context.storageUri}: the bucket or path must exist and the cluster's storage credentials must be able to read it. Register a version with the right URI, then edit this deployment to use it.`,
    });
  }
  if (main && (main.reason === "OOMKilled" || main.lastTerminationReason === "OOMKilled")) {
    const need = context.requiredMemoryBytes;
    out.push({
      kind: "oom",
      title: "The model server ran out of memory (OOMKilled)",
      detail: `The container was killed for using more than its memory limit of ${context.memoryLimit}; it restarted ${main.restartCount} time${main.restartCount === 1 ? "" : "s"}.`,
      fix: need ? `Raise memory to at least ${roundUpGi(need)} (the model needs about ${formatBytes(need)} to load).` : "Raise the memory limit: the model needs more than it has.",
    });
  }
  const cudaOom = main?.message && /CUDA out of memory/i.test(main.message) ? main.message : null;
  if (cudaOom) {
    out.push({ kind: "gpu-oom", title: "The model does not fit in GPU memory", detail: cudaOom, fix: "Pick a pool with larger GPUs, or more GPUs per replica, or a smaller (quantised) model version." });
  }
  if (main && !out.some((e) => e.kind === "oom" || e.kind === "gpu-oom") && (main.reason === "CrashLoopBackOff" || (main.state === "terminated" && (main.exitCode ?? 0) !== 0))) {
    out.push({ kind: "crash", title: "The model server keeps crashing", detail: `Exit code ${main.exitCode ?? main.lastExitCode ?? "?"}${main.message ? `: ${main.message}` : ""}.`, fix: "Read the predictor logs below for the error; check that the runtime matches the model's format." });
  }
  if ([init?.reason, main?.reason].some((r) => r === "ImagePullBackOff" || r === "ErrImagePull")) {
    out.push({ kind: "image", title: "The runtime image could not be pulled", detail: main?.message ?? init?.message ?? "", fix: "Check the serving runtime's image and the cluster's registry access." });
  }
  return out;
}
