import { expect, request as playwrightRequest, test } from "@playwright/test";
import { storageStatePath } from "./roles";

// The model registry as people use it: engineers register versions and compare them, viewers
// read but cannot change anything (not even with a hand-made POST), CI uses a team token.

test.describe("as an engineer of the owning team", () => {
  test.use({ storageState: storageStatePath("engineer") });

  test("registers a version in the UI and sees it compared with the previous one", async ({ page }) => {
    await page.goto("/models?q=ranker");
    await page.getByTestId("model-row-search-ranker").getByRole("link", { name: "search-ranker" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "search-ranker" })).toBeVisible();
    await page.getByRole("link", { name: "Register version" }).click();

    await expect(page.getByLabel("Version number")).toHaveValue("5");
    // Validated as you type, in plain words.
    await page.getByLabel("Storage URI").fill("ftp://files/search-ranker");
    await expect(page.getByText(/must start with s3:\/\//)).toBeVisible();
    await page.getByLabel("Storage URI").fill("s3://models/search/search-ranker/v5");
    await expect(page.getByText(/must start with s3:\/\//)).toHaveCount(0);
    await page.getByLabel("Artifact size (MB)").fill("64");
    await page.getByLabel("Evaluation metrics").fill("ndcg_at_10 = 0.452\nmrr = 0.417\nlatency_p95_ms = 12.9");
    await page.getByLabel("Training run id (optional)").fill("rank-214");
    await page.getByLabel("Git commit (optional)").fill("9e8d7c6");
    await page.getByRole("button", { name: "Register version" }).click();

    await expect(page).toHaveURL(/\/models\/search-ranker$/);
    const comparison = page.getByTestId("version-comparison");
    await expect(comparison.getByTestId("version-column-5")).toContainText("vs v4");
    // The newest version is the first column of each row.
    const newest = (row: string) => page.getByTestId(`version-row-${row}`).locator("td").first();
    await expect(newest("ndcg_at_10")).toContainText("0.452");
    await expect(newest("ndcg_at_10")).toContainText("+0.009");
    await expect(newest("ndcg_at_10").getByText("(better)")).toBeAttached();
    await expect(newest("mrr").getByText("(worse)")).toBeAttached();
    await expect(newest("latency_p95_ms").getByText("(better)")).toBeAttached();
    await expect(newest("GPU memory")).toContainText("none (CPU)");
  });

  test("creates a team API token and CI registers a version with it", async ({ page, baseURL }) => {
    await page.goto("/settings/tokens");
    await page.getByLabel("Name").fill("e2e-ci");
    await page.getByLabel("Team").selectOption("assistant");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = (await page.getByTestId("new-token-secret").textContent())!.trim();
    expect(secret).toMatch(/^gtry_/);

    // Contexts made inside this describe would inherit the engineer's cookies: start empty.
    const noCookies = { cookies: [], origins: [] };
    const ci = await playwrightRequest.newContext({ baseURL, storageState: noCookies, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
    const body = { version: 3, storageUri: "s3://models/assistant/ticket-router/v3", modelFormat: "pytorch", artifactSizeBytes: 270_000_000, metrics: { accuracy: 0.85 } };
    const created = await ci.post("/api/v1/models/ticket-router/versions", { data: body });
    expect(created.status()).toBe(201);
    expect((await created.json()).version).toMatchObject({ version: 3, registeredBy: "API token e2e-ci", gpuMemoryEstimated: true });
    expect((await ci.post("/api/v1/models/ticket-router/versions", { data: body })).status()).toBe(200);
    expect((await ci.post("/api/v1/models/ticket-router/versions", { data: { ...body, metrics: { accuracy: 0.9 } } })).status()).toBe(409);
    expect((await ci.post("/api/v1/models/fraud-scorer/versions", { data: { ...body, version: 9 } })).status()).toBe(403);
    await ci.dispose();

    const anonymous = await playwrightRequest.newContext({ baseURL, storageState: noCookies });
    expect((await anonymous.post("/api/v1/models/ticket-router/versions", { data: body })).status()).toBe(401);
    expect((await anonymous.get("/api/v1/openapi.json")).status()).toBe(200);
    await anonymous.dispose();

    await page.reload();
    await expect(page.getByTestId("token-row-e2e-ci")).not.toContainText("never");
  });
});

test.describe("as the viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("reads models and versions but sees no register or change controls", async ({ page }) => {
    await page.goto("/models");
    await expect(page.getByTestId("models-table")).toContainText("llama-3-1-8b-instruct");
    await expect(page.getByRole("link", { name: "New model" })).toHaveCount(0);
    await page.goto("/models/llama-3-1-8b-instruct");
    await expect(page.getByTestId("version-comparison")).toContainText("hf://meta-llama/Llama-3.1-8B-Instruct");
    await expect(page.getByRole("link", { name: "Register version" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Deprecate" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Move alias" })).toHaveCount(0);
    expect((await page.goto("/models/llama-3-1-8b-instruct/register"))?.status()).toBe(403);
  });
});

test("a direct POST to the register-version action is refused for the viewer and changes nothing", async ({ browser, baseURL }) => {
  // Capture the real action call an engineer's browser makes, then replay it as the viewer.
  const engineerContext = await browser.newContext({ storageState: storageStatePath("engineer") });
  const engineerPage = await engineerContext.newPage();
  await engineerPage.goto("/models/doc-embedder/register");
  await engineerPage.getByLabel("Storage URI").fill("s3://models/search/doc-embedder/v4");
  await engineerPage.getByLabel("Artifact size (MB)").fill("438");
  await engineerPage.getByLabel("Evaluation metrics").fill("recall_at_10 = 0.86\nmrr_at_10 = 0.7\nlatency_p95_ms = 17");
  const [actionRequest] = await Promise.all([
    engineerPage.waitForRequest((req) => req.method() === "POST" && Boolean(req.headers()["next-action"])),
    engineerPage.getByRole("button", { name: "Register version" }).click(),
  ]);
  await expect(engineerPage).toHaveURL(/\/models\/doc-embedder$/);

  const replay = {
    headers: {
      "next-action": actionRequest.headers()["next-action"]!,
      "content-type": actionRequest.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
    },
    // Same payload, one version further, so a success would show as a new row.
    data: (actionRequest.postData() ?? "").replace('"version":4', '"version":5'),
    maxRedirects: 0,
  };
  const viewer = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("viewer") });
  const response = await viewer.post("/models/doc-embedder/register", replay);
  const body = await response.text();
  expect(body).toContain("FORBIDDEN");
  expect(body).toContain("needs the engineer or admin role");
  await viewer.dispose();

  const anonymous = await playwrightRequest.newContext({ baseURL });
  expect([307, 401, 403]).toContain((await anonymous.post("/models/doc-embedder/register", replay)).status());
  await anonymous.dispose();

  await engineerPage.goto("/models/doc-embedder");
  await expect(engineerPage.getByTestId("version-column-4")).toBeVisible();
  await expect(engineerPage.getByTestId("version-column-5")).toHaveCount(0);
  await engineerContext.close();
});
