import { defineConfig } from "prisma/config";

// Prisma 7 reads connection settings from here rather than from schema.prisma.
// Generation needs no database; migrations are applied by scripts/db/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/gantry" },
});
