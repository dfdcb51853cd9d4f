import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./roles";

// Environment policies as the platform admin edits them, and who may not. Other tests read the
// policies, so the value changed here is put back whatever happens.

const ENVIRONMENT = "prod";
const FIELD = "Request expires after";

async function setTtl(page: Page, hours: string) {
  const card = page.getByTestId(`policy-${ENVIRONMENT}`);
  await card.getByLabel(FIELD).fill(hours);
  await card.getByRole("button", { name: `Save ${ENVIRONMENT}` }).click();
  await expect(card.getByRole("status")).toHaveText(`Saved the ${ENVIRONMENT} policy.`);
}

test.describe("as the admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("changes a policy value, sees it saved and described, and it survives a reload", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Environment policies" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Environment policies" })).toBeVisible();

    const card = page.getByTestId(`policy-${ENVIRONMENT}`);
    const input = card.getByLabel(FIELD);
    const original = await input.inputValue();
    const changed = original === "96" ? "120" : "96";
    try {
      // A value out of range is refused, with the reason under the field.
      await input.fill("0");
      await card.getByRole("button", { name: `Save ${ENVIRONMENT}` }).click();
      await expect(card.getByText("At least 1 hour.")).toBeVisible();
      await expect(input).toHaveAttribute("aria-invalid", "true");

      await setTtl(page, changed);
      await expect(card.getByTestId("policy-description")).toContainText(`requests expire after ${changed} h`);

      await page.reload();
      await expect(page.getByTestId(`policy-${ENVIRONMENT}`).getByLabel(FIELD)).toHaveValue(changed);
    } finally {
      await page.goto("/admin/policies");
      if ((await page.getByTestId(`policy-${ENVIRONMENT}`).getByLabel(FIELD).inputValue()) !== original) await setTtl(page, original);
    }
    await expect(page.getByTestId(`policy-${ENVIRONMENT}`).getByTestId("policy-description")).toContainText(`requests expire after ${original} h`);
  });
});

test.describe("as the viewer (on-call)", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("is refused the policies page with 403 and has no link to it", async ({ page }) => {
    const response = await page.goto("/admin/policies");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden-reason")).toContainText("needs the admin role");

    await page.goto("/approvals");
    await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Environment policies" })).toHaveCount(0);
  });
});
