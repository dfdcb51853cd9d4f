import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { storageStatePath } from "./roles";

// The e2e web server runs the embedded cluster with its kubeconfig here (playwright.config.ts).
const KUBECONFIG = path.join(import.meta.dirname, "..", ".data", "e2e", "sim", "kubeconfig");
const kubectl = (...args: string[]) => execFileSync("kubectl", ["--kubeconfig", KUBECONFIG, ...args], { encoding: "utf8" });

test.describe("GPU pools", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("the pools page shows every GPU pool with its capacity", async ({ page }) => {
    await page.goto("/gpu-pools");
    await expect(page.getByRole("heading", { level: 1, name: "GPU pools" })).toBeVisible();
    for (const pool of ["h100-pool", "a100-pool", "l4-pool", "t4-pool"]) {
      await expect(page.getByTestId(`pool-card-${pool}`).getByTestId("capacity-bar")).toBeVisible();
    }
    await expect(page.getByTestId("pool-card-t4-pool")).toContainText("time-sliced ×4");
    await expect(page.getByTestId("pool-card-h100-pool")).toContainText("MIG 1g.10gb slices");
  });

  test("updates live after kubectl cordon, without a reload", async ({ page }) => {
    const node = "gke-gantry-l4-pool-3";
    await page.goto("/gpu-pools");
    await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "open");
    const card = page.getByTestId("pool-card-l4-pool");
    await expect(card.getByTestId("pool-nodes")).not.toContainText("cordoned");
    try {
      kubectl("cordon", node);
      // The page must show it within about a second (debounce + event + refetch).
      await expect(card.getByTestId("pool-nodes")).toContainText("1 cordoned", { timeout: 3_000 });
      await page.getByRole("link", { name: "l4-pool" }).click();
      await expect(page.getByTestId(`node-row-${node}`)).toContainText("cordoned");
      kubectl("uncordon", node);
      await expect(page.getByTestId(`node-row-${node}`)).not.toContainText("cordoned", { timeout: 3_000 });
    } finally {
      kubectl("uncordon", node);
    }
  });

  test("the fit check answers in plain words", async ({ page }) => {
    await page.goto("/gpu-pools/l4-pool");
    const fit = page.getByTestId("fit-check");
    await fit.getByLabel("GPUs per replica").fill("2");
    await fit.getByRole("button", { name: "Check fit" }).click();
    await expect(fit.getByTestId("fit-verdict")).toContainText("Does not fit: needs 2 × NVIDIA-L4 24GB");
    await expect(fit.getByTestId("fit-verdict")).toContainText("Fits in a100-pool");
  });
});

test.describe("GPU prices", () => {
  test("an admin sets a price and it is audited", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("admin") });
    const page = await context.newPage();
    await page.goto("/gpu-pools/t4-pool");
    await page.getByLabel("Price per GPU-hour (USD)").fill("0.65");
    await page.getByRole("button", { name: "Save price" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved");
    await page.goto("/audit");
    await expect(page.getByTestId("audit-table")).toContainText("gpu_price.updated");
    await context.close();
  });

  test("a viewer has no price editor", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("viewer") });
    const page = await context.newPage();
    await page.goto("/gpu-pools/t4-pool");
    await expect(page.getByRole("heading", { level: 1, name: "t4-pool" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save price" })).toHaveCount(0);
    await context.close();
  });
});
