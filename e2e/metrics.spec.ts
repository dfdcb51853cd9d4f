import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { storageStatePath } from "./roles";

// Metrics end to end: the e2e server's sim serves the Prometheus API, Gantry charts it.
// The e2e web server runs the embedded cluster with its kubeconfig here (playwright.config.ts).
const KUBECONFIG = path.join(import.meta.dirname, "..", ".data", "e2e", "sim", "kubeconfig");
const kubectl = (...args: string[]) => execFileSync("kubectl", ["--kubeconfig", KUBECONFIG, ...args], { encoding: "utf8" });

/** Number of points of each drawn line of a chart (recharts draws one path per line). */
async function linePoints(page: Page, title: string): Promise<number[]> {
  const chart = page.locator(`[data-testid="metric-chart"][data-chart-title="${title}"]`);
  const paths = await chart.locator("path.recharts-line-curve").evaluateAll((els) => els.map((e) => e.getAttribute("d") ?? ""));
  return paths.map((d) => (d.match(/[ML]/g) ?? []).length);
}

test.describe("deployment metrics", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("shows latency lines for stable and canary with real points", async ({ page }) => {
    test.setTimeout(240_000);
    // A canary at 20 %, made slower by the sim's annotation.
    kubectl("annotate", "isvc", "query-intent", "-n", "search-prod", "--overwrite", "gantry.dev/sim-canary-latency-factor=3");
    kubectl("patch", "isvc", "query-intent", "-n", "search-prod", "--type=json", "-p", JSON.stringify([
      { op: "replace", path: "/spec/predictor/model/storageUri", value: "s3://models/search/query-intent-classifier/e2e-canary" },
      { op: "add", path: "/spec/predictor/canaryTrafficPercent", value: 20 },
    ]));
    await expect
      .poll(() => JSON.parse(kubectl("get", "isvc", "query-intent", "-n", "search-prod", "-o", "jsonpath={.status.components.predictor.traffic}") || "[]").length, { timeout: 120_000 })
      .toBe(2);

    await page.goto("/deployments/search-prod/query-intent");
    const metrics = page.getByTestId("deployment-metrics");
    await metrics.getByRole("radio", { name: "15m" }).click();
    const p99 = metrics.locator('[data-testid="metric-chart"][data-chart-title="Latency p99"]');
    // The panel refreshes while open; the canary's series appear once it serves traffic.
    await expect(p99).toHaveAttribute("data-state", "ok", { timeout: 60_000 });
    // (The annotation above is part of the pod template, so it made a revision of its own.)
    await expect(p99.getByText(/canary \(\d{5}\) 20 %/)).toBeVisible({ timeout: 120_000 });
    await expect(p99.getByText(/stable \(\d{5}\) 80 %/)).toBeVisible();
    await expect.poll(async () => (await linePoints(page, "Latency p99")).filter((n) => n >= 3).length, { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  });
});

test.describe("on-call overview", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("lists the compound alert for a deployment with hot GPUs and p99 over its SLO", async ({ page }) => {
    test.setTimeout(240_000);
    // doc-embedder holds an L4: tell the sim one pod serves far less than it gets → GPU ~100 %.
    kubectl("annotate", "isvc", "doc-embedder", "-n", "search-staging", "--overwrite", "gantry.dev/sim-gpu-capacity-rps=0.5");
    // The SLO is set on the deployment's page.
    await page.goto("/deployments/search-staging/doc-embedder");
    await page.getByText("Set an SLO").click();
    const form = page.getByRole("form", { name: "Set an SLO" });
    await form.getByLabel("p99 target (ms)").fill("1");
    await form.getByLabel("Error-rate target (%)").fill("1");
    await form.getByRole("button", { name: "Save SLO" }).click();
    await expect(page.getByText("SLO saved: p99 ≤ 1 ms, errors ≤ 1.00 %.")).toBeVisible();
    await expect(page.getByTestId("slo")).toHaveText("p99 ≤ 1 ms, errors ≤ 1.00 %");
    await page.goto("/");

    // The hot-GPU alert, not the idle-GPU one: the past hour was idle, so that one may show first.
    const alert = page.getByTestId("compound-alert").filter({ hasText: "search-staging/doc-embedder" }).filter({ hasText: "over its 1 ms SLO" });
    await expect
      .poll(
        async () => {
          await page.reload();
          return alert.count();
        },
        { timeout: 150_000, intervals: [5_000] },
      )
      .toBe(1);
    await expect(alert).toContainText("over its 1 ms SLO");
    await expect(alert).toHaveAttribute("href", "/deployments/search-staging/doc-embedder");
  });
});
