// Benchmark of the deployments list with 1,000 InferenceServices in the simulator.
// Run: npx tsx scripts/bench/deployments-bench.ts [--count 1000] [--runs 60]
//
// 1. A throwaway database (DATABASE_URL's server, else an embedded PostgreSQL) and the sim.
// 2. One deployment planned through the service (planDeployment: validation, pool, fit), then
//    `count` copies with their own names: registry rows plus InferenceServices created through
//    the k8s adapter (the sim starts their pods).
// 3. Times the list service the /deployments page calls (p50/p95/max) for each query shape,
//    and the detail service, once the shared watch cache holds everything.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startSimProcess } from "../../test/support/sim-process";
import { createDatabase, dropDatabase } from "../db/database";
import { applyMigrations } from "../db/schema-engine";
import { seedDemoData } from "../db/seed";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../lib/embedded-postgres";

const { values: args } = parseArgs({ options: { count: { type: "string", default: "1000" }, runs: { type: "string", default: "60" } } });
const COUNT = Number(args.count);
const RUNS = Number(args.runs);
const BUDGET_MS = 300;

const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), "gantry-deploy-bench-"));
let server: EmbeddedPostgresHandle | undefined;
const serverUrl = process.env.DATABASE_URL ?? (server = await startEmbeddedPostgres({ dataDir: path.join(tmpDir, "pg"), port: 54398, database: "postgres" })).url;
const database = `gantry_bench_${randomBytes(4).toString("hex")}`;
const url = await createDatabase(serverUrl, database);
const sim = await startSimProcess({ timeScale: 0.02 });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

try {
  await applyMigrations(url);
  await seedDemoData(url);
  process.env.DATABASE_URL = url;
  process.env.KUBECONFIG = sim.kubeconfigPath;
  process.env.GANTRY_RECONCILER = "off";
  const { db, disconnectDb } = await import("../../lib/adapters/db");
  const { getClusterConnection } = await import("../../lib/adapters/k8s/config");
  const { createInferenceService } = await import("../../lib/adapters/k8s/kinds/inference-service");
  const { stopClusterCaches } = await import("../../lib/adapters/k8s/cluster-cache");
  const { buildManifests } = await import("../../lib/domain/deployments/build-manifests");
  const { getActorById } = await import("../../lib/services/users/get-actor");
  const { ensureDemoEnvironments } = await import("../../lib/services/deployments/list-environments");
  const { planDeployment } = await import("../../lib/services/deployments/plan-deployment");
  const { listDeployments } = await import("../../lib/services/deployments/list-deployments");
  const { getDeploymentOrThrow } = await import("../../lib/services/deployments/get-deployment");
  const actor = async (email: string) => (await getActorById((await db.user.findUniqueOrThrow({ where: { email } })).id))!;
  const engineer = await actor("engineer@gantry.dev");
  const viewer = await actor("oncall@gantry.dev");

  await ensureDemoEnvironments();
  const namespaces = ["search-prod", "search-staging", "search-dev", "assistant-prod", "assistant-dev"];
  const plan = await planDeployment(
    engineer,
    { name: "bench-0", namespace: "search-dev", modelName: "query-intent-classifier", version: 3, pool: "cpu-pool", resources: { cpu: "50m", memory: "1Gi" }, autoscaling: { minReplicas: 1, maxReplicas: 2 } },
    randomUUID(),
  );
  const connection = getClusterConnection();
  const started = Date.now();
  for (let batch = 0; batch < COUNT; batch += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, COUNT - batch) }, async (_, j) => {
        const i = batch + j;
        const namespace = namespaces[i % namespaces.length]!;
        const environment = namespace.split("-").at(-1) as "prod" | "staging" | "dev";
        const values = { ...plan.values, deploymentId: randomUUID(), name: `bench-${i}`, namespace, environment };
        const manifests = buildManifests(values);
        await db.deployment.create({
          data: { id: values.deploymentId, namespace, name: values.name, environment, teamId: plan.teamId, modelVersionId: plan.modelVersionId, createdById: i % 3 === 0 ? engineer.id : null, spec: JSON.parse(JSON.stringify(values)) as object, state: "active", pool: values.pool.name },
        });
        await createInferenceService(connection, manifests.inferenceService);
      }),
    );
  }
  console.log(`created ${COUNT} deployments (rows + InferenceServices) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Let the watch cache take everything in (and the sim start the pods).
  for (let i = 0; i < 300; i++) {
    const view = await listDeployments(viewer);
    if (view.status.state === "live" && view.deployments.filter((d) => d.phase.phase !== "Missing").length >= COUNT) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const shapes: [string, () => Promise<unknown>][] = [
    ["all (1,000+ rows)", () => listDeployments(viewer, {})],
    ["search 'bench-42'", () => listDeployments(viewer, { q: "bench-42" })],
    ["environment prod", () => listDeployments(viewer, { environment: "prod" })],
    ["status Ready", () => listDeployments(viewer, { status: "Ready" })],
    ["mine (engineer)", () => listDeployments(engineer, { scope: "mine" })],
    ["detail of one", () => getDeploymentOrThrow(viewer, "search-dev", "bench-2")],
  ];
  let worst = 0;
  console.log(`\n${"query".padEnd(22)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}  (ms, ${RUNS} runs, service level, warm cache)`);
  for (const [name, run] of shapes) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    worst = Math.max(worst, p95);
    console.log(`${name.padEnd(22)} ${percentile(times, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${times.at(-1)!.toFixed(1).padStart(8)}`);
  }
  const view = await listDeployments(viewer);
  const phases: Record<string, number> = {};
  for (const d of view.deployments) phases[d.phase.phase] = (phases[d.phase.phase] ?? 0) + 1;
  console.log(`\nphases: ${JSON.stringify(phases)}`);
  console.log(worst <= BUDGET_MS ? `✔ worst p95 ${worst.toFixed(1)} ms is within ${BUDGET_MS} ms` : `✖ worst p95 ${worst.toFixed(1)} ms exceeds ${BUDGET_MS} ms`);
  stopClusterCaches();
  await disconnectDb();
  if (worst > BUDGET_MS) process.exitCode = 1;
} finally {
  await sim.stop();
  await dropDatabase(serverUrl, database).catch(() => undefined);
  await server?.stop();
  await fs.rm(tmpDir, { recursive: true, force: true });
}
