// Demo deployments, launched through the same services the UI uses (plan → launch → edit),
// against the running cluster. Run by scripts/start.ts once the sim is up:
//   DATABASE_URL=… KUBECONFIG=… tsx scripts/seed-deployments.ts
// Idempotent: each launch carries a fixed idempotency key, so a second run changes nothing.
import { db, disconnectDb } from "../lib/adapters/db";
import { stopClusterCaches } from "../lib/adapters/k8s/cluster-cache";
import type { TActor } from "../lib/auth/permissions";
import { getDeploymentOrThrow } from "../lib/services/deployments/get-deployment";
import { launchDeployment, type TLaunchDeploymentInput } from "../lib/services/deployments/launch-deployment";
import { ensureDemoEnvironments } from "../lib/services/deployments/list-environments";
import { updateDeployment } from "../lib/services/deployments/update-deployment";
import { getActorById } from "../lib/services/users/get-actor";

type TSeedDeployment = { as: string; input: TLaunchDeploymentInput; scaleToZero?: boolean };

const scale = (min: number, max: number, value = 10) => ({ minReplicas: min, maxReplicas: max, target: { kind: "concurrency" as const, value } });

export const DEMO_DEPLOYMENTS: TSeedDeployment[] = [
  { as: "engineer@gantry.dev", input: { name: "search-ranker", namespace: "search-prod", modelName: "search-ranker", version: 3, pool: "cpu-pool", resources: { cpu: "2", memory: "2Gi" }, autoscaling: scale(2, 6, 20) } },
  { as: "engineer@gantry.dev", input: { name: "query-intent", namespace: "search-prod", modelName: "query-intent-classifier", version: 3, pool: "cpu-pool", resources: { cpu: "1", memory: "1Gi" }, autoscaling: scale(1, 4, 20) } },
  { as: "engineer@gantry.dev", input: { name: "doc-embedder", namespace: "search-staging", modelName: "doc-embedder", version: 3, runtime: "kserve-huggingfaceserver", pool: "l4-pool", resources: { cpu: "4", memory: "4Gi", gpu: { kind: "whole", count: 1 } }, autoscaling: scale(1, 3, 8) } },
  { as: "fraud-engineer@gantry.dev", input: { name: "fraud-scorer", namespace: "fraud-prod", modelName: "fraud-scorer", version: 4, pool: "cpu-pool", resources: { cpu: "2", memory: "1Gi" }, autoscaling: scale(2, 8, 50) } },
  { as: "fraud-engineer@gantry.dev", input: { name: "txn-anomaly", namespace: "fraud-prod", modelName: "txn-anomaly-detector", version: 3, pool: "t4-pool", resources: { cpu: "2", memory: "4Gi", gpu: { kind: "whole", count: 1 } }, autoscaling: scale(1, 4, 16) } },
  { as: "engineer@gantry.dev", input: { name: "support-assistant", namespace: "assistant-prod", modelName: "llama-3-1-8b-instruct", version: 3, runtime: "kserve-vllmserver", pool: "a100-pool", resources: { cpu: "8", memory: "32Gi", gpu: { kind: "whole", count: 1 } }, autoscaling: scale(1, 2, 8) } },
  // Pending: eight whole H100s per replica, more than any H100 node has free.
  { as: "engineer@gantry.dev", input: { name: "assistant-llm-tp8", namespace: "assistant-staging", modelName: "llama-3-1-8b-instruct", version: 3, runtime: "kserve-vllmserver", pool: "h100-pool", resources: { cpu: "16", memory: "64Gi", gpu: { kind: "whole", count: 8 } }, autoscaling: scale(1, 1, 8) } },
  // Scaled to zero by hand.
  { as: "engineer@gantry.dev", input: { name: "ticket-router", namespace: "assistant-dev", modelName: "ticket-router", version: 2, runtime: "kserve-torchserve", pool: "cpu-pool", resources: { cpu: "2", memory: "2Gi" }, autoscaling: scale(1, 2, 10) }, scaleToZero: true },
];

async function actorFor(email: string): Promise<TActor> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const actor = await getActorById(user.id);
  if (!actor) throw new Error(`seed user ${email} has no actor`);
  return actor;
}

async function waitForResourceVersion(actor: TActor, namespace: string, name: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const detail = await getDeploymentOrThrow(actor, namespace, name);
    if (detail.changeVersion) return detail.changeVersion;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${namespace}/${name} did not appear in the cluster`);
}

export async function seedDemoDeployments(log: (line: string) => void = console.log): Promise<number> {
  const created = await ensureDemoEnvironments();
  if (created.length) log(`  created environments: ${created.join(", ")}`);
  let launched = 0;
  for (const seed of DEMO_DEPLOYMENTS) {
    const actor = await actorFor(seed.as);
    const { namespace, name } = seed.input;
    const result = await launchDeployment(actor, { ...seed.input, idempotencyKey: `seed:${namespace}/${name}` });
    if (!result.isCreated) continue;
    launched += 1;
    if (seed.scaleToZero) {
      const resourceVersion = await waitForResourceVersion(actor, namespace, name);
      await updateDeployment(actor, { namespace, name, expectedVersion: resourceVersion, isStopped: true });
    }
  }
  return launched;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.GANTRY_RECONCILER = "off";
  seedDemoDeployments()
    .then((count) => console.log(count ? `seeded ${count} demo deployment(s)` : "demo deployments are up to date"))
    .catch((error: unknown) => {
      console.error("seeding demo deployments failed:", error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(async () => {
      stopClusterCaches();
      await disconnectDb();
    });
}
