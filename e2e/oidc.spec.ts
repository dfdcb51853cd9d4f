import { expect, test } from "@playwright/test";
import { OIDC_TEST_IDENTITIES } from "../test/support/oidc-identities";

// Single sign-on against a real OpenID Connect flow (test/support/oidc-issuer.ts): discovery,
// authorization code with PKCE, a signed ID token, and the groups claim mapped to roles by
// OIDC_ROLE_MAP. This instance has the demo sign-in turned off.

const [grace, linus, nobody] = OIDC_TEST_IDENTITIES as [typeof OIDC_TEST_IDENTITIES[0], typeof OIDC_TEST_IDENTITIES[0], typeof OIDC_TEST_IDENTITIES[0]];

async function signInAs(page: import("@playwright/test").Page, name: string) {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: /Sign in as/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();
  await page.getByRole("link", { name: `Log in as ${name}` }).click();
}

test("signs in through the identity provider with the role its groups map to", async ({ page }) => {
  await signInAs(page, grace.name);
  await expect(page.getByTestId("current-user-name")).toHaveText(grace.name);
  await expect(page.getByTestId("current-user-role")).toHaveText("Approver");
  const me = await (await page.request.get("/api/v1/me")).json();
  expect(me.user).toMatchObject({ email: grace.email, role: "approver" });
});

test("maps other groups to their role, and no mapped group to viewer", async ({ browser }) => {
  for (const [identity, roleLabel] of [
    [linus, "ML engineer"],
    [nobody, "Viewer (on-call)"],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, identity.name);
    await expect(page.getByTestId("current-user-role")).toHaveText(roleLabel);
    await context.close();
  }
});

test("the demo sign-in is not offered nor registered when it is turned off", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByText("Demo users")).toHaveCount(0);
  const providers = await (await page.request.get("/api/auth/providers")).json();
  expect(Object.keys(providers)).toEqual(["oidc"]);
});
