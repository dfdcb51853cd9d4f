import { db, Prisma } from "@/lib/adapters/db";
import { getInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";
import { buildManifests } from "@/lib/domain/deployments/build-manifests";
import { detectDrift, type TDriftItem } from "@/lib/domain/deployments/drift";
import { withTransaction } from "@/lib/adapters/db";
import { finishDeletion, removeFromCluster } from "./delete-deployment";
import { specOf } from "./deployment-views";
import { confirmDeployment } from "./launch-deployment";
import { readServingIndex, tryConnection } from "./read-serving";

// The reconciler keeps the registry and the cluster honest with each other:
// - a row left `creating` by a crash is adopted when its InferenceService exists (labelled
//   with the row's id), or removed (audited) when it does not;
// - a row left `deleting` is finished;
// - an active deployment whose cluster object differs from what Gantry applied (kubectl edit,
//   or deleted) is flagged as drift, with an audit event "changed outside Gantry".
// It runs as the system actor, from the watch cache, every RECONCILE_INTERVAL_MS and on demand.

export const SYSTEM_ACTOR = { id: null, email: "system:reconciler" } as const;

/** How long a launch may stay `creating` before the reconciler treats it as crashed. */
export const CREATING_GRACE_MS = 60_000;
const RECONCILE_INTERVAL_MS = 15_000;
const suspectedDrift = new Map<string, string>();

export type TReconcileReport = { adopted: string[]; abandoned: string[]; deleted: string[]; drifted: string[]; cleared: string[] };

export async function reconcileDeployments(options: { creatingGraceMs?: number } = {}): Promise<TReconcileReport> {
  const report: TReconcileReport = { adopted: [], abandoned: [], deleted: [], drifted: [], cleared: [] };
  const connection = tryConnection();
  if (!connection) return report;
  const index = await readServingIndex();
  if (index.status.state !== "live") return report; // never judge from a stale or partial view
  const grace = options.creatingGraceMs ?? CREATING_GRACE_MS;
  const rows = await db.deployment.findMany();
  for (const row of rows) {
    const key = `${row.namespace}/${row.name}`;
    try {
      if (row.state === "creating") {
        if (Date.now() - row.createdAt.getTime() < grace) continue;
        const live = await getInferenceService(connection, row.namespace, row.name);
        const spec = specOf(row);
        if (live && live.labels["gantry.dev/deployment-id"] === row.id) {
          await confirmDeployment(SYSTEM_ACTOR, row.id, { values: spec, manifests: buildManifests(spec) }, live.resourceVersion, "deployment.adopted");
          report.adopted.push(key);
        } else {
          await finishDeletion(SYSTEM_ACTOR, row.id, key, { spec, reason: "The launch did not reach the cluster (interrupted); the record was removed." }, "deployment.launch_abandoned");
          report.abandoned.push(key);
        }
      } else if (row.state === "deleting") {
        await removeFromCluster(row.namespace, row.name);
        await finishDeletion(SYSTEM_ACTOR, row.id, key, { spec: specOf(row), reason: "Deletion finished by the reconciler after an interruption." }, "deployment.deleted");
        report.deleted.push(key);
      } else {
        const isvc = index.isvcByKey.get(key);
        const desired = buildManifests(specOf(row)).inferenceService;
        const drift: TDriftItem[] = isvc ? detectDrift(desired, isvc) : [{ path: "(object)", expected: "present", actual: null }];
        const previous = JSON.stringify(row.drift ?? []);
        const current = JSON.stringify(drift);
        if (current === previous) {
          suspectedDrift.delete(row.id);
          continue;
        }
        // A difference must be seen on two passes: a Gantry edit commits its row just after
        // its cluster write, and must not be mistaken for a change outside Gantry.
        if (drift.length && suspectedDrift.get(row.id) !== current) {
          suspectedDrift.set(row.id, current);
          continue;
        }
        suspectedDrift.delete(row.id);
        await withTransaction(async (tx) => {
          await tx.deployment.update({
            where: { id: row.id },
            data: drift.length ? { drift: drift as unknown as Prisma.InputJsonValue, driftDetectedAt: new Date() } : { drift: Prisma.DbNull, driftDetectedAt: null },
          });
          if (drift.length) {
            await recordAuditEvent(tx, SYSTEM_ACTOR, {
              action: isvc ? "deployment.changed_outside_gantry" : "deployment.deleted_outside_gantry",
              targetType: "deployment",
              targetId: key,
              before: Object.fromEntries(drift.map((d) => [d.path, d.expected])),
              after: Object.fromEntries(drift.map((d) => [d.path, d.actual])),
              metadata: { deploymentId: row.id, resourceVersion: isvc?.resourceVersion ?? null },
            });
          }
        });
        (drift.length ? report.drifted : report.cleared).push(key);
      }
    } catch (error) {
      console.error(`[gantry] reconciler: ${key}:`, error);
    }
  }
  return report;
}

const state = globalThis as typeof globalThis & { __gantryReconciler?: NodeJS.Timeout; __gantryReconciling?: boolean };

/** Starts the periodic reconciler once per process (on the first deployment read). */
export function ensureReconcilerRunning(): void {
  if (state.__gantryReconciler || process.env.GANTRY_RECONCILER === "off") return;
  state.__gantryReconciler = setInterval(() => {
    if (state.__gantryReconciling) return;
    state.__gantryReconciling = true;
    reconcileDeployments()
      .catch((error: unknown) => console.error("[gantry] reconciler failed:", error))
      .finally(() => (state.__gantryReconciling = false));
  }, RECONCILE_INTERVAL_MS);
  state.__gantryReconciler.unref();
}
