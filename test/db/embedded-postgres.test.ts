import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/scripts/lib/embedded-postgres";
import { freePort } from "./helpers";

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ one: number }>("SELECT 1 AS one");
    return rows[0]!.one;
  } finally {
    await client.end();
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

async function waitForExit(pid: number): Promise<void> {
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  expect(isAlive(pid)).toBe(false);
}

describe("startEmbeddedPostgres", () => {
  let root: string;
  const started: EmbeddedPostgresHandle[] = [];
  const start = async (...args: Parameters<typeof startEmbeddedPostgres>) => {
    const handle = await startEmbeddedPostgres(...args);
    started.push(handle);
    return handle;
  };

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "gantry-epg-test-"));
  });
  afterEach(async () => {
    for (const handle of started.splice(0).reverse()) await handle.stop();
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it("initialises on first start, creates the database, and reuses the data on the next start", async () => {
    const dataDir = path.join(root, "reuse");
    const port = await freePort();
    const first = await start({ dataDir, port });
    expect(first.url).toBe(`postgres://postgres:password@127.0.0.1:${port}/gantry`);
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
    await client.end();
    await first.stop();
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);

    const second = await start({ dataDir, port });
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    expect((await again.query("SELECT v FROM kept")).rows).toEqual([{ v: 42 }]);
    await again.end();
  });

  it("recovers from a server killed with SIGKILL (stale postmaster.pid of a dead process)", async () => {
    const dataDir = path.join(root, "killed");
    const port = await freePort();
    const first = await start({ dataDir, port });
    const pid = Number((await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
    process.kill(pid, "SIGKILL");
    await waitForExit(pid);
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(true);
    await first.stop(); // must not hang on the dead server

    const second = await start({ dataDir, port });
    expect(await selectOne(second.url)).toBe(1);
  });

  it("recovers from a postmaster.pid whose pid now belongs to another program", async () => {
    const dataDir = path.join(root, "reused-pid");
    const port = await freePort();
    await (await startEmbeddedPostgres({ dataDir, port })).stop();
    const sleeper = spawn("sleep", ["60"]);
    try {
      // PostgreSQL's own format: pid, data dir, start time, port, ...
      await fs.writeFile(path.join(dataDir, "postmaster.pid"), `${sleeper.pid}\n${dataDir}\n1700000000\n${port}\n\n127.0.0.1\n0 0\nready\n`);
      const server = await start({ dataDir, port });
      expect(await selectOne(server.url)).toBe(1);
    } finally {
      sleeper.kill();
    }
  });

  it("treats a postmaster.pid naming a postgres of another data directory as stale", async () => {
    const other = await start({ dataDir: path.join(root, "other"), port: await freePort() });
    const otherPid = (await fs.readFile(path.join(root, "other", "postmaster.pid"), "utf8")).split("\n")[0];
    const dataDir = path.join(root, "foreign-pid");
    const port = await freePort();
    await (await startEmbeddedPostgres({ dataDir, port })).stop();
    await fs.writeFile(path.join(dataDir, "postmaster.pid"), `${otherPid}\n${dataDir}\n1700000000\n${port}\n`);
    const server = await start({ dataDir, port });
    expect(await selectOne(server.url)).toBe(1);
    expect(await selectOne(other.url)).toBe(1);
  });

  it("reports the server's own output when it cannot start, instead of hanging", async () => {
    const dataDir = path.join(root, "broken");
    const port = await freePort();
    await (await startEmbeddedPostgres({ dataDir, port })).stop();
    await fs.appendFile(path.join(dataDir, "postgresql.conf"), "\nshared_buffers = 'lots'\n");
    await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(/PostgreSQL failed to start[\s\S]*shared_buffers/);
  });

  it("attaches to a server already running on the same data directory and port", async () => {
    const dataDir = path.join(root, "shared");
    const port = await freePort();
    const owner = await start({ dataDir, port });
    const guest = await startEmbeddedPostgres({ dataDir, port });
    await guest.stop(); // no-op: the owner's server keeps running
    expect(await selectOne(owner.url)).toBe(1);
    const otherPort = await freePort();
    await expect(startEmbeddedPostgres({ dataDir, port: otherPort })).rejects.toThrow(
      `already running on data directory ${dataDir} (port ${port})`,
    );
  });

  it("fails fast with an error naming the port when the port is taken", async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, resolve));
    try {
      const t0 = Date.now();
      await expect(startEmbeddedPostgres({ dataDir: path.join(root, "blocked"), port })).rejects.toThrow(
        `Port ${port} is already in use`,
      );
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
