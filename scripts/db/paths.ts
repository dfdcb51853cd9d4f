import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCHEMA_PATH = path.join(REPO_ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(REPO_ROOT, "prisma/migrations");
/** The development cluster used by `npm run dev` and the db:* scripts. */
export const DEV_DATA_DIR = path.join(REPO_ROOT, ".data/postgres");
