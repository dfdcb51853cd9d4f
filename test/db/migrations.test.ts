import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyMigrations, diffMigrationsToSchema, MIGRATIONS_DIR, SCHEMA_PATH } from "@/scripts/db/schema-engine";
import { createScratchDatabase } from "./helpers";

async function migrationFolders(): Promise<string[]> {
  const entries = await fs.readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    scratch = await createScratchDatabase("gantry_migrations");
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it("applies every migration folder to an empty database, then nothing on a second run", async () => {
    const folders = await migrationFolders();
    expect(folders.length).toBeGreaterThan(0);
    expect(await applyMigrations(scratch.url)).toEqual(folders);
    expect(await applyMigrations(scratch.url)).toEqual([]);
  });

  it("records them in _prisma_migrations as prisma migrate deploy does", async () => {
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(scratch.url, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
    const folders = await migrationFolders();
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    for (const row of rows) {
      const sql = await fs.readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("left the per-run test database fully migrated as well", async () => {
    expect(await applyMigrations(inject("databaseUrl"))).toEqual([]);
  });

  it("match prisma/schema.prisma (no migration is missing)", async () => {
    expect(await diffMigrationsToSchema(inject("databaseUrl"))).toBeNull();
  });

  it("produce the SQL of a schema change, replayed on a shadow database that is dropped afterwards", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "gantry-schema-"));
    const schemaPath = path.join(dir, "schema.prisma");
    const schema = await fs.readFile(SCHEMA_PATH, "utf8");
    await fs.writeFile(schemaPath, schema.replace(/(model Team \{\n)/, "$1  motto String?\n"));
    try {
      const sql = await diffMigrationsToSchema(inject("databaseUrl"), { schemaPath });
      expect(sql).toContain(`ALTER TABLE "teams" ADD COLUMN     "motto" TEXT;`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    const shadows = await query(inject("databaseServerUrl"), "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
    expect(shadows).toEqual([]);
    // The replay must not have touched the database we connected through.
    const columns = await query(inject("databaseUrl"), "SELECT 1 FROM information_schema.columns WHERE table_name = 'teams' AND column_name = 'motto'");
    expect(columns).toEqual([]);
  });
});
