// Where the db:* scripts connect: DATABASE_URL when set, else the development cluster in
// .data/postgres, started for the duration of the command.
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/embedded-postgres";
import { DEV_DATA_DIR } from "./paths";

export async function withDatabaseUrl<T>(fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return fn(fromEnv);
  const port = process.env.GANTRY_PG_PORT ? Number(process.env.GANTRY_PG_PORT) : undefined;
  const server = await startEmbeddedPostgres({ dataDir: DEV_DATA_DIR, port });
  console.error(`DATABASE_URL is unset; using embedded PostgreSQL in ${DEV_DATA_DIR} (${server.url})`);
  try {
    return await fn(server.url);
  } finally {
    await server.stop();
  }
}

/** The same server URL with another database name. */
export function withDatabaseName(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function withAdminClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  // Connect to the maintenance database: a database cannot be dropped while connected to it.
  const client = new pg.Client({ connectionString: withDatabaseName(databaseUrl, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function createDatabase(serverUrl: string, database: string): Promise<string> {
  return withAdminClient(serverUrl, async (client) => {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    return withDatabaseName(serverUrl, database);
  });
}

export function dropDatabase(serverUrl: string, database: string): Promise<void> {
  return withAdminClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  });
}
