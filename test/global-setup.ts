// Vitest global setup: one fresh, migrated and seeded database per run.
// - DATABASE_URL unset: a throwaway embedded PostgreSQL in a temp dir on a free port from
//   54339 (a per-run cluster, so concurrent runs never stop each other's server).
// - DATABASE_URL set: a new database on that server.
// Tests read the URL from process.env.DATABASE_URL (set here before the workers start, so
// the forks inherit it and `db` from lib/adapters/db just works) or from inject("databaseUrl").
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase, withDatabaseName } from "../scripts/db/database";
import { applyMigrations } from "../scripts/db/schema-engine";
import { seedDemoData } from "../scripts/db/seed";
import {
  EmbeddedPostgresError,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from "../scripts/lib/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** The per-run test database (also in process.env.DATABASE_URL). */
    databaseUrl: string;
    /** URL of the server's maintenance database, for tests that create their own databases. */
    databaseServerUrl: string;
  }
}

const TEST_PG_PORT = 54339;
const TMP_PREFIX = "gantry-test-pg-";
const OWNER_FILE = "owner.pid";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: EmbeddedPostgresHandle | undefined;
  let tmpDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL;

  if (!serverUrl) {
    await removeAbandonedClusters();
    tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), TMP_PREFIX));
    await fs.writeFile(path.join(tmpDir, OWNER_FILE), String(process.pid));
    server = await startOnFreePort(path.join(tmpDir, "pg"));
    serverUrl = server.urlFor("postgres");
  }

  const database = `gantry_test_${randomBytes(4).toString("hex")}`;
  const url = await createDatabase(serverUrl, database);
  try {
    await applyMigrations(url);
    await seedDemoData(url);
  } catch (e) {
    await teardown();
    throw e;
  }

  process.env.DATABASE_URL = url;
  project.provide("databaseUrl", url);
  project.provide("databaseServerUrl", withDatabaseName(url, "postgres"));

  async function teardown() {
    await dropDatabase(serverUrl!, database).catch((e: unknown) => console.error("dropping test database:", e));
    await server?.stop();
    if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true });
  }
  return teardown;
}

async function startOnFreePort(dataDir: string): Promise<EmbeddedPostgresHandle> {
  for (let port = TEST_PG_PORT; port < TEST_PG_PORT + 50; port++) {
    try {
      return await startEmbeddedPostgres({ dataDir, port, database: "postgres" });
    } catch (e) {
      // Only a taken port moves us on; anything else is a real failure.
      if (!(e instanceof EmbeddedPostgresError && e.message.startsWith(`Port ${port} `))) throw e;
    }
  }
  throw new Error(`no free port for the test PostgreSQL in ${TEST_PG_PORT}-${TEST_PG_PORT + 49}`);
}

/** Clusters left by runs that were killed (their vitest is gone): stop their server, delete. */
async function removeAbandonedClusters(): Promise<void> {
  const entries = await fs.readdir(os.tmpdir()).catch(() => []);
  for (const name of entries.filter((n) => n.startsWith(TMP_PREFIX))) {
    const dir = path.join(os.tmpdir(), name);
    const owner = Number(await fs.readFile(path.join(dir, OWNER_FILE), "utf8").catch(() => ""));
    if (!owner || isAlive(owner)) continue;
    const pidFile = await fs.readFile(path.join(dir, "pg", "postmaster.pid"), "utf8").catch(() => "");
    const postmaster = Number(pidFile.split("\n")[0]);
    if (postmaster && isAlive(postmaster)) {
      const comm = await fs.readFile(`/proc/${postmaster}/comm`, "utf8").catch(() => "");
      // SIGINT is PostgreSQL's fast shutdown.
      if (comm.trim() === "postgres") process.kill(postmaster, "SIGINT");
      for (let i = 0; i < 50 && isAlive(postmaster); i++) await new Promise((r) => setTimeout(r, 100));
    }
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
