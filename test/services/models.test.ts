import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/adapters/db";
import type { TActor } from "@/lib/auth/permissions";
import { getActorById } from "@/lib/services/users/get-actor";
import { getModelDetail } from "@/lib/services/models/get-model-detail";
import { getModelVersionOrThrow, listModelVersions } from "@/lib/services/models/get-model-version";
import { moveModelAlias } from "@/lib/services/models/move-model-alias";
import { registerModel, type TRegisterModelInput } from "@/lib/services/models/register-model";
import { registerModelVersion, type TRegisterModelVersionInput } from "@/lib/services/models/register-model-version";
import { updateModelVersionStatus } from "@/lib/services/models/update-model-version-status";
import { ZRegisterModelInput, ZRegisterModelVersionInput } from "@/lib/domain/models/model-fields";

// Integration tests of the model registry against the per-run PostgreSQL (test/global-setup.ts).
// Each describe block uses its own model names, so the blocks do not depend on each other.

async function actorFor(email: string): Promise<TActor> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return (await getActorById(user.id))!;
}

let admin: TActor;
let viewer: TActor;
let engineer: TActor; // teams search and assistant
let approver: TActor;
let fraudEngineer: TActor;

beforeAll(async () => {
  [admin, viewer, engineer, approver, fraudEngineer] = (await Promise.all(
    ["admin@gantry.dev", "oncall@gantry.dev", "engineer@gantry.dev", "approver@gantry.dev", "fraud-engineer@gantry.dev"].map(actorFor),
  )) as [TActor, TActor, TActor, TActor, TActor];
});

const modelInput = (name: string, extra: Partial<TRegisterModelInput> = {}): TRegisterModelInput =>
  ZRegisterModelInput.parse({ name, team: "search", task: "ranking", framework: "xgboost", description: "Ranks results", tags: ["tabular"], ...extra });

const versionInput = (modelName: string, version: number, extra: Partial<TRegisterModelVersionInput> = {}): TRegisterModelVersionInput =>
  ZRegisterModelVersionInput.parse({
    modelName,
    version,
    storageUri: `s3://models/${modelName}/v${version}`,
    modelFormat: "xgboost",
    artifactSizeBytes: 12_000_000,
    metrics: { ndcg_at_10: 0.5 + version / 100, latency_p95_ms: 12 - version },
    trainingRunId: `run-${version}`,
    gitCommit: "abcdef1",
    ...extra,
  });

const countAudit = (targetId: string) => db.auditEvent.count({ where: { targetId } });

describe("registerModel", () => {
  it("registers for the actor's team, audits it, and is idempotent for identical details", async () => {
    const first = await registerModel(engineer, modelInput("t-ranker"));
    expect(first.isCreated).toBe(true);
    expect(first.model).toMatchObject({ name: "t-ranker", team: "search", framework: "xgboost", tags: ["tabular"] });
    const again = await registerModel(engineer, modelInput("t-ranker"));
    expect(again).toMatchObject({ isCreated: false, model: { name: "t-ranker" } });
    expect(await db.model.count({ where: { name: "t-ranker" } })).toBe(1);
    const events = await db.auditEvent.findMany({ where: { action: "model.registered", targetId: "t-ranker" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorEmail: engineer.email });
  });

  it("refuses the same name with other details (409) and writes nothing", async () => {
    await registerModel(engineer, modelInput("t-conflict"));
    const audits = await countAudit("t-conflict");
    await expect(registerModel(engineer, modelInput("t-conflict", { framework: "lightgbm" }))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await countAudit("t-conflict")).toBe(audits);
    expect((await db.model.findUniqueOrThrow({ where: { name: "t-conflict" } })).framework).toBe("xgboost");
  });

  it("is refused for viewers, approvers, no actor, and engineers of another team; admins may register for any team", async () => {
    for (const actor of [viewer, approver]) {
      await expect(registerModel(actor, modelInput("t-refused"))).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("engineer or admin role") });
    }
    await expect(registerModel(null, modelInput("t-refused"))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(registerModel(fraudEngineer, modelInput("t-refused"))).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("team search") });
    expect(await db.model.count({ where: { name: "t-refused" } })).toBe(0);
    expect(await countAudit("t-refused")).toBe(0);
    expect((await registerModel(admin, modelInput("t-refused", { team: "fraud" }))).model.team).toBe("fraud");
  });

  it("asks for a team when the actor has several, and knows unknown teams", async () => {
    await expect(registerModel(engineer, modelInput("t-noteam", { team: undefined }))).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { team: expect.any(Array) } });
    await expect(registerModel(engineer, modelInput("t-noteam", { team: "nope" }))).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await registerModel(fraudEngineer, modelInput("t-fraud-default", { team: undefined }))).model.team).toBe("fraud");
  });
});

describe("registerModelVersion", () => {
  beforeAll(async () => {
    await registerModel(engineer, modelInput("t-versions"));
  });

  it("registers a version with an estimated GPU need, audited, by whom and when", async () => {
    const { version, isCreated } = await registerModelVersion(engineer, versionInput("t-versions", 1));
    expect(isCreated).toBe(true);
    expect(version).toMatchObject({ version: 1, status: "active", gpuMemoryBytes: 0, gpuMemoryEstimated: true, registeredBy: engineer.email, parentVersion: null });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "model_version.registered", targetId: "t-versions@v1" } });
    expect(event.after).toMatchObject({ version: 1, storageUri: "s3://models/t-versions/v1" });
  });

  it("is idempotent for identical content and refuses other content for the same number (409 naming the fields)", async () => {
    await registerModelVersion(engineer, versionInput("t-versions", 2, { parentVersion: 1, metrics: { ndcg_at_10: 0.52, latency_p95_ms: 10 } }));
    const audits = await countAudit("t-versions@v2");
    const same = await registerModelVersion(engineer, versionInput("t-versions", 2, { parentVersion: 1, metrics: { latency_p95_ms: 10, ndcg_at_10: 0.52 } }));
    expect(same.isCreated).toBe(false);
    expect(same.version.parentVersion).toBe(1);

    const conflict = registerModelVersion(engineer, versionInput("t-versions", 2, { parentVersion: 1, storageUri: "s3://models/t-versions/v2-retrained" }));
    await expect(conflict).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("storageUri"), fieldErrors: { storageUri: expect.any(Array) } });
    expect(await countAudit("t-versions@v2")).toBe(audits);
    expect((await getModelVersionOrThrow(viewer, "t-versions", 2)).storageUri).toBe("s3://models/t-versions/v2");
  });

  it("treats an explicit GPU figure equal to the estimate as the same content, and a different one as a conflict", async () => {
    await expect(registerModelVersion(engineer, versionInput("t-versions", 1, { gpuMemoryBytes: 0 }))).resolves.toMatchObject({ isCreated: false });
    await expect(registerModelVersion(engineer, versionInput("t-versions", 1, { gpuMemoryBytes: 1024 }))).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("checks the parent version", async () => {
    await expect(registerModelVersion(engineer, versionInput("t-versions", 5, { parentVersion: 4 }))).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { parentVersion: expect.any(Array) } });
    await expect(registerModelVersion(engineer, versionInput("t-versions", 1, { parentVersion: 2 }))).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await db.modelVersion.count({ where: { model: { name: "t-versions" }, version: 5 } })).toBe(0);
  });

  it("is refused for viewers, approvers, no actor and engineers of another team, writing nothing", async () => {
    const audits = await db.auditEvent.count();
    for (const actor of [viewer, approver, fraudEngineer]) {
      await expect(registerModelVersion(actor, versionInput("t-versions", 9))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(registerModelVersion(null, versionInput("t-versions", 9))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(registerModelVersion(engineer, versionInput("no-such-model", 1))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.modelVersion.count({ where: { model: { name: "t-versions" }, version: 9 } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(audits);
    await expect(registerModelVersion(admin, versionInput("t-versions", 9))).resolves.toMatchObject({ isCreated: true });
  });

  it("leaves exactly one row when 10 registrations of the same version race", async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => registerModelVersion(engineer, versionInput("t-versions", 20))));
    expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    const created = results.filter((result) => result.status === "fulfilled" && result.value.isCreated);
    expect(created).toHaveLength(1);
    expect(await db.modelVersion.count({ where: { model: { name: "t-versions" }, version: 20 } })).toBe(1);
    expect(await countAudit("t-versions@v20")).toBe(1);
  });

  it("lets exactly one of 10 racing registrations with different content win; the others get 409", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => registerModelVersion(engineer, versionInput("t-versions", 21, { storageUri: `s3://models/t-versions/v21-attempt-${i}` }))),
    );
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(9);
    expect(rejected.every((result) => (result.reason as { code: string }).code === "CONFLICT")).toBe(true);
    expect(await db.modelVersion.count({ where: { model: { name: "t-versions" }, version: 21 } })).toBe(1);
  });
});

describe("immutability", () => {
  it("has no way to edit a version: the database refuses any change but its status", async () => {
    await registerModel(engineer, modelInput("t-immutable"));
    const { version } = await registerModelVersion(engineer, versionInput("t-immutable", 1));
    const row = await db.modelVersion.findFirstOrThrow({ where: { model: { name: "t-immutable" }, version: 1 } });
    await expect(db.modelVersion.update({ where: { id: row.id }, data: { storageUri: "s3://models/tampered" } })).rejects.toThrow(/immutable/);
    await expect(db.modelVersion.update({ where: { id: row.id }, data: { metrics: { ndcg_at_10: 1 } } })).rejects.toThrow(/immutable/);
    expect(await getModelVersionOrThrow(viewer, "t-immutable", 1)).toEqual(version);
  });

  it("refuses to delete a version a deployment uses", async () => {
    const row = await db.modelVersion.findFirstOrThrow({ where: { model: { name: "t-immutable" }, version: 1 }, include: { model: true } });
    await db.deployment.create({ data: { namespace: "search-dev", name: "t-immutable", environment: "dev", teamId: row.model.teamId, modelVersionId: row.id } });
    await expect(db.modelVersion.delete({ where: { id: row.id } })).rejects.toThrow();
    expect(await db.modelVersion.count({ where: { id: row.id } })).toBe(1);
  });
});

describe("updateModelVersionStatus", () => {
  beforeAll(async () => {
    await registerModel(engineer, modelInput("t-status"));
    for (const v of [1, 2, 3]) await registerModelVersion(engineer, versionInput("t-status", v));
  });

  it("deprecates and archives, auditing before and after", async () => {
    await expect(updateModelVersionStatus(engineer, { modelName: "t-status", version: 1, status: "deprecated" })).resolves.toEqual({ version: 1, status: "deprecated" });
    await updateModelVersionStatus(engineer, { modelName: "t-status", version: 1, status: "archived" });
    const events = await db.auditEvent.findMany({ where: { action: "model_version.status_changed", targetId: "t-status@v1" }, orderBy: { id: "asc" } });
    expect(events.map((event) => [event.before, event.after])).toEqual([
      [{ status: "active" }, { status: "deprecated" }],
      [{ status: "deprecated" }, { status: "archived" }],
    ]);
    await expect(updateModelVersionStatus(engineer, { modelName: "t-status", version: 1, status: "active" })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("refuses to archive a version that a deployment uses or an alias points at", async () => {
    const row = await db.modelVersion.findFirstOrThrow({ where: { model: { name: "t-status" }, version: 2 }, include: { model: true } });
    await db.deployment.create({ data: { namespace: "search-prod", name: "t-status", environment: "prod", teamId: row.model.teamId, modelVersionId: row.id } });
    await expect(updateModelVersionStatus(engineer, { modelName: "t-status", version: 2, status: "archived" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("search-prod/t-status"),
    });
    await moveModelAlias(engineer, { modelName: "t-status", alias: "champion", version: 3 });
    await expect(updateModelVersionStatus(engineer, { modelName: "t-status", version: 3, status: "archived" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("champion") });
    expect((await getModelVersionOrThrow(viewer, "t-status", 2)).status).toBe("active");
    // Deprecating a deployed version is fine: it is a signal, not a removal.
    await expect(updateModelVersionStatus(engineer, { modelName: "t-status", version: 2, status: "deprecated" })).resolves.toMatchObject({ status: "deprecated" });
  });

  it("is refused for viewers, approvers, no actor and engineers of another team", async () => {
    const input = { modelName: "t-status", version: 3, status: "deprecated" } as const;
    for (const actor of [viewer, approver, fraudEngineer]) await expect(updateModelVersionStatus(actor, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateModelVersionStatus(null, input)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await getModelVersionOrThrow(viewer, "t-status", 3)).status).toBe("active");
  });
});

describe("moveModelAlias", () => {
  beforeAll(async () => {
    await registerModel(engineer, modelInput("t-alias"));
    for (const v of [1, 2]) await registerModelVersion(engineer, versionInput("t-alias", v));
  });

  it("creates and moves an alias, auditing each move with before and after", async () => {
    await expect(moveModelAlias(engineer, { modelName: "t-alias", alias: "champion", version: 1 })).resolves.toEqual({ alias: "champion", version: 1, previousVersion: null });
    await expect(moveModelAlias(admin, { modelName: "t-alias", alias: "champion", version: 2 })).resolves.toEqual({ alias: "champion", version: 2, previousVersion: 1 });
    const events = await db.auditEvent.findMany({ where: { action: "model.alias_moved", targetId: "t-alias" }, orderBy: { id: "asc" } });
    expect(events.map((event) => [event.actorEmail, event.before, event.after])).toEqual([
      [engineer.email, { alias: "champion", version: null }, { alias: "champion", version: 1 }],
      [admin.email, { alias: "champion", version: 1 }, { alias: "champion", version: 2 }],
    ]);
    expect((await getModelDetail(viewer, "t-alias")).aliases).toEqual([{ alias: "champion", version: 2, updatedAt: expect.any(String) }]);
  });

  it("refuses archived versions, and viewers, approvers, no actor and engineers of another team", async () => {
    await updateModelVersionStatus(engineer, { modelName: "t-alias", version: 1, status: "archived" });
    await expect(moveModelAlias(engineer, { modelName: "t-alias", alias: "challenger", version: 1 })).rejects.toMatchObject({ code: "VALIDATION" });
    const input = { modelName: "t-alias", alias: "champion", version: 1 };
    for (const actor of [viewer, approver, fraudEngineer]) await expect(moveModelAlias(actor, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(moveModelAlias(null, input)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await getModelDetail(viewer, "t-alias")).aliases[0]!.version).toBe(2);
  });
});

describe("getModelDetail", () => {
  it("shows versions newest first, each compared with the previous one, with where it is deployed", async () => {
    await registerModel(engineer, modelInput("t-detail"));
    await registerModelVersion(engineer, versionInput("t-detail", 1, { metrics: { ndcg_at_10: 0.6, latency_p95_ms: 10 } }));
    await registerModelVersion(engineer, versionInput("t-detail", 2, { parentVersion: 1, metrics: { ndcg_at_10: 0.65, latency_p95_ms: 12 } }));
    const detail = await getModelDetail(viewer, "t-detail");
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(detail.versions[0]).toMatchObject({ comparedWith: 1, deployedAt: [] });
    expect(Object.fromEntries(detail.versions[0]!.metricDeltas.map((d) => [d.name, d.trend]))).toEqual({ latency_p95_ms: "worse", ndcg_at_10: "better" });
    expect(detail.versions[1]!.metricDeltas.every((d) => d.trend === "new")).toBe(true);
    expect((await listModelVersions(viewer, "t-detail")).map((v) => v.version)).toEqual([2, 1]);
    await expect(getModelDetail(viewer, "missing-model")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getModelDetail(null, "t-detail")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("demo seed", () => {
  it("holds about 8 models with 2–6 versions each, sizes matching their frameworks", async () => {
    const { SEED_MODELS } = await import("@/prisma/seed-data");
    expect(SEED_MODELS.length).toBeGreaterThanOrEqual(8);
    for (const seed of SEED_MODELS) {
      const detail = await getModelDetail(viewer, seed.name);
      // Other test files register more versions into the same seeded models: judge the seed's own.
      const seeded = detail.versions.filter((v) => seed.versions.some((s) => s.version === v.version));
      expect(seeded.length, seed.name).toBe(seed.versions.length);
      expect(seeded.length, seed.name).toBeGreaterThanOrEqual(2);
      expect(seeded.length, seed.name).toBeLessThanOrEqual(6);
      for (const version of seeded) {
        if (["sklearn", "xgboost", "lightgbm"].includes(seed.framework)) {
          expect(version.artifactSizeBytes, seed.name).toBeLessThan(200_000_000);
          expect(version.gpuMemoryBytes).toBe(0);
        }
        expect(version.metrics).not.toEqual({});
        expect(version.storageUri).toMatch(/^(s3|gs|hf):\/\//);
      }
    }
    const llm = await getModelDetail(viewer, "llama-3-1-8b-instruct");
    const gib = llm.versions[0]!.gpuMemoryBytes! / 1024 ** 3;
    expect(gib).toBeGreaterThan(16);
    expect(gib).toBeLessThanOrEqual(24);
    expect(llm.aliases.map((a) => a.alias)).toEqual(["challenger", "champion"]);
  });
});
