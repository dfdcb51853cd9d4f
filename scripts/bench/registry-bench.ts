// Benchmark of the model list at scale: seeds 5,000 models and 50,000 versions (plus a few
// hundred deployments) into a throwaway database, then times the list service under several
// query shapes and prints p50/p95/max per shape.
//   npx tsx scripts/bench/registry-bench.ts [--models 5000] [--versions-per-model 10] [--runs 60]
// Uses DATABASE_URL's server when set, else a temporary embedded PostgreSQL.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDatabase, dropDatabase } from "../db/database";
import { applyMigrations } from "../db/schema-engine";
import { seedDemoData } from "../db/seed";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../lib/embedded-postgres";

const { values: args } = parseArgs({
  options: { models: { type: "string", default: "5000" }, "versions-per-model": { type: "string", default: "10" }, runs: { type: "string", default: "60" } },
});
const MODEL_COUNT = Number(args.models);
const VERSIONS_PER_MODEL = Number(args["versions-per-model"]);
const RUNS = Number(args.runs);
const BUDGET_MS = 300;

const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), "gantry-bench-"));
let server: EmbeddedPostgresHandle | undefined;
const serverUrl = process.env.DATABASE_URL ?? (server = await startEmbeddedPostgres({ dataDir: path.join(tmpDir, "pg"), port: 54389, database: "postgres" })).url;
const database = `gantry_bench_${randomBytes(4).toString("hex")}`;
const url = await createDatabase(serverUrl, database);

try {
  await applyMigrations(url);
  await seedDemoData(url);
  const seededAt = Date.now();
  await seedAtScale(url);
  console.log(`seeded ${MODEL_COUNT} models, ${MODEL_COUNT * VERSIONS_PER_MODEL} versions in ${((Date.now() - seededAt) / 1000).toFixed(1)} s`);

  // The app's db client reads DATABASE_URL on first use, so import the service only now.
  process.env.DATABASE_URL = url;
  const { db, disconnectDb } = await import("../../lib/adapters/db");
  const { getActorById } = await import("../../lib/services/users/get-actor");
  const { listModels } = await import("../../lib/services/models/list-models");
  const { getModelDetail } = await import("../../lib/services/models/get-model-detail");
  const viewer = await getActorById((await db.user.findUniqueOrThrow({ where: { email: "oncall@gantry.dev" } })).id);

  const shapes: { name: string; run: () => Promise<unknown> }[] = [
    { name: "default (recently updated, page 1)", run: () => listModels(viewer, {}) },
    { name: "search 'fraud' (name/description/tags)", run: () => listModels(viewer, { q: "fraud" }) },
    { name: "search 'model-4242' (one hit)", run: () => listModels(viewer, { q: "model-4242" }) },
    { name: "search tag 'realtime' + sort name", run: () => listModels(viewer, { q: "realtime", sort: "name" }) },
    { name: "team + framework filter", run: () => listModels(viewer, { team: "fraud", framework: "lightgbm" }) },
    { name: "task filter, page 20", run: () => listModels(viewer, { task: "embedding", page: 20 }) },
    { name: "has live deployments", run: () => listModels(viewer, { isDeployed: true }) },
    { name: "sort name, page 150 (deep)", run: () => listModels(viewer, { sort: "name", page: 150 }) },
    { name: "everything combined", run: () => listModels(viewer, { q: "rank", team: "search", task: "ranking", isDeployed: true, sort: "created" }) },
    { name: "model page (detail, 10 versions)", run: () => getModelDetail(viewer, "model-2500") },
  ];

  console.log(`\n${RUNS} runs per shape after 5 warm-up runs (ms):`);
  console.log(`${"shape".padEnd(44)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)}`);
  let isOverBudget = false;
  for (const shape of shapes) {
    for (let i = 0; i < 5; i++) await shape.run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await shape.run();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
    if (pct(95) > BUDGET_MS) isOverBudget = true;
    console.log(`${shape.name.padEnd(44)} ${pct(50).toFixed(1).padStart(7)} ${pct(95).toFixed(1).padStart(7)} ${times.at(-1)!.toFixed(1).padStart(7)}`);
  }
  console.log(isOverBudget ? `\nSome shape has p95 over ${BUDGET_MS} ms.` : `\nAll shapes have p95 under ${BUDGET_MS} ms.`);
  process.exitCode = isOverBudget ? 1 : 0;
  await disconnectDb();
} finally {
  await dropDatabase(serverUrl, database).catch((e: unknown) => console.error("dropping the bench database:", e));
  await server?.stop();
  await fs.rm(tmpDir, { recursive: true, force: true });
}

/** Set-based inserts (generate_series): realistic spread of teams, frameworks, tasks and tags. */
async function seedAtScale(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO models (id, name, "teamId", task, framework, description, tags, "searchText", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), m.name, t.id, m.task, m.framework, m.description, m.tags,
              lower(m.name || ' ' || m.description || ' ' || array_to_string(m.tags, ' ')),
              now() - (i || ' hours')::interval, now() - ((i * 7) % 5000 || ' minutes')::interval
       FROM generate_series(1, $1::int) AS i
       CROSS JOIN LATERAL (SELECT
         'model-' || i AS name,
         (ARRAY['classification','regression','ranking','text-generation','embedding','anomaly-detection'])[1 + i % 6] AS task,
         (ARRAY['sklearn','xgboost','lightgbm','pytorch','tensorflow','onnx','triton','huggingface'])[1 + i % 8] AS framework,
         (ARRAY['Scores transactions for fraud risk','Ranks search results','Embeds documents for retrieval','Forecasts demand per store','Routes support tickets','Detects anomalies in metrics'])[1 + i % 6] || ' (variant ' || i || ')' AS description,
         ARRAY[(ARRAY['tabular','nlp','vision','llm','realtime','batch'])[1 + i % 6], 'cohort-' || (i % 50)] AS tags,
         (ARRAY['search','fraud','assistant'])[1 + i % 3] AS team_slug
       ) AS m
       JOIN teams t ON t.slug = m.team_slug`,
      [MODEL_COUNT],
    );
    await client.query(
      `INSERT INTO model_versions (id, "modelId", version, "storageUri", "modelFormat", "artifactSizeBytes", "gpuMemoryBytes", "gpuMemoryEstimated", metrics, "createdAt")
       SELECT gen_random_uuid(), m.id, v, 's3://models/' || m.name || '/v' || v, m.framework, 50000000 + v * 1000, 0, true,
              jsonb_build_object('auc', 0.8 + v / 100.0, 'latency_p95_ms', 20 - v), m."createdAt" + (v || ' days')::interval
       FROM models m CROSS JOIN generate_series(1, $1::int) AS v
       WHERE m.name LIKE 'model-%'`,
      [VERSIONS_PER_MODEL],
    );
    // Deployments on the latest version of every 20th model.
    await client.query(
      `INSERT INTO deployments (id, namespace, name, environment, "teamId", "modelVersionId", "updatedAt")
       SELECT gen_random_uuid(), 'bench', m.name, 'prod', m."teamId", mv.id, now()
       FROM models m JOIN model_versions mv ON mv."modelId" = m.id AND mv.version = $1::int
       WHERE m.name LIKE 'model-%' AND (substring(m.name from 7))::int % 20 = 0`,
      [VERSIONS_PER_MODEL],
    );
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}
