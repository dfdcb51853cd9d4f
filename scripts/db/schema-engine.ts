// Prisma's schema engine as WebAssembly, driving PostgreSQL through @prisma/adapter-pg.
// The native engine cannot be downloaded here, so `prisma migrate` does not work; this does
// the same job with the same folder and `_prisma_migrations` formats, so a machine with the
// native engine can still run `prisma migrate deploy` on these migrations.
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type {
  MigrationList,
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from "@prisma/schema-engine-wasm";
import * as wasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { createDatabase, dropDatabase, withDatabaseName } from "./database";
import { MIGRATIONS_DIR, REPO_ROOT, SCHEMA_PATH } from "./paths";

export { MIGRATIONS_DIR, REPO_ROOT, SCHEMA_PATH };
const LOCKFILE = "migration_lock.toml";
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

type Bindings = typeof wasmBindings & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: typeof SchemaEngine;
};

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const CHAR_COLUMNS = Symbol("charColumns");
type RowsWithCharColumns = unknown[] & { [CHAR_COLUMNS]?: number[] };

/**
 * The schema engine describes a database by reading pg_catalog columns of type "char"
 * (e.g. pg_constraint.contype) and wants them as characters, but @prisma/adapter-pg 7.10
 * rejects that type ("Column type 'char' could not be deserialized"). This client reports
 * such columns as text and remembers their positions; the adapter wrapper below then marks
 * them as Character.
 */
class CharAsTextClient extends pg.Client {
  // pg's query() has many overloads; forward whatever we get and patch the result.
  override query(...args: unknown[]): never {
    const patch = (res: unknown) => {
      for (const r of (Array.isArray(res) ? res : [res]) as Array<pg.QueryResult | undefined>) {
        const chars: number[] = [];
        r?.fields?.forEach((f, i) => {
          if (f.dataTypeID === PG_CHAR_OID) {
            f.dataTypeID = PG_TEXT_OID;
            chars.push(i);
          }
        });
        if (r && chars.length > 0) (r.rows as RowsWithCharColumns)[CHAR_COLUMNS] = chars;
      }
    };
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, res: unknown) => {
        if (res) patch(res);
        (last as (e: unknown, r: unknown) => void)(err, res);
      };
    }
    const query = super.query as (...a: unknown[]) => unknown;
    const out = query.apply(this, args);
    if (out instanceof Promise) {
      return out.then((res: unknown) => {
        patch(res);
        return res;
      }) as never;
    }
    return out as never;
  }
}

let lastPanic: string | undefined;
let loaded: Promise<typeof SchemaEngine> | undefined;

/**
 * The package entry imports the .wasm as an ES module, which Node 20 cannot do, so we
 * instantiate it ourselves with the JS glue as its import object.
 */
function loadSchemaEngine(): Promise<typeof SchemaEngine> {
  loaded ??= (async () => {
    const bindings = wasmBindings as Bindings;
    // The engine reports the reason of a Rust panic here before trapping.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        lastPanic = message;
        // Often raised inside a promise job, where nothing can catch it: say why first.
        process.stderr.write(`schema engine panicked: ${message}\n`);
      },
    };
    const entry = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm");
    const bytes = await fs.readFile(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine;
  })();
  return loaded;
}

export async function readSchema(schemaPath = SCHEMA_PATH): Promise<SchemasContainer> {
  return { files: [{ path: schemaPath, content: await fs.readFile(schemaPath, "utf8") }] };
}

/** Reads prisma/migrations the way the Prisma CLI does: one folder per migration, sorted. */
export async function readMigrations(migrationsDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockContent = await fs.readFile(path.join(migrationsDir, LOCKFILE), "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const file = path.join(migrationsDir, dir, "migration.sql");
        const content = await fs.readFile(file, "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (e: Error) => ({ tag: "error" as const, value: e.message }),
        );
        return { path: dir, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/**
 * The adapter factory handed to the engine. Besides "char" columns (above), two fixes over
 * plain PrismaPg 7.10:
 * - executeScript splits on every ";", which breaks dollar-quoted function bodies. We send
 *   the whole migration as one simple query instead, which PostgreSQL runs atomically, as
 *   the native engine does.
 * - connectToShadowDb keeps the configured connectionString, which overrides the shadow
 *   database name, so the "shadow" replay ran on the main database. We create our own.
 */
function adapterFactory(databaseUrl: string, cleanups: Array<() => Promise<void>>) {
  const connect = async (url: string): Promise<SqlDriverAdapter> => {
    const pool = new pg.Pool({ connectionString: url, max: 2, Client: CharAsTextClient });
    cleanups.push(() => pool.end());
    const adapter = await new PrismaPg(pool).connect();
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (query) => {
      const result = await queryRaw(query);
      for (const i of (result.rows as RowsWithCharColumns)[CHAR_COLUMNS] ?? []) {
        result.columnTypes[i] = ColumnTypeEnum.Character;
      }
      return result;
    };
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (e) {
        (adapter as unknown as { onError(e: unknown): never }).onError(e);
      }
    };
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connect(databaseUrl),
    connectToShadowDb: async () => {
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await createDatabase(databaseUrl, name);
      // Pools end before the drop (cleanups run last-in first-out).
      cleanups.push(() => dropDatabase(databaseUrl, name));
      return connect(withDatabaseName(databaseUrl, name));
    },
  };
  return factory;
}

/**
 * Runs `fn` with a schema engine connected to `databaseUrl`. Shadow databases (for diffs from
 * the migrations folder) are temporary databases on the same server.
 */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const Engine = await loadSchemaEngine();
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const engine = await Engine.new(
      { datamodels: [[SCHEMA_PATH, await fs.readFile(SCHEMA_PATH, "utf8")]] },
      (line: string) => {
        if (process.env.GANTRY_SCHEMA_ENGINE_DEBUG) process.stderr.write(`[schema-engine] ${line}\n`);
      },
      bindMigrationAwareSqlAdapterFactory(adapterFactory(databaseUrl, cleanups)),
    );
    try {
      return await fn(engine);
    } catch (e) {
      if (lastPanic !== undefined) {
        // A panicked instance is unusable: load a fresh one next time.
        const message = lastPanic;
        lastPanic = undefined;
        loaded = undefined;
        throw new Error(`schema engine panicked: ${message}`, { cause: e });
      }
      throw new Error(`schema engine: ${describeEngineError(e)}`, { cause: e });
    } finally {
      if (loaded) engine.free();
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

function describeEngineError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === "object") {
    const o = e as { message?: unknown; error?: unknown };
    if (typeof o.message === "string") return o.message;
    return JSON.stringify(e);
  }
  return String(e);
}

/** Applies pending migrations like `prisma migrate deploy`; returns the names applied. */
export async function applyMigrations(
  databaseUrl: string,
  migrationsDir = MIGRATIONS_DIR,
): Promise<string[]> {
  const migrationsList = await readMigrations(migrationsDir);
  return withSchemaEngine(databaseUrl, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return out.appliedMigrationNames;
  });
}

/**
 * Diffs the migrations folder (replayed on a temporary shadow database that the adapter creates
 * on the same server) against the schema and returns the SQL of the next migration, or null
 * when there is nothing to do. Writes nothing. (The Wasm engine's createMigration cannot use
 * the adapter's shadow database; diff can.)
 */
export async function diffMigrationsToSchema(
  databaseUrl: string,
  options: { migrationsDir?: string; schemaPath?: string } = {},
): Promise<string | null> {
  const migrationsList = await readMigrations(options.migrationsDir);
  const schema = await readSchema(options.schemaPath);
  return withSchemaEngine(databaseUrl, async (engine) => {
    const out = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    });
    // With exitCode set, 2 means "the diff is not empty".
    return out.exitCode === 2 && out.stdout ? out.stdout : null;
  });
}
