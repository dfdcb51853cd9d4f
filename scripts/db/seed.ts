// Demo data: `seedDemoData(dbOrUrl)` for scripts and tests, and `npm run db:seed` (against
// DATABASE_URL, or the embedded dev database). Idempotent: it inserts what is missing and
// leaves existing rows alone, so changes made in the app (a user's role, say) survive.
import { pathToFileURL } from "node:url";
import { randomUUID } from "node:crypto";
import { createDbClient, type Prisma, type TDbClient } from "../../lib/adapters/db";
import { resolveGpuMemory } from "../../lib/domain/models/estimate-gpu-memory";
import { buildModelSearchText, type TModelFramework, type TModelTask } from "../../lib/domain/models/model-fields";
import { SEED_GPU_PRICES, SEED_MODELS, SEED_TEAMS, SEED_USERS } from "../../prisma/seed-data";
import { withDatabaseUrl } from "./database";

export type SeedSummary = { teams: number; users: number; memberships: number };

/** Inserts the demo data that is missing; returns how many rows it added. */
export async function seedDemoData(target: TDbClient | string): Promise<SeedSummary> {
  if (typeof target !== "string") return seedWith(target);
  const client = createDbClient(target);
  try {
    // A generous timeout: the first start seeds on a machine that is also building the app.
    return await client.$transaction((tx) => seedWith(tx), { timeout: 60_000 });
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

  await seedModels(db, teamIds, userIds);
  // Prices an admin has changed are kept.
  await db.gpuPrice.createMany({
    data: SEED_GPU_PRICES.map(({ pool, pricePerGpuHour }) => ({ poolName: pool, centsPerGpuHour: Math.round(pricePerGpuHour * 100) })),
    skipDuplicates: true,
  });

  return { teams: teams.count, users: users.count, memberships: memberships.count };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Demo models, their versions and aliases; only what is missing. A few set-based statements,
 * not one per row, so the seed transaction stays short even on a busy machine. New versions
 * get their ids here, so a parent inserted in the same statement can be referred to.
 */
async function seedModels(db: TDbClient, teamIds: Map<string, string>, userIds: Map<string, string>): Promise<void> {
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS);
  await db.model.createMany({
    data: SEED_MODELS.map((seed) => ({
      name: seed.name,
      teamId: mustGet(teamIds, seed.team),
      task: seed.task,
      framework: seed.framework,
      description: seed.description,
      modelCard: seed.modelCard,
      tags: seed.tags,
      searchText: buildModelSearchText(seed),
      createdAt: at(Math.max(...seed.versions.map((v) => v.daysAgo))),
      updatedAt: at(Math.min(...seed.versions.map((v) => v.daysAgo))),
    })),
    skipDuplicates: true,
  });
  const models = await db.model.findMany({
    where: { name: { in: SEED_MODELS.map((seed) => seed.name) } },
    include: { versions: { select: { id: true, version: true } } },
  });
  const modelsByName = new Map(models.map((model) => [model.name, model]));

  const versions: Prisma.ModelVersionCreateManyInput[] = [];
  const aliases: Prisma.ModelAliasCreateManyInput[] = [];
  for (const seed of SEED_MODELS) {
    const model = modelsByName.get(seed.name)!;
    const versionIds = new Map(model.versions.map((v) => [v.version, v.id]));
    for (const v of seed.versions) {
      if (versionIds.has(v.version)) continue;
      const id = randomUUID();
      versionIds.set(v.version, id);
      const gpu = resolveGpuMemory(v.gpuMemoryBytes, { framework: seed.framework as TModelFramework, task: seed.task as TModelTask }, v.artifactSizeBytes);
      versions.push({
        id,
        modelId: model.id,
        version: v.version,
        storageUri: v.storageUri,
        modelFormat: v.modelFormat,
        runtimeHint: v.runtimeHint ?? null,
        artifactSizeBytes: BigInt(Math.round(v.artifactSizeBytes)),
        gpuMemoryBytes: BigInt(gpu.bytes),
        gpuMemoryEstimated: gpu.isEstimated,
        metrics: v.metrics,
        trainingRunId: v.trainingRunId,
        trainingRunUrl: v.trainingRunUrl,
        dataset: v.dataset,
        gitCommit: v.gitCommit,
        parentVersionId: v.parentVersion ? mustGet(versionIds, v.parentVersion) : null,
        status: v.status ?? "active",
        registeredById: userIds.get(v.registeredBy) ?? null,
        createdAt: at(v.daysAgo),
      });
    }
    for (const [alias, version] of Object.entries(seed.aliases)) aliases.push({ modelId: model.id, alias, versionId: mustGet(versionIds, version) });
  }
  await db.modelVersion.createMany({ data: versions, skipDuplicates: true });
  await db.modelAlias.createMany({ data: aliases, skipDuplicates: true });
}

function mustGet<TKey>(map: Map<TKey, string>, key: TKey): string {
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
