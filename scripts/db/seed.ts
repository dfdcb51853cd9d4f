// Demo data: `seedDemoData(dbOrUrl)` for scripts and tests, and `npm run db:seed` (against
// DATABASE_URL, or the embedded dev database). Idempotent: it inserts what is missing and
// leaves existing rows alone, so changes made in the app (a user's role, say) survive.
import { pathToFileURL } from "node:url";
import { createDbClient, type TDbClient } from "../../lib/adapters/db";
import { SEED_TEAMS, SEED_USERS } from "../../prisma/seed-data";
import { withDatabaseUrl } from "./database";

export type SeedSummary = { teams: number; users: number; memberships: number };

/** Inserts the demo data that is missing; returns how many rows it added. */
export async function seedDemoData(target: TDbClient | string): Promise<SeedSummary> {
  if (typeof target !== "string") return seedWith(target);
  const client = createDbClient(target);
  try {
    return await client.$transaction((tx) => seedWith(tx));
  } finally {
    await client.$disconnect();
  }
}

async function seedWith(db: TDbClient): Promise<SeedSummary> {
  const teams = await db.team.createMany({
    data: SEED_TEAMS.map(({ slug, displayName }) => ({ slug, displayName })),
    skipDuplicates: true,
  });
  const users = await db.user.createMany({
    data: SEED_USERS.map(({ email, name, role }) => ({ email, name, role })),
    skipDuplicates: true,
  });

  const teamIds = new Map(
    (await db.team.findMany({ where: { slug: { in: SEED_TEAMS.map((t) => t.slug) } } })).map((t) => [t.slug, t.id]),
  );
  const userIds = new Map(
    (await db.user.findMany({ where: { email: { in: SEED_USERS.map((u) => u.email) } } })).map((u) => [u.email, u.id]),
  );
  const memberships = await db.teamMembership.createMany({
    data: SEED_USERS.flatMap((user) =>
      user.teams.map((slug) => ({ userId: mustGet(userIds, user.email), teamId: mustGet(teamIds, slug) })),
    ),
    skipDuplicates: true,
  });

  // Models, versions and deployments: see prisma/seed-data.ts.

  return { teams: teams.count, users: users.count, memberships: memberships.count };
}

function mustGet(map: Map<string, string>, key: string): string {
  const value = map.get(key);
  if (value === undefined) throw new Error(`seed data refers to unknown "${key}"`);
  return value;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  try {
    const added = await withDatabaseUrl((url) => seedDemoData(url));
    console.log(`Seeded demo data: added ${added.teams} teams, ${added.users} users, ${added.memberships} memberships.`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(message);
    if (/does not exist/.test(message)) console.error("Is the database migrated? Run `npm run db:migrate` first.");
    process.exitCode = 1;
  }
}
