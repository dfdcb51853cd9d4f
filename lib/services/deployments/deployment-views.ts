import type { Prisma } from "@/lib/adapters/db";
import { db } from "@/lib/adapters/db";
import type { TActor } from "@/lib/auth/permissions";
import type { TManifestValues } from "@/lib/domain/deployments/build-manifests";
import { summarizePhase, type TPhaseView } from "@/lib/domain/deployments/status";
import type { TDriftItem } from "@/lib/domain/deployments/drift";
import type { TInferenceServiceState, TServingPod } from "@/lib/domain/deployments/types";
import { rolloutOf, type TRolloutState } from "@/lib/domain/rollouts/rollout-state";
import { AppError } from "@/lib/errors";
import { objectKeyOf, type TServingIndex } from "./read-serving";

export const DEPLOYMENT_INCLUDE = {
  team: { select: { slug: true, id: true } },
  modelVersion: { select: { version: true, artifactSizeBytes: true, storageUri: true, model: { select: { name: true } } } },
  createdBy: { select: { email: true, name: true } },
} satisfies Prisma.DeploymentInclude;

export type TDeploymentRow = Prisma.DeploymentGetPayload<{ include: typeof DEPLOYMENT_INCLUDE }>;

export type TDeploymentListItem = {
  id: string;
  namespace: string;
  name: string;
  environment: string;
  team: string;
  model: string;
  version: number;
  /** Versions receiving traffic, e.g. "v3 80 % · v4 20 %". */
  traffic: string;
  /** The canary's share while the InferenceService splits traffic between two revisions; null otherwise. */
  canaryPercent: number | null;
  replicas: { ready: number; desired: number };
  pool: string;
  phase: TPhaseView;
  registryState: "creating" | "active" | "deleting";
  hasDrift: boolean;
  createdAt: string;
  createdBy: string | null;
  url: string | null;
};

export function specOf(row: { spec: unknown }): TManifestValues {
  return row.spec as TManifestValues;
}

export function isPodReady(pod: TServingPod): boolean {
  return pod.conditions.some((c) => c.type === "Ready" && c.status === "True");
}

export function describeTraffic(isvc: TInferenceServiceState | null, version: number, rollout: TRolloutState | null = null): string {
  if (!isvc || isvc.traffic.length <= 1) return `v${version} 100 %`;
  const stable = rollout ? `v${rollout.stable.version}` : "stable";
  const latest = rollout ? `v${rollout.canary.version}` : `v${version}`;
  return isvc.traffic.map((t) => `${t.tag === "prev" ? stable : t.isLatest ? latest : (t.revisionName ?? "?")} ${t.percent} %`).join(" · ");
}

/** The latest revision's share while traffic is split between two revisions (a live canary). */
export function canaryShareOf(isvc: TInferenceServiceState | null): number | null {
  if (!isvc || isvc.traffic.length < 2) return null;
  return isvc.traffic.find((t) => t.isLatest)?.percent ?? null;
}

export function toListItem(row: TDeploymentRow, index: TServingIndex): TDeploymentListItem {
  const key = objectKeyOf(row.namespace, row.name);
  const isvc = index.isvcByKey.get(key) ?? null;
  const pods = (index.podsByIsvc.get(key) ?? []).filter((pod) => !pod.isTerminating && pod.phase !== "Succeeded" && pod.phase !== "Failed");
  const spec = specOf(row);
  const phase: TPhaseView =
    row.state === "creating" ? { phase: "Loading", label: "Launching", tone: "busy" } : row.state === "deleting" ? { phase: "Deleting", label: "Deleting", tone: "idle" } : index.status.state === "syncing" && !isvc ? { phase: "Loading", label: "Reading the cluster", tone: "idle" } : summarizePhase(isvc, pods);
  const stopped = phase.phase === "Stopped";
  return {
    id: row.id,
    namespace: row.namespace,
    name: row.name,
    environment: row.environment,
    team: row.team.slug,
    model: row.modelVersion.model.name,
    version: row.modelVersion.version,
    traffic: describeTraffic(isvc, row.modelVersion.version, rolloutOf(row)),
    canaryPercent: canaryShareOf(isvc),
    replicas: { ready: pods.filter(isPodReady).length, desired: stopped ? 0 : Math.max(spec.autoscaling?.minReplicas ?? 1, pods.length) },
    pool: row.pool,
    phase,
    registryState: row.state,
    hasDrift: Array.isArray(row.drift) && (row.drift as TDriftItem[]).length > 0,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.email ?? null,
    url: isvc?.url ?? null,
  };
}

/** A deployment row by namespace and name; NOT_FOUND naming it otherwise. */
export async function getDeploymentRowOrThrow(namespace: string, name: string): Promise<TDeploymentRow> {
  const row = await db.deployment.findUnique({ where: { namespace_name: { namespace, name } }, include: DEPLOYMENT_INCLUDE });
  if (!row) throw new AppError("NOT_FOUND", `There is no deployment ${name} in ${namespace}.`);
  return row;
}

export function canManage(actor: TActor, teamId: string): boolean {
  if (actor.role === "admin") return true;
  return actor.role === "engineer" && actor.teams.some((team) => team.id === teamId);
}
