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
import { getClusterConnection } from "../lib/adapters/k8s/config";
import { patchInferenceServiceAnnotations } from "../lib/adapters/k8s/kinds/inference-service";
import { getRollout } from "../lib/services/rollouts/get-rollout";
import { requestPromotion } from "../lib/services/rollouts/request-promotion";
import { startCanary } from "../lib/services/rollouts/start-canary";
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
  // A staging copy one version behind: ready for a canary of v3 (the rollout e2e uses it).
  { as: "engineer@gantry.dev", input: { name: "query-intent", namespace: "search-staging", modelName: "query-intent-classifier", version: 2, pool: "cpu-pool", resources: { cpu: "1", memory: "1Gi" }, autoscaling: scale(1, 3, 20) } },
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
  return until(`${namespace}/${name} to appear in the cluster`, async () => (await getDeploymentOrThrow(actor, namespace, name)).changeVersion, 10_000, 100);
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

type TSeedCanary = {
  as: string;
  namespace: string;
  name: string;
  version: number;
  percent: number;
  /** Annotations the sim reads to make the canary revision slower or fail more (sim/metrics/README.md). */
  simAnnotations?: Record<string, string>;
  requestNote?: string;
};

export const DEMO_CANARIES: TSeedCanary[] = [
  // At 20 % in prod with a promotion request waiting for an approver.
  { as: "engineer@gantry.dev", namespace: "search-prod", name: "search-ranker", version: 4, percent: 20, requestNote: "v4 improves MRR (+0.004) at a small NDCG cost; latency and errors match v3 over the canary. Ready for 100 %." },
  // Measurably worse: the sim makes its canary revision 80 % slower and fail 4 % of requests.
  { as: "fraud-engineer@gantry.dev", namespace: "fraud-prod", name: "fraud-scorer", version: 5, percent: 10, simAnnotations: { "gantry.dev/sim-canary-latency-factor": "1.8", "gantry.dev/sim-canary-error-rate": "0.04" } },
];

/**
 * The sim gives the seeded fleet 8 days of metric history (sim/metrics/README.md), so a demo
 * canary is dated back to match: its evidence then covers hours of traffic, as a canary that
 * has been running since the morning would.
 */
const DEMO_CANARY_AGE_MS = 3 * 3_600_000;

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 300_000, intervalMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Demo canaries, started and requested through the rollout services. Idempotent. */
export async function seedDemoCanaries(log: (line: string) => void = console.log): Promise<number> {
  let started = 0;
  await Promise.all(
    DEMO_CANARIES.map(async (seed) => {
      const actor = await actorFor(seed.as);
      const row = await db.deployment.findUnique({ where: { namespace_name: { namespace: seed.namespace, name: seed.name } } });
      if (!row || row.rollout) return;
      const ready = await until(`${seed.name} to be rolled out`, async () => {
        const view = await getRollout(actor, seed.namespace, seed.name);
        return view.changeVersion && view.split.stableRevision ? view : null;
      });
      let expectedVersion = ready.changeVersion!;
      if (seed.simAnnotations) {
        // Set before the canary starts, so its whole history carries them (Gantry keeps foreign annotations).
        expectedVersion = (await patchInferenceServiceAnnotations(getClusterConnection(), seed.namespace, seed.name, seed.simAnnotations)).changeVersion;
      }
      await startCanary(actor, { namespace: seed.namespace, name: seed.name, expectedVersion, version: seed.version, canaryPercent: seed.percent });
      const rollout = (await db.deployment.findUniqueOrThrow({ where: { id: row.id } })).rollout as { startedAt: string };
      const startedAt = new Date(Date.now() - DEMO_CANARY_AGE_MS).toISOString();
      await db.deployment.update({ where: { id: row.id }, data: { rollout: { ...rollout, startedAt } } });
      started += 1;
      if (!seed.requestNote) return;
      const live = await until(`the canary of ${seed.name} to be ready`, async () => {
        const view = await getRollout(actor, seed.namespace, seed.name);
        return view.split.isCanaryReady && view.split.actual?.canaryPercent === seed.percent ? view : null;
      });
      await requestPromotion(actor, { namespace: seed.namespace, name: seed.name, expectedVersion: live.changeVersion!, note: seed.requestNote }).catch((error: unknown) => {
        // E.g. too few requests when the sim has run for a while without this canary's history.
        log(`  no promotion request for ${seed.name}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }),
  );
  if (started) log(`started ${started} demo canar${started === 1 ? "y" : "ies"}`);
  return started;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.GANTRY_RECONCILER = "off";
  seedDemoDeployments()
    .then((count) => console.log(count ? `seeded ${count} demo deployment(s)` : "demo deployments are up to date"))
    // Canaries wait for their revisions to load: the launcher goes on meanwhile (see start.ts).
    .then(() => seedDemoCanaries())
    .then(() => console.log("demo canaries are up to date"))
    .catch((error: unknown) => {
      console.error("seeding demo deployments failed:", error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(async () => {
      stopClusterCaches();
      await disconnectDb();
    });
}
