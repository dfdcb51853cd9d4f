import { db } from "@/lib/adapters/db";
import { fleetQueries } from "@/lib/adapters/prometheus/queries";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { compoundAlerts, mergeSignals, type TCompoundAlert, type TDeploymentSignals, topBy } from "@/lib/domain/metrics/alerts";
import type { TClusterStatus } from "@/lib/adapters/k8s/cluster-cache";
import { listDeployments } from "@/lib/services/deployments/list-deployments";
import { listGpuPools } from "@/lib/services/gpu-pools/list-gpu-pools";
import { metricsClient } from "@/lib/services/metrics/metric-panels";
import { listDeploymentSlos, type TDeploymentSlo } from "@/lib/services/slos/set-deployment-slo";

// The on-call overview: fleet health from the cluster cache and the registry, compound alerts
// and top-5 lists from Prometheus. Each source failing is shown as its reason, not as an error.

export type TOverviewDeployment = { namespace: string; name: string; phase: string; label: string; tone: string; traffic: string; environment: string };
export type TOverviewPool = { name: string; allocatedPercent: number; pendingPodCount: number };

export type TFleetOverview = {
  cluster: TClusterStatus | null;
  clusterReason: string | null;
  deploymentCount: number;
  notReady: TOverviewDeployment[];
  canaries: TOverviewDeployment[];
  pendingApprovals: number;
  poolsAtRisk: TOverviewPool[];
  alerts: TCompoundAlert[];
  topP99: TDeploymentSignals[];
  topErrors: TDeploymentSignals[];
  metricsReason: string | null;
  slos: TDeploymentSlo[];
};

const FLEET_WINDOW = "5m";

async function fleetSignals(): Promise<{ signals: TDeploymentSignals[]; reason: string | null }> {
  const { client, labels } = metricsClient();
  const q = fleetQueries(FLEET_WINDOW, labels);
  const [p99, errors, util, utilHour] = await Promise.all([q.p99ByDeployment, q.errorRatioByDeployment, q.gpuUtilByDeployment, q.gpuUtilMaxHourByDeployment].map((spec) => client.query(spec.query)));
  const failed = [p99, errors, util, utilHour].find((r) => !r!.ok);
  if (failed && !failed.ok) return { signals: [], reason: failed.reason };
  const knative = (r: typeof p99) => (r && r.ok ? r.data.map((s) => ({ namespace: s.labels.namespace_name ?? "", name: (s.labels.configuration_name ?? "").replace(/-predictor$/, ""), value: s.points[0]?.[1] ?? NaN })) : []);
  const gpu = (r: typeof p99) => (r && r.ok ? r.data.map((s) => ({ namespace: s.labels[labels.dcgmNamespace] ?? "", name: s.labels.deployment ?? "", value: s.points[0]?.[1] ?? NaN })) : []);
  return {
    signals: mergeSignals([
      { field: "p99Seconds", rows: knative(p99) },
      { field: "errorRatio", rows: knative(errors) },
      { field: "gpuUtilPercent", rows: gpu(util) },
      { field: "gpuUtilMaxHourPercent", rows: gpu(utilHour) },
    ]),
    reason: null,
  };
}

export async function getFleetOverview(actor: TActor | null): Promise<TFleetOverview> {
  requirePermission(actor, "fleet.view");
  const [deployments, pools, pendingApprovals, slos, metrics] = await Promise.all([
    listDeployments(actor).catch((error: unknown) => ({ error })),
    listGpuPools(actor).catch((error: unknown) => ({ error })),
    db.promotionRequest.count({ where: { status: "pending" } }),
    listDeploymentSlos(actor),
    fleetSignals(),
  ]);
  const list = "deployments" in deployments ? deployments.deployments : [];
  const view = (d: (typeof list)[number]): TOverviewDeployment => ({ namespace: d.namespace, name: d.name, phase: d.phase.phase, label: d.phase.label, tone: d.phase.tone, traffic: d.traffic, environment: d.environment });
  const poolList = "pools" in pools ? pools.pools : [];
  return {
    cluster: "status" in deployments ? deployments.status : "status" in pools ? pools.status : null,
    clusterReason: "error" in deployments ? String((deployments.error as Error)?.message ?? deployments.error) : null,
    deploymentCount: list.length,
    notReady: list.filter((d) => d.phase.phase !== "Ready" && d.phase.phase !== "Stopped").map(view),
    canaries: list.filter((d) => d.canaryPercent !== null).map(view),
    pendingApprovals,
    poolsAtRisk: poolList.filter((p) => p.allocatedPercent > 90 || p.pendingPodCount > 0).map((p) => ({ name: p.name, allocatedPercent: p.allocatedPercent, pendingPodCount: p.pendingPodCount })),
    alerts: compoundAlerts(metrics.signals, slos),
    topP99: topBy(metrics.signals, "p99Seconds"),
    topErrors: topBy(metrics.signals, "errorRatio"),
    metricsReason: metrics.reason,
    slos,
  };
}
