import type { TCondition, TInferenceServiceState, TServingPod } from "./types";

// A deployment's state in one word, and KServe's conditions in plain words.

export type TDeploymentPhase = "Ready" | "Loading" | "Pending" | "Failed" | "Stopped" | "Updating" | "Missing" | "Deleting";

export type TPhaseView = { phase: TDeploymentPhase; label: string; tone: "good" | "busy" | "warn" | "bad" | "idle" };

const condition = (isvc: TInferenceServiceState, type: string): TCondition | undefined => isvc.conditions.find((c) => c.type === type);

export function isStopped(isvc: TInferenceServiceState): boolean {
  return isvc.annotations["serving.kserve.io/stop"] === "true" || condition(isvc, "Stopped")?.status === "True";
}

export function summarizePhase(isvc: TInferenceServiceState | null, pods: readonly TServingPod[]): TPhaseView {
  if (!isvc) return { phase: "Missing", label: "Not in the cluster", tone: "bad" };
  if (isvc.isDeleting) return { phase: "Deleting", label: "Deleting", tone: "idle" };
  if (isStopped(isvc)) return { phase: "Stopped", label: "Scaled to zero", tone: "idle" };
  const ready = condition(isvc, "Ready");
  const latest = condition(isvc, "LatestDeploymentReady");
  const live = pods.filter((pod) => !pod.isTerminating);
  const failedPod = live.some((pod) => pod.containers.some((c) => c.reason === "OOMKilled" || c.reason === "CrashLoopBackOff" || c.lastTerminationReason === "OOMKilled" || (c.isInit && c.state === "terminated" && (c.exitCode ?? 0) !== 0) || (c.isInit && (c.lastExitCode ?? 0) !== 0)));
  if (ready?.status === "True") {
    if (latest && latest.status !== "True") return failedPod || latest.status === "False" ? { phase: "Failed", label: "New revision failing", tone: "bad" } : { phase: "Updating", label: "Rolling out", tone: "busy" };
    return { phase: "Ready", label: "Ready", tone: "good" };
  }
  // Waiting for room comes first: KServe may also report an unschedulable pod as a failed load.
  const unscheduled = live.some((pod) => !pod.nodeName && pod.conditions.some((c) => c.type === "PodScheduled" && c.status === "False"));
  if (unscheduled && !failedPod) return { phase: "Pending", label: "Pending: cannot be scheduled", tone: "warn" };
  if (ready?.status === "False" || isvc.model.targetState === "FailedToLoad" || failedPod) return { phase: "Failed", label: "Failed", tone: "bad" };
  return { phase: "Loading", label: "Starting", tone: "busy" };
}

const CONDITION_WORDS: Record<string, string> = {
  Ready: "Serving requests",
  PredictorReady: "Model server is up",
  IngressReady: "Reachable at its URL",
  RoutesReady: "Traffic routes are set",
  LatestDeploymentReady: "Newest revision is up",
  PredictorRouteReady: "Predictor route is set",
  PredictorConfigurationReady: "Predictor configuration is applied",
  Stopped: "Stopped by hand",
  TransformerReady: "Transformer is up",
  ExplainerReady: "Explainer is up",
};

export type TConditionView = { type: string; label: string; state: "yes" | "no" | "waiting"; detail: string | null; since: string | null; isInfo: boolean };

export function describeConditions(conditions: readonly TCondition[]): TConditionView[] {
  const order = ["Ready", "PredictorReady", "IngressReady", "LatestDeploymentReady", "RoutesReady"];
  return [...conditions]
    .sort((a, b) => {
      const ia = order.indexOf(a.type);
      const ib = order.indexOf(b.type);
      return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib) || a.type.localeCompare(b.type);
    })
    .map((c) => {
      // Stopped reads the other way round: False is the normal state.
      const isGood = c.type === "Stopped" ? c.status === "False" : c.status === "True";
      const label = c.type === "Stopped" ? (c.status === "True" ? "Stopped by hand" : "Not stopped by hand") : (CONDITION_WORDS[c.type] ?? c.type.replace(/([a-z])([A-Z])/g, "$1 $2"));
      return {
        type: c.type,
        label,
        state: c.status === "Unknown" ? "waiting" : isGood ? "yes" : "no",
        detail: [c.reason, c.message].filter(Boolean).join(": ") || null,
        since: c.lastTransitionTime,
        isInfo: c.severity === "Info",
      };
    });
}
