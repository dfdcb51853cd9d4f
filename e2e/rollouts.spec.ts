import { expect, type Browser, type Page, test } from "@playwright/test";
import { PROMETHEUS_PROXY_CONTROL } from "../playwright.config";
import { storageStatePath, type TDemoRole } from "./roles";

// Canary rollout across browsers: an engineer starts a canary of query-intent v3 in
// search-staging, drags the slider to 25 % and sees the actual split follow, requests
// promotion; an approver sees the evidence and approves; the engineer sees v3 at 100 %.
// Then: the requester cannot approve their own request (UI and direct POST), and an engineer
// of the team rolls back while Prometheus is unreachable.

test.describe.configure({ mode: "serial" });

const DEPLOYMENT = "/deployments/search-staging/query-intent";

async function pageAs(browser: Browser, role: TDemoRole): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(role) });
  return context.newPage();
}

async function setStagingPolicy(browser: Browser, requiresApproval: boolean): Promise<void> {
  const admin = await pageAs(browser, "admin");
  await admin.goto("/admin/policies");
  const form = admin.getByTestId("policy-staging");
  const checkbox = form.getByLabel(/Promotion needs approval/);
  if ((await checkbox.isChecked()) !== requiresApproval) await checkbox.click();
  if (requiresApproval) {
    await form.getByLabel("Minimum canary run").fill("0");
    await form.getByLabel("Minimum canary requests").fill("0");
  }
  if (await form.getByTestId("save-policy-staging").isEnabled()) {
    await form.getByTestId("save-policy-staging").click();
    await expect(form.getByTestId("policy-description")).toContainText(requiresApproval ? "promotion needs one approval" : "no approval needed");
  }
  await admin.context().close();
}

/** Drags the range thumb to `percent` with the mouse, then nudges with the keyboard to land exactly. */
async function dragSliderTo(page: Page, percent: number): Promise<void> {
  const slider = page.getByLabel("Canary traffic percent");
  const box = (await slider.boundingBox())!;
  const current = Number(await slider.inputValue());
  const thumb = 16; // Chromium's default range thumb width in CSS pixels
  const xOf = (value: number) => box.x + thumb / 2 + ((box.width - thumb) * value) / 100;
  await page.mouse.move(xOf(current), box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(xOf(percent), box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  for (let value = Number(await slider.inputValue()); value !== percent; value = Number(await slider.inputValue())) {
    await slider.press(value < percent ? "ArrowRight" : "ArrowLeft");
  }
}

test.afterAll(async ({ browser }) => {
  await fetch(`${PROMETHEUS_PROXY_CONTROL}/on`, { method: "POST" });
  await setStagingPolicy(browser, false);
});

test("an engineer starts a canary, moves it to 25 %, requests promotion; an approver approves; it is promoted", async ({ browser }) => {
  test.setTimeout(240_000);
  await setStagingPolicy(browser, true);

  const engineer = await pageAs(browser, "engineer");
  await engineer.goto(DEPLOYMENT);
  const rollout = engineer.getByTestId("rollout");
  await rollout.getByTestId("start-canary").click();
  await rollout.getByLabel("Canary version").selectOption("3");
  await rollout.getByLabel("Canary traffic percent at start").fill("10");
  await rollout.getByTestId("review-canary").click();
  await expect(rollout.getByText("s3://models/search/query-intent-classifier/v3")).toBeVisible();
  await expect(rollout.getByText("canaryTrafficPercent: 10")).toBeVisible();
  await rollout.getByTestId("apply-canary").click();
  await expect(rollout.getByRole("status").filter({ hasText: "Canary v3 started with 10 %" })).toBeVisible();

  // The new revision loads, then KServe routes its share.
  await expect(rollout.getByRole("img", { name: /^Actual: 10 % to canary v3, 90 % to stable v2/ })).toBeVisible({ timeout: 90_000 });
  await dragSliderTo(engineer, 25);
  await expect(rollout.getByRole("img", { name: /^Configured: 25 % to canary v3/ })).toBeVisible();
  await expect(rollout.getByTestId("canary-status")).toContainText("Saved 25 %", { timeout: 20_000 });
  await expect(rollout.getByRole("img", { name: /^Actual: 25 % to canary v3, 75 % to stable v2/ })).toBeVisible({ timeout: 60_000 });

  await rollout.getByTestId("request-promotion").click();
  await rollout.getByLabel("Note for approvers").fill("Latency and errors match v2 at 25 %; ready for all traffic.");
  await rollout.getByTestId("confirm-request").click();
  await expect(rollout.getByRole("status").filter({ hasText: "Promotion requested" })).toBeVisible();
  await expect(rollout.getByTestId("promotion-requests")).toContainText("Pending");

  const approver = await pageAs(browser, "approver");
  await approver.goto("/approvals");
  const card = approver.getByTestId("promotion-request-search-staging-query-intent");
  await expect(card).toContainText("Latency and errors match v2 at 25 %");
  await expect(card.getByTestId("evidence")).toBeVisible();
  await expect(card.getByTestId("verdict-summary")).not.toBeEmpty();
  await card.getByTestId("decision-comment").fill("Evidence looks good.");
  await card.getByTestId("approve").click();
  await expect(approver.getByTestId("approval-feedback")).toContainText(/promoted/i);

  // The engineer's page follows: promoted, all traffic on v3.
  await expect(rollout.getByTestId("rollout-phase")).toContainText("Promoted", { timeout: 30_000 });
  await expect(rollout.getByRole("img", { name: /^Traffic now: 100 % to canary v3, 0 % to stable v2/ })).toBeVisible({ timeout: 60_000 });
  await expect(rollout.getByTestId("rollout-timeline")).toContainText("Approved (final approval)");
  await approver.context().close();
  await engineer.context().close();
});

test("the requester cannot approve their own request, in the UI or by a direct POST", async ({ browser }) => {
  test.setTimeout(120_000);
  // The admin holds both roles: requests promotion of the seeded fraud-scorer canary, then tries to approve it.
  const admin = await pageAs(browser, "admin");
  await admin.goto("/deployments/fraud-prod/fraud-scorer");
  const rollout = admin.getByTestId("rollout");
  await expect(rollout.getByTestId("request-promotion")).toBeEnabled({ timeout: 60_000 });
  await rollout.getByTestId("request-promotion").click();
  await rollout.getByLabel("Note for approvers").fill("Requesting to check self-approval is refused.");
  await rollout.getByTestId("confirm-request").click();
  await expect(rollout.getByTestId("promotion-requests")).toContainText("Pending");

  await admin.goto("/approvals");
  const card = admin.getByTestId("promotion-request-fraud-prod-fraud-scorer");
  await expect(card.getByTestId("approve")).toBeDisabled();
  await expect(card.getByTestId("why-cannot-decide")).toContainText("You requested this promotion");

  const list = (await (await admin.request.get("/api/v1/promotion-requests")).json()) as { open: { id: string; name: string; status: string }[] };
  const mine = list.open.find((r) => r.name === "fraud-scorer" && r.status === "pending")!;
  const response = await admin.request.post(`/api/v1/promotion-requests/${mine.id}/decision`, { data: { decision: "approve" } });
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { error: { message: string } }).error.message).toContain("You requested this promotion");

  // Nothing changed: still pending, canary still at 10 %.
  await admin.goto("/deployments/fraud-prod/fraud-scorer");
  await expect(admin.getByTestId("rollout").getByTestId("promotion-requests")).toContainText("Pending");
  await admin.context().close();
});

test("an engineer of the team rolls back while Prometheus is unreachable", async ({ browser }) => {
  test.setTimeout(120_000);
  expect((await fetch(`${PROMETHEUS_PROXY_CONTROL}/off`, { method: "POST" })).ok).toBe(true);
  const engineer = await pageAs(browser, "engineer");
  await engineer.goto(DEPLOYMENT);
  const rollout = engineer.getByTestId("rollout");
  await expect(rollout.getByTestId("canary-evidence")).toContainText("No comparison yet", { timeout: 30_000 });
  await rollout.getByTestId("rollback").click();
  await rollout.getByLabel("Reason for the rollback").fill("Checking rollback without metrics");
  await rollout.getByTestId("confirm-rollback").click();
  await expect(rollout.getByRole("status").filter({ hasText: "Rolled back: v2 takes all traffic" })).toBeVisible();
  // KServe's roll-back rule sends traffic to the previous rolled-out revision (v2).
  await expect(rollout.getByRole("img", { name: /^Traffic now: 0 % to canary v3, 100 % to stable v2/ })).toBeVisible({ timeout: 60_000 });
  await expect(rollout.getByTestId("rollout-timeline")).toContainText("Rolled back to v2");
  await engineer.context().close();
});
