import { formatBytes } from "@/lib/domain/models/estimate-gpu-memory";
import type { TInferenceServiceState, TServingPod } from "./types";

// The launch as four steps with their timings, read from the InferenceService and its newest
// predictor pod: scheduled → image pulled / container creating → model loading → ready.

export type TStepState = "done" | "active" | "failed" | "waiting";

export type TProgressStep = {
  key: "scheduled" | "pulling" | "loading" | "ready";
  label: string;
  state: TStepState;
  detail: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Milliseconds the step took (or has taken so far, to `now`). */
  durationMs: number | null;
};

export type TLaunchProgress = { steps: TProgressStep[]; percent: number; pod: string | null };

const ms = (from: string | null, to: string | null, now: Date): number | null => (from ? Math.max(0, (to ? Date.parse(to) : now.getTime()) - Date.parse(from)) : null);

/** The pod the progress follows: the newest live predictor pod. */
export function currentPod(pods: readonly TServingPod[]): TServingPod | null {
  const live = pods.filter((pod) => !pod.isTerminating && pod.phase !== "Succeeded");
  return [...live].sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""))[0] ?? null;
}

export function computeLaunchProgress(isvc: TInferenceServiceState, pods: readonly TServingPod[], modelSizeBytes: number | null, now = new Date()): TLaunchProgress {
  const pod = currentPod(pods);
  const ready = isvc.conditions.find((c) => c.type === "Ready");
  const isReady = ready?.status === "True";
  const start = pod?.createdAt ?? isvc.createdAt;

  const scheduledCond = pod?.conditions.find((c) => c.type === "PodScheduled");
  const isScheduled = Boolean(pod?.nodeName) || scheduledCond?.status === "True";
  const scheduledAt = isScheduled ? (scheduledCond?.lastTransitionTime ?? start) : null;

  const init = pod?.containers.find((c) => c.isInit);
  const main = pod?.containers.find((c) => !c.isInit);
  const firstStarted = init?.startedAt ?? main?.startedAt ?? null;
  const mainWaitingReason = main?.state === "waiting" ? main.reason : null;
  const pullFailed = [init?.reason, main?.reason].some((reason) => reason === "ImagePullBackOff" || reason === "ErrImagePull");
  const initFailed = Boolean(init && init.state === "terminated" && (init.exitCode ?? 0) !== 0) || (init?.reason === "CrashLoopBackOff" && init.restartCount > 0);
  const mainCrashed = Boolean(main && (main.reason === "OOMKilled" || main.reason === "CrashLoopBackOff" || main.lastTerminationReason === "OOMKilled" || (main.state === "terminated" && (main.exitCode ?? 0) !== 0)));
  const podReadyCond = pod?.conditions.find((c) => c.type === "Ready");
  const podReadyAt = podReadyCond?.status === "True" ? podReadyCond.lastTransitionTime : null;

  const size = modelSizeBytes ? ` (${formatBytes(modelSizeBytes)})` : "";
  const steps: TProgressStep[] = [
    {
      key: "scheduled",
      label: "Scheduled on a node",
      state: isScheduled ? "done" : scheduledCond?.status === "False" ? "failed" : pod ? "active" : isReady ? "done" : "waiting",
      detail: isScheduled ? (pod?.nodeName ? `on ${pod.nodeName}` : null) : scheduledCond?.status === "False" ? (scheduledCond.message ?? "No node can take the pod.") : null,
      startedAt: start,
      finishedAt: scheduledAt,
      durationMs: pod ? ms(start, scheduledAt, now) : null,
    },
    {
      key: "pulling",
      label: "Image pulled, container creating",
      state: !isScheduled ? "waiting" : pullFailed ? "failed" : firstStarted ? "done" : "active",
      detail: pullFailed ? "The image could not be pulled." : !firstStarted && mainWaitingReason ? mainWaitingReason : null,
      startedAt: scheduledAt,
      finishedAt: firstStarted,
      durationMs: isScheduled ? ms(scheduledAt, firstStarted, now) : null,
    },
    {
      key: "loading",
      label: `Model loading${size}`,
      state: !firstStarted ? "waiting" : initFailed || mainCrashed || isvc.model.targetState === "FailedToLoad" ? "failed" : podReadyAt ? "done" : "active",
      detail: initFailed
        ? "Downloading the model failed."
        : mainCrashed
          ? `The model server stopped${main?.reason === "OOMKilled" || main?.lastTerminationReason === "OOMKilled" ? " (out of memory)" : ""}; restarts: ${main?.restartCount ?? 0}.`
          : firstStarted && init && init.state !== "terminated"
            ? "Downloading the model from storage"
            : firstStarted && !podReadyAt
              ? "Loading into the model server"
              : null,
      startedAt: firstStarted,
      finishedAt: podReadyAt,
      durationMs: firstStarted ? ms(firstStarted, podReadyAt, now) : null,
    },
    {
      key: "ready",
      label: "Ready to serve",
      state: isReady ? "done" : podReadyAt ? "active" : "waiting",
      detail: isReady ? (isvc.url ? `at ${isvc.url}` : null) : podReadyAt ? "Routing traffic to the new pod" : null,
      startedAt: podReadyAt,
      finishedAt: isReady ? (ready?.lastTransitionTime ?? podReadyAt) : null,
      durationMs: podReadyAt ? ms(podReadyAt, isReady ? (ready?.lastTransitionTime ?? podReadyAt) : null, now) : null,
    },
  ];
  // An already-Ready service whose pods are gone (scaled to zero) shows every step as done.
  if (isReady && !pod) for (const step of steps) step.state = "done";
  const done = steps.filter((step) => step.state === "done").length;
  const active = steps.some((step) => step.state === "active") ? 0.5 : 0;
  return { steps, percent: Math.round(((done + active) / steps.length) * 100), pod: pod?.name ?? null };
}
