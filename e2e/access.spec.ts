import { expect, request as playwrightRequest, test } from "@playwright/test";
import { DEMO_USERS, storageStatePath } from "./roles";

const SECTION_PAGES = [
  { link: "Overview", heading: /Welcome|Overview/ },
  { link: "Models", heading: "Models" },
  { link: "Deployments", heading: "Deployments" },
  { link: "GPU pools", heading: "GPU pools" },
  { link: "Approvals", heading: "Approvals" },
  { link: "Audit", heading: "Audit log" },
];

test.describe("without a session", () => {
  for (const path of ["/", "/models", "/audit", "/admin/users"]) {
    test(`${path} redirects to sign-in and comes back after it`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/signin\\?callbackUrl=${encodeURIComponent(path).replace(/[/]/g, "%2F")}`));
      await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    });
  }

  test("the API answers 401 with a reason", async ({ request }) => {
    const response = await request.get("/api/v1/me");
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
  });

  test("signing in returns to the page that was asked for", async ({ page }) => {
    await page.goto("/audit");
    await page.getByRole("button", { name: `Sign in as ${DEMO_USERS.viewer.name}` }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  });
});

test.describe("as the viewer (on-call)", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("every section is reachable from the navigation", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const section of SECTION_PAGES) {
      await nav.getByRole("link", { name: section.link }).click();
      await expect(page.getByRole("heading", { level: 1, name: section.heading })).toBeVisible();
      await expect(nav.getByRole("link", { name: section.link })).toHaveAttribute("aria-current", "page");
    }
    await expect(nav.getByRole("link", { name: "Users & roles" })).toHaveCount(0);
  });

  test("the admin page is refused with 403 and says which role is missing", async ({ page }) => {
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden-reason")).toContainText("needs the admin role");
    await expect(page.getByTestId("forbidden-reason")).toContainText("viewer role");
  });

  test("the API knows who is calling", async ({ page }) => {
    const response = await page.request.get("/api/v1/me");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.user).toMatchObject({ email: DEMO_USERS.viewer.email, role: "viewer" });
  });

  test("the theme can be switched to dark and back", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("radio", { name: "Dark theme" }).click();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.getByRole("radio", { name: "Light theme" }).click();
    await expect(page.locator("html")).not.toHaveClass(/dark/);
  });
});

test.describe("each role sees who they are", () => {
  for (const role of ["engineer", "approver", "admin"] as const) {
    test(`${role}`, async ({ browser }) => {
      const context = await browser.newContext({ storageState: storageStatePath(role) });
      const page = await context.newPage();
      await page.goto("/");
      await expect(page.getByTestId("current-user-name")).toHaveText(DEMO_USERS[role].name);
      await expect(page.getByTestId("current-user-role")).toHaveText(DEMO_USERS[role].roleLabel);
      await context.close();
    });
  }
});

test.describe("as the admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("changing a role is saved, audited and filterable in the audit log", async ({ page }) => {
    await page.goto("/admin/users");
    const row = page.getByTestId(`user-row-${DEMO_USERS.approver.email}`);
    await row.getByRole("combobox").selectOption("engineer");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("status")).toHaveText("Saved");

    await page.goto("/audit");
    await page.getByLabel("Action").selectOption("user.role_changed");
    await page.getByLabel("Target").fill(DEMO_USERS.approver.email);
    await page.getByRole("button", { name: "Filter" }).click();
    const table = page.getByTestId("audit-table");
    await expect(table).toContainText("user.role_changed");
    await expect(table).toContainText(DEMO_USERS.admin.email);
    await expect(table).toContainText('before {"role":"approver"}');

    // Put it back for the other tests.
    await page.goto("/admin/users");
    await row.getByRole("combobox").selectOption("approver");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("status")).toHaveText("Saved");
  });

  test("an admin cannot remove their own admin role", async ({ page }) => {
    await page.goto("/admin/users");
    const row = page.getByTestId(`user-row-${DEMO_USERS.admin.email}`);
    await row.getByRole("combobox").selectOption("viewer");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("status")).toHaveText("You cannot remove your own admin role.");
  });
});

test("a direct POST to a server action is refused without a session and for the wrong role", async ({ browser, baseURL }) => {
  // Capture the real action call the admin's browser makes, then replay it as others.
  const adminContext = await browser.newContext({ storageState: storageStatePath("admin") });
  const adminPage = await adminContext.newPage();
  await adminPage.goto("/admin/users");
  const row = adminPage.getByTestId(`user-row-${DEMO_USERS.engineer.email}`);
  await row.getByRole("combobox").selectOption("admin");
  const [actionRequest] = await Promise.all([
    adminPage.waitForRequest((req) => req.method() === "POST" && Boolean(req.headers()["next-action"])),
    row.getByRole("button", { name: "Save" }).click(),
  ]);
  await expect(row.getByRole("status")).toHaveText("Saved");
  await row.getByRole("combobox").selectOption("engineer");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved");

  const replay = {
    headers: {
      "next-action": actionRequest.headers()["next-action"]!,
      "content-type": actionRequest.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
    },
    data: actionRequest.postData() ?? "",
    maxRedirects: 0,
  };

  // No session at all: never reaches the action.
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const anonymousResponse = await anonymous.post("/admin/users", replay);
  expect([307, 401, 403]).toContain(anonymousResponse.status());
  await anonymous.dispose();

  // The viewer's session: the action itself refuses and says what is missing.
  const viewer = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("viewer") });
  const viewerResponse = await viewer.post("/admin/users", replay);
  const body = await viewerResponse.text();
  expect(body).toContain("FORBIDDEN");
  expect(body).toContain("needs the admin role");
  await viewer.dispose();

  // And nothing changed: the engineer is still an engineer.
  await adminPage.reload();
  await expect(adminPage.getByTestId(`user-row-${DEMO_USERS.engineer.email}`).getByRole("combobox")).toHaveValue("engineer");
  await adminContext.close();
});

test("signing out ends the session", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByRole("button", { name: `Sign in as ${DEMO_USERS.engineer.name}` }).click();
  await expect(page.getByTestId("current-user-name")).toHaveText(DEMO_USERS.engineer.name);
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/models");
  await expect(page).toHaveURL(/\/signin/);
  await context.close();
});
