// The one Prisma client of the app. Only lib/adapters/db imports the generated client and
// @prisma/*; everything else goes through ./index.
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "./generated/client";

/** The full client (`db`). */
export type DbClient = PrismaClient;
/** What both `db` and a transaction's `tx` satisfy: take this in functions that may run in either. */
export type TDbClient = Prisma.TransactionClient;

export type TransactionOptions = {
  isolationLevel?: Prisma.TransactionIsolationLevel;
  /** Max time to wait for a connection, ms. */
  maxWait?: number;
  /** Max time the transaction may run, ms. */
  timeout?: number;
};

/** A separate client for a given database (scripts, tests). The caller disconnects it. */
export function createDbClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

// Cached on globalThis outside production so that dev-server hot reloads reuse the pool
// instead of opening a new one per reload.
const globalCache = globalThis as typeof globalThis & { __gantryDb?: PrismaClient };
let instance: PrismaClient | undefined;

/** The shared client, created on first use. */
export function getDb(): PrismaClient {
  instance ??= globalCache.__gantryDb;
  if (instance) return instance;
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set, so Gantry cannot reach its registry database. Start Gantry with" +
        " `npm start` / `npm run dev` (which start an embedded PostgreSQL), or set DATABASE_URL" +
        " to a postgres:// URL.",
    );
  }
  instance = createDbClient(url);
  if (process.env.NODE_ENV !== "production") globalCache.__gantryDb = instance;
  return instance;
}

/** Closes the shared client's pool (scripts and tests); the next use opens a new one. */
export async function disconnectDb(): Promise<void> {
  const current = instance;
  instance = undefined;
  delete globalCache.__gantryDb;
  await current?.$disconnect();
}

/**
 * The shared client. Importing it connects nothing and needs no DATABASE_URL; the client is
 * created on first use, so modules can import `db` at top level (builds, unit tests).
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    // Not a thenable: `await db` or returning it from an async function must not connect.
    if (prop === "then") return undefined;
    const client = getDb();
    const value: unknown = Reflect.get(client, prop, client);
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
  has(_target, prop) {
    return prop in getDb();
  },
});

/** Runs `fn` in one interactive transaction on the shared client. */
export function withTransaction<T>(fn: (tx: TDbClient) => Promise<T>, options?: TransactionOptions): Promise<T> {
  return getDb().$transaction(fn, options);
}

/** True for a unique-constraint violation (Prisma P2002), optionally on a given field. */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  if (!field) return true;
  return JSON.stringify(error.meta ?? {}).includes(field);
}

/** True when a record required by the operation was not found (Prisma P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}
