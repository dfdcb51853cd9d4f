import { expect, request as playwrightRequest, test } from "@playwright/test";
import { storageStatePath } from "./roles";

// Deployments as an engineer: walk the wizard for a GPU model, watch the launch reach Ready on
// the right pool; a launch that cannot be scheduled is explained; a viewer cannot launch.

test.describe.configure({ mode: "serial" });

let launchReplay: { headers: Record<string, string>; data: string } | null = null;

test.describe("as an engineer", () => {
  test.use({ storageState: storageStatePath("engineer") });

  test("walks the wizard for a GPU model and watches it become Ready on the chosen pool", async ({ page }) => {
    await page.goto("/deployments");
    await page.getByTestId("new-deployment").click();
    await expect(page.getByTestId("wizard-step-model")).toBeVisible();
    await page.getByTestId("template-gpu-model").click();
    await page.getByLabel("Model", { exact: true }).selectOption("ticket-router");
    await page.getByLabel("Deployment name").fill("e2e-router");
    await page.getByTestId("next").click();

    await page.getByRole("radio", { name: /assistant-dev/ }).click();
    await expect(page.getByText("Development: no approval needed")).toBeVisible();
    await page.getByTestId("next").click();

    await expect(page.getByLabel("Runtime")).toHaveValue("kserve-torchserve");
    await page.getByTestId("next").click();

    await page.getByTestId("pool-l4-pool").click();
    await expect(page.getByTestId("fit")).toContainText("Fits now");
    await page.getByTestId("next").click();
    await expect(page.getByLabel("GPU kind")).toHaveValue("whole");
    await page.getByLabel("Memory").fill("lots");
    await expect(page.getByTestId("field-error").first()).toContainText("Memory must be a positive quantity");
    await page.getByLabel("Memory").fill("4Gi");
    await page.getByTestId("next").click();
    await page.getByLabel("Min replicas").fill("1");
    await page.getByTestId("next").click();

    await expect(page.getByTestId("review-yaml")).toContainText("kind: InferenceService");
    await expect(page.getByTestId("review-yaml")).toContainText("nvidia.com/gpu.product");
    await expect(page.getByTestId("review-kubectl")).toContainText("kubectl apply -n assistant-dev -f -");
    const [launchRequest] = await Promise.all([
      page.waitForRequest((req) => req.method() === "POST" && Boolean(req.headers()["next-action"]) && (req.postData() ?? "").includes("idempotencyKey")),
      page.getByTestId("launch").click(),
    ]);
    launchReplay = {
      headers: { "next-action": launchRequest.headers()["next-action"]!, "content-type": launchRequest.headers()["content-type"] ?? "text/plain;charset=UTF-8", accept: "text/x-component" },
      data: (launchRequest.postData() ?? "").replace("e2e-router", "e2e-by-viewer"),
    };

    await expect(page).toHaveURL(/\/deployments\/assistant-dev\/e2e-router$/);
    await expect(page.getByTestId("progress")).toBeVisible();
    await expect(page.getByTestId("step-ready")).toHaveAttribute("data-state", "done", { timeout: 45_000 });
    await expect(page.getByTestId("phase")).toHaveText("Ready");
    await expect(page.getByTestId("pod-node").first()).toContainText("l4");
    await expect(page.getByTestId("url")).toContainText("e2e-router");
  });

  test("a launch that cannot be scheduled shows why and what to do", async ({ page }) => {
    await page.goto("/deployments/new?model=llama-3-1-8b-instruct&version=3");
    await page.getByLabel("Deployment name").fill("e2e-too-big");
    await page.getByTestId("next").click();
    await page.getByRole("radio", { name: /assistant-dev/ }).click();
    await page.getByTestId("next").click();
    await page.getByTestId("next").click();
    await page.getByTestId("pool-h100-pool").click();
    await page.getByTestId("next").click();
    await page.getByLabel("GPU count").fill("8");
    await expect(page.getByTestId("fit")).toContainText("This will be Pending");
    await page.getByRole("button", { name: "Review" }).click();
    await page.getByTestId("launch").click();
    await expect(page).toHaveURL(/\/deployments\/assistant-dev\/e2e-too-big$/);
    await expect(page.getByTestId("phase")).toHaveText("Pending: cannot be scheduled", { timeout: 30_000 });
    await expect(page.getByTestId("explanation").first()).toContainText("Waiting for GPUs");
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("cannot launch: the UI hides it and a direct POST is refused", async ({ page, baseURL }) => {
    await page.goto("/deployments");
    await expect(page.getByTestId("deployments-table")).toBeVisible();
    await expect(page.getByTestId("new-deployment")).toHaveCount(0);
    const response = await page.goto("/deployments/new");
    expect(response?.status()).toBe(403);

    test.skip(!launchReplay, "needs the engineer's launch request from the first test");
    const viewer = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("viewer") });
    const replay = await viewer.post("/deployments/new", { ...launchReplay!, maxRedirects: 0 });
    const body = await replay.text();
    expect(body).toContain("FORBIDDEN");
    await viewer.dispose();
    await page.goto("/deployments?q=e2e-by-viewer");
    await expect(page.getByText("Nothing matches these filters")).toBeVisible();
  });
});
