import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { buildManifests, type TManifestValues } from "@/lib/domain/deployments/build-manifests";
import { estimateServingMemoryBytes } from "@/lib/domain/deployments/defaults";
import type { TDriftItem } from "@/lib/domain/deployments/drift";
import { explainFailures, type TFailureExplanation } from "@/lib/domain/deployments/explain-failure";
import { computeLaunchProgress, type TLaunchProgress } from "@/lib/domain/deployments/progress";
import { describeConditions, type TConditionView } from "@/lib/domain/deployments/status";
import type { TClusterEvent, TServingPod, TTrafficTarget } from "@/lib/domain/deployments/types";
import { toYaml } from "@/lib/domain/deployments/yaml-diff";
import { checkFit } from "@/lib/services/gpu-pools/check-fit";
import { getDeploymentSlo, type TDeploymentSlo } from "@/lib/services/slos/set-deployment-slo";
import { canManage, getDeploymentRowOrThrow, specOf, toListItem, type TDeploymentListItem } from "./deployment-views";
import { objectKeyOf, readServingIndex } from "./read-serving";
import { ensureReconcilerRunning } from "./reconcile-deployments";

export type TDeploymentDetail = TDeploymentListItem & {
  clusterKey: string;
  clusterStatus: { state: string; error: string | null };
  isInCluster: boolean;
  resourceVersion: string | null;
  /** Send back as expectedVersion when editing: changes only with spec/labels/annotations. */
  changeVersion: string | null;
  internalUrl: string | null;
  storageUri: string;
  modelSizeBytes: number;
  runtime: string;
  mode: string;
  resources: { cpu: string; memory: string; gpu: string | null };
  autoscaling: { minReplicas: number; maxReplicas: number; target: string | null };
  isStopped: boolean;
  /** The values the edit form starts from. */
  editable: { resources: TManifestValues["resources"]; autoscaling: TManifestValues["autoscaling"] };
  conditions: TConditionView[];
  progress: TLaunchProgress | null;
  explanations: TFailureExplanation[];
  revisions: { latestCreated: string | null; latestReady: string | null; latestRolledout: string | null; previousRolledout: string | null };
  trafficTargets: TTrafficTarget[];
  pods: (Pick<TServingPod, "name" | "nodeName" | "phase" | "createdAt" | "gpuRequest" | "revision"> & { ready: boolean; restarts: number; reason: string | null; containers: string[] })[];
  events: TClusterEvent[];
  drift: TDriftItem[];
  driftDetectedAt: string | null;
  yaml: string;
  canManage: boolean;
  /** The on-call targets (p99 latency, error rate), or null when none is set. */
  slo: TDeploymentSlo | null;
};

export async function getDeploymentOrThrow(actor: TActor | null, namespace: string, name: string): Promise<TDeploymentDetail> {
  requirePermission(actor, "fleet.view");
  const [row, index, slo] = await Promise.all([getDeploymentRowOrThrow(namespace, name), readServingIndex(), getDeploymentSlo(namespace, name)]);
  ensureReconcilerRunning();
  const key = objectKeyOf(namespace, name);
  const isvc = index.isvcByKey.get(key) ?? null;
  const allPods = index.podsByIsvc.get(key) ?? [];
  const pods = allPods.filter((pod) => !pod.isTerminating && pod.phase !== "Succeeded");
  const spec = specOf(row);
  const manifests = buildManifests(spec);
  const podNames = new Set(allPods.map((pod) => pod.name));
  const events = [
    ...(index.eventsByObject.get(key) ?? []),
    ...[...index.eventsByObject.entries()].filter(([k]) => k.startsWith(`${namespace}/`) && podNames.has(k.slice(namespace.length + 1))).flatMap(([, list]) => list),
  ].sort((a, b) => (b.lastAt ?? "").localeCompare(a.lastAt ?? ""));
  const sizeBytes = Number(row.modelVersion.artifactSizeBytes);
  const gpu = spec.resources.gpu;
  const isStopped = spec.isStopped === true;
  const item = toListItem(row, index);

  let explanations: TFailureExplanation[] = [];
  if (isvc && !isStopped && item.phase.phase !== "Ready") {
    const fit = await checkFit(actor, {
      pool: spec.pool.name,
      cpu: spec.resources.cpu,
      memory: spec.resources.memory,
      gpus: gpu ? gpu.count : 0,
      migProfile: gpu?.kind === "mig" ? gpu.profile : null,
      replicas: 1,
      tolerations: [],
    }).catch(() => null);
    explanations = explainFailures(isvc, pods, events, {
      pool: spec.pool.name,
      storageUri: spec.version.storageUri,
      requiredMemoryBytes: estimateServingMemoryBytes(sizeBytes),
      memoryLimit: spec.resources.memory,
      poolsWithRoom: fit?.suggestions ?? [],
    });
  }
  const target = spec.autoscaling.target;
  return {
    ...item,
    clusterKey: index.clusterKey,
    clusterStatus: { state: index.status.state, error: index.status.error },
    isInCluster: Boolean(isvc),
    resourceVersion: isvc?.resourceVersion ?? null,
    changeVersion: isvc?.changeVersion ?? null,
    internalUrl: isvc?.internalUrl ?? null,
    storageUri: spec.version.storageUri,
    modelSizeBytes: sizeBytes,
    runtime: String((manifests.inferenceService.spec.predictor as { model: { runtime: string } }).model.runtime),
    mode: spec.mode,
    resources: { cpu: spec.resources.cpu, memory: spec.resources.memory, gpu: gpu ? (gpu.kind === "mig" ? `${gpu.count} × MIG ${gpu.profile}` : `${gpu.count} × GPU`) : null },
    autoscaling: {
      minReplicas: spec.autoscaling.minReplicas,
      maxReplicas: spec.autoscaling.maxReplicas,
      target: !target ? null : target.kind === "keda" ? `KEDA: ${target.query} > ${target.threshold}` : `${target.value} ${target.kind === "rps" ? "requests/s" : "concurrent requests"} per replica`,
    },
    isStopped,
    editable: { resources: spec.resources, autoscaling: spec.autoscaling },
    conditions: isvc ? describeConditions(isvc.conditions) : [],
    progress: isvc && !isStopped ? computeLaunchProgress(isvc, pods, sizeBytes) : null,
    explanations,
    revisions: isvc?.revisions ?? { latestCreated: null, latestReady: null, latestRolledout: null, previousRolledout: null },
    trafficTargets: isvc?.traffic ?? [],
    pods: pods.map((pod) => {
      const main = pod.containers.find((c) => !c.isInit);
      const waiting = pod.containers.find((c) => c.state === "waiting" && c.reason);
      return {
        name: pod.name,
        nodeName: pod.nodeName,
        phase: pod.phase,
        createdAt: pod.createdAt,
        gpuRequest: pod.gpuRequest,
        revision: pod.revision,
        ready: pod.conditions.some((c) => c.type === "Ready" && c.status === "True"),
        restarts: main?.restartCount ?? 0,
        reason: waiting?.reason ?? main?.lastTerminationReason ?? (pod.nodeName ? null : "Unschedulable"),
        containers: pod.containers.filter((c) => !c.isInit).map((c) => c.name),
      };
    }),
    events: events.slice(0, 50),
    drift: Array.isArray(row.drift) ? (row.drift as TDriftItem[]) : [],
    driftDetectedAt: row.driftDetectedAt?.toISOString() ?? null,
    yaml: toYaml([manifests.inferenceService, ...(manifests.scaledObject ? [manifests.scaledObject] : [])]),
    canManage: canManage(actor, row.team.id),
    slo,
  };
}
