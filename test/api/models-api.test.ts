import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/adapters/db";
import type { TActor } from "@/lib/auth/permissions";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/services/api-tokens/revoke-api-token";
import { getActorById } from "@/lib/services/users/get-actor";

// The REST API's route handlers called as plain functions with a Request, against the per-run
// PostgreSQL. Every request here carries an Authorization header, so the token path answers
// and the browser session is never consulted (a request with no credentials at all needs a
// real Next request scope; e2e/models.spec.ts and e2e/access.spec.ts cover its 401).

const models = await import("@/app/api/v1/models/route");
const model = await import("@/app/api/v1/models/[name]/route");
const versions = await import("@/app/api/v1/models/[name]/versions/route");
const version = await import("@/app/api/v1/models/[name]/versions/[version]/route");
const openapi = await import("@/app/api/v1/openapi.json/route");

// Response bodies are read loosely on purpose: the assertions say what they must contain.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TJson = Record<string, any>;
type THandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

async function call<P>(handler: THandler<P>, params: P, init: { method?: string; token?: string; body?: unknown; rawBody?: string; path?: string } = {}) {
  const headers = new Headers({ "content-type": "application/json" });
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const response = await handler(new Request(`http://gantry.test/api/v1${init.path ?? "/"}`, { method: init.method ?? "GET", headers, body }), { params: Promise.resolve(params) });
  return { status: response.status, body: (await response.json()) as TJson };
}

const versionBody = (v: number, extra: Record<string, unknown> = {}) => ({
  version: v,
  storageUri: `s3://models/api-ranker/v${v}`,
  modelFormat: "onnx",
  runtimeHint: "kserve-tritonserver",
  artifactSizeBytes: 420_000_000,
  metrics: { ndcg_at_10: 0.7 + v / 100 },
  trainingRunId: `mlflow-${v}`,
  trainingRunUrl: `https://mlflow.internal/runs/${v}`,
  dataset: "s3://datasets/clicks/2026-10",
  gitCommit: "0123abcd",
  ...extra,
});

let searchToken: string;
let fraudToken: string;
let revokedToken: string;
let engineer: TActor;

beforeAll(async () => {
  engineer = (await getActorById((await db.user.findUniqueOrThrow({ where: { email: "engineer@gantry.dev" } })).id))!;
  const fraudEngineer = (await getActorById((await db.user.findUniqueOrThrow({ where: { email: "fraud-engineer@gantry.dev" } })).id))!;
  searchToken = (await createApiToken(engineer, { team: "search", name: "ci-api-test" })).secret;
  fraudToken = (await createApiToken(fraudEngineer, { team: "fraud", name: "ci-api-test" })).secret;
  const revoked = await createApiToken(engineer, { team: "search", name: "ci-revoked" });
  await revokeApiToken(engineer, { tokenId: revoked.id });
  revokedToken = revoked.secret;
});

describe("authentication", () => {
  it("answers 401 with an unknown token and with a revoked one, never falling back to a session", async () => {
    for (const token of ["gtry_not-a-real-token", "something-else", revokedToken]) {
      const response = await call(models.GET, {}, { token });
      expect(response.status, String(token)).toBe(401);
      expect(response.body.error.code).toBe("UNAUTHENTICATED");
    }
    const post = await call(models.POST, {}, { method: "POST", token: "gtry_not-a-real-token", body: { name: "x", task: "ranking", framework: "onnx" } });
    expect(post.status).toBe(401);
  });

  it("records when a token was last used", async () => {
    await call(models.GET, {}, { token: searchToken });
    const token = await db.apiToken.findFirstOrThrow({ where: { name: "ci-api-test", team: { slug: "search" } } });
    expect(token.lastUsedAt).not.toBeNull();
    expect(Date.now() - token.lastUsedAt!.getTime()).toBeLessThan(60_000);
  });
});

describe("POST /api/v1/models and /versions with a team token", () => {
  it("creates a model for the token's team (201), then returns it unchanged (200)", async () => {
    const body = { name: "api-ranker", task: "ranking", framework: "onnx", description: "ONNX ranker on Triton", tags: ["ranking"] };
    const created = await call(models.POST, {}, { method: "POST", token: searchToken, body });
    expect(created.status).toBe(201);
    expect(created.body.model).toMatchObject({ name: "api-ranker", team: "search" });
    expect((await call(models.POST, {}, { method: "POST", token: searchToken, body })).status).toBe(200);
    expect((await call(models.POST, {}, { method: "POST", token: searchToken, body: { ...body, framework: "pytorch" } })).status).toBe(409);
  });

  it("registers a version (201), is idempotent (200), refuses other content for the same number (409)", async () => {
    const created = await call(versions.POST, { name: "api-ranker" }, { method: "POST", token: searchToken, body: versionBody(1) });
    expect(created.status).toBe(201);
    expect(created.body.version).toMatchObject({ version: 1, registeredBy: "API token ci-api-test", gpuMemoryEstimated: true, gpuMemoryBytes: expect.any(Number) });

    const again = await call(versions.POST, { name: "api-ranker" }, { method: "POST", token: searchToken, body: versionBody(1) });
    expect(again.status).toBe(200);
    expect(again.body.version).toEqual(created.body.version);

    const conflict = await call(versions.POST, { name: "api-ranker" }, { method: "POST", token: searchToken, body: versionBody(1, { metrics: { ndcg_at_10: 0.99 } }) });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: "CONFLICT", fieldErrors: { metrics: expect.any(Array) } });

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "model_version.registered", targetId: "api-ranker@v1" } });
    expect(audit.actorEmail).toBe("api-token:ci-api-test@search");
  });

  it("answers 403 to a token of another team, and writes nothing", async () => {
    const response = await call(versions.POST, { name: "api-ranker" }, { method: "POST", token: fraudToken, body: versionBody(2) });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain("team search");
    const model = await call(models.POST, {}, { method: "POST", token: fraudToken, body: { name: "api-other", team: "search", task: "ranking", framework: "onnx" } });
    expect(model.status).toBe(403);
    expect(await db.modelVersion.count({ where: { model: { name: "api-ranker" }, version: 2 } })).toBe(0);
    expect(await db.model.count({ where: { name: "api-other" } })).toBe(0);
  });

  it("answers 400 to a body that is not JSON and 422 with a reason per field to invalid input", async () => {
    const notJson = await call(versions.POST, { name: "api-ranker" }, { method: "POST", token: searchToken, rawBody: "{version: 2" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toContain("not valid JSON");

    const invalid = await call(versions.POST, { name: "api-ranker" }, { method: "POST", token: searchToken, body: versionBody(0, { storageUri: "ftp://x/y", artifactSizeBytes: "big" }) });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.error.fieldErrors).sort()).toEqual(["artifactSizeBytes", "storageUri", "version"]);
    expect(invalid.body.error.fieldErrors.storageUri[0]).toContain("s3://");

    const badName = await call(models.POST, {}, { method: "POST", token: searchToken, body: { name: "Bad_Name", task: "ranking", framework: "caffe" } });
    expect(badName.status).toBe(422);
    expect(Object.keys(badName.body.error.fieldErrors).sort()).toEqual(["framework", "name"]);

    const missing = await call(versions.POST, { name: "no-such-model" }, { method: "POST", token: searchToken, body: versionBody(1) });
    expect(missing.status).toBe(404);
  });
});

describe("GET endpoints", () => {
  it("list, show a model, its versions, and one version", async () => {
    await call(versions.POST, { name: "api-ranker" }, { method: "POST", token: searchToken, body: versionBody(2, { parentVersion: 1 }) });
    const list = await call(models.GET, {}, { token: fraudToken, path: "/models?q=onnx+ranker&framework=onnx" });
    expect(list.status).toBe(200);
    expect(list.body.models.map((m: { name: string }) => m.name)).toContain("api-ranker");

    const detail = await call(model.GET, { name: "api-ranker" }, { token: fraudToken });
    expect(detail.status).toBe(200);
    expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const all = await call(versions.GET, { name: "api-ranker" }, { token: searchToken });
    expect(all.body.versions[0]).toMatchObject({ version: 2, parentVersion: 1 });

    const one = await call(version.GET, { name: "api-ranker", version: "1" }, { token: searchToken });
    expect(one.body.version).toMatchObject({ version: 1, storageUri: "s3://models/api-ranker/v1" });
    expect((await call(version.GET, { name: "api-ranker", version: "7" }, { token: searchToken })).status).toBe(404);
    expect((await call(version.GET, { name: "api-ranker", version: "latest" }, { token: searchToken })).status).toBe(404);
  });
});

describe("OpenAPI document", () => {
  it("describes every endpoint with the request schemas the handlers validate with", async () => {
    const response = await openapi.GET();
    const document = (await response.json()) as TJson;
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).sort()).toEqual(["/models", "/models/{name}", "/models/{name}/versions", "/models/{name}/versions/{version}"]);
    const input = document.components.schemas.ModelVersionInput;
    expect(input.required).toEqual(expect.arrayContaining(["version", "storageUri", "modelFormat", "artifactSizeBytes"]));
    expect(input.properties.storageUri.description).toContain("oci://");
    expect(document.components.schemas.RegisterModelInput.properties.framework.enum).toContain("huggingface");
    expect(Object.keys(document.paths["/models/{name}/versions"].post.responses)).toEqual(expect.arrayContaining(["200", "201", "400", "401", "403", "409", "422"]));
  });
});
