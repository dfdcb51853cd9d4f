import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient, db, type DbClient } from "@/lib/adapters/db";
import { SEED_TEAMS, SEED_USERS } from "@/prisma/seed-data";
import { applyMigrations } from "@/scripts/db/schema-engine";
import { seedDemoData } from "@/scripts/db/seed";
import { createScratchDatabase } from "./helpers";

async function snapshot(client: DbClient) {
  const users = await client.user.findMany({
    orderBy: { email: "asc" },
    include: { memberships: { include: { team: true } } },
  });
  return {
    teams: (await client.team.findMany({ orderBy: { slug: "asc" } })).map((t) => [t.id, t.slug, t.displayName]),
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      teams: u.memberships.map((m) => m.team.slug).sort(),
    })),
  };
}

describe("demo seed", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let client: DbClient;
  beforeAll(async () => {
    scratch = await createScratchDatabase("gantry_seed");
    await applyMigrations(scratch.url);
    client = createDbClient(scratch.url);
  });
  afterAll(async () => {
    await client?.$disconnect();
    await scratch?.drop();
  });

  it("creates the demo teams and one user per role", async () => {
    expect(await seedDemoData(scratch.url)).toEqual({ teams: 3, users: 5, memberships: 3 });
    const { teams, users } = await snapshot(client);
    expect(teams.map(([, slug, name]) => `${slug}:${name}`)).toEqual(["assistant:Assistant", "fraud:Fraud & Risk", "search:Search"]);
    expect(users.map(({ email, name, role, teams }) => ({ email, name, role, teams }))).toEqual([
      { email: "admin@gantry.dev", name: "Sam Admin", role: "admin", teams: [] },
      { email: "approver@gantry.dev", name: "Ada Approver", role: "approver", teams: [] },
      { email: "engineer@gantry.dev", name: "Eli Engineer", role: "engineer", teams: ["assistant", "search"] },
      { email: "fraud-engineer@gantry.dev", name: "Farah Fraud", role: "engineer", teams: ["fraud"] },
      { email: "oncall@gantry.dev", name: "Olivia Oncall", role: "viewer", teams: [] },
    ]);
  });

  it("is idempotent: a second run (with a client or a URL) adds and changes nothing", async () => {
    const before = await snapshot(client);
    expect(await seedDemoData(client)).toEqual({ teams: 0, users: 0, memberships: 0 });
    expect(await seedDemoData(scratch.url)).toEqual({ teams: 0, users: 0, memberships: 0 });
    expect(await snapshot(client)).toEqual(before);
  });

  it("keeps changes made in the app", async () => {
    await client.user.update({ where: { email: "oncall@gantry.dev" }, data: { role: "approver" } });
    await seedDemoData(client);
    expect((await client.user.findUniqueOrThrow({ where: { email: "oncall@gantry.dev" } })).role).toBe("approver");
  });

  it("was applied to the per-run test database by the global setup", async () => {
    expect(await db.team.count({ where: { slug: { in: SEED_TEAMS.map((t) => t.slug) } } })).toBe(SEED_TEAMS.length);
    expect(await db.user.count({ where: { email: { in: SEED_USERS.map((u) => u.email) } } })).toBe(SEED_USERS.length);
  });
});
