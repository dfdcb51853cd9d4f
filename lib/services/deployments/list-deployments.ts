import { z } from "zod";
import { db, type Prisma } from "@/lib/adapters/db";
import type { TClusterStatus } from "@/lib/adapters/k8s/cluster-cache";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { DEPLOYMENT_INCLUDE, toListItem, type TDeploymentListItem } from "./deployment-views";
import { readServingIndex } from "./read-serving";
import { ensureReconcilerRunning } from "./reconcile-deployments";

export const ZListDeploymentsInput = z.object({
  scope: z.enum(["all", "mine", "team"]).default("all"),
  q: z.string().trim().max(100).default(""),
  environment: z.enum(["", "dev", "staging", "prod"]).default(""),
  status: z.string().default(""),
});
export type TListDeploymentsInput = z.input<typeof ZListDeploymentsInput>;

export type TDeploymentsView = {
  clusterKey: string;
  status: TClusterStatus;
  deployments: TDeploymentListItem[];
  total: number;
  /** Gantry-labelled InferenceServices the registry does not know (e.g. a lost record). */
  unmanaged: { namespace: string; name: string; deploymentId: string | null }[];
};

/** Deployments with their live state from the watch cache; filtered and searched. */
export async function listDeployments(actor: TActor | null, raw: TListDeploymentsInput = {}): Promise<TDeploymentsView> {
  requirePermission(actor, "fleet.view");
  const input = ZListDeploymentsInput.parse(raw);
  const where: Prisma.DeploymentWhereInput = {};
  // "mine" and "my team" are scoped by the actor resolved on the server, never by the browser.
  if (input.scope === "mine") where.createdById = actor.id;
  if (input.scope === "team") where.teamId = { in: actor.teams.map((team) => team.id) };
  if (input.environment) where.environment = input.environment;
  if (input.q) {
    where.OR = [
      { name: { contains: input.q, mode: "insensitive" } },
      { namespace: { contains: input.q, mode: "insensitive" } },
      { pool: { contains: input.q, mode: "insensitive" } },
      { modelVersion: { model: { name: { contains: input.q, mode: "insensitive" } } } },
      { team: { slug: { contains: input.q, mode: "insensitive" } } },
    ];
  }
  const [rows, index] = await Promise.all([db.deployment.findMany({ where, include: DEPLOYMENT_INCLUDE, orderBy: [{ createdAt: "desc" }] }), readServingIndex()]);
  ensureReconcilerRunning();
  let deployments = rows.map((row) => toListItem(row, index));
  const total = deployments.length;
  if (input.status) deployments = deployments.filter((d) => d.phase.phase === input.status);
  const known = new Set(rows.map((row) => `${row.namespace}/${row.name}`));
  const unmanaged =
    input.scope === "all" && !input.q
      ? index.inferenceServices
          .filter((isvc) => isvc.labels["app.kubernetes.io/managed-by"] === "gantry" && !known.has(`${isvc.namespace}/${isvc.name}`))
          .map((isvc) => ({ namespace: isvc.namespace, name: isvc.name, deploymentId: isvc.labels["gantry.dev/deployment-id"] ?? null }))
      : [];
  return { clusterKey: index.clusterKey, status: index.status, deployments, total, unmanaged };
}
