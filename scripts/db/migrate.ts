// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (or the embedded dev
// database), like `prisma migrate deploy`.
import { withDatabaseUrl } from "./database";
import { applyMigrations } from "./schema-engine";

try {
  const applied = await withDatabaseUrl((url) => applyMigrations(url));
  if (applied.length === 0) console.log("Database is up to date; no migrations applied.");
  else for (const name of applied) console.log(`Applied migration ${name}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
