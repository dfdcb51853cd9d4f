import { expect, test as setup } from "@playwright/test";
import { DEMO_USERS, storageStatePath, type TDemoRole } from "./roles";

// Signs in as each role the way a person does (the demo sign-in buttons) and saves the session.
for (const role of Object.keys(DEMO_USERS) as TDemoRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const user = DEMO_USERS[role];
    await page.goto("/signin");
    await page.getByRole("button", { name: `Sign in as ${user.name}` }).click();
    await expect(page.getByTestId("current-user-name")).toHaveText(user.name);
    await expect(page.getByTestId("current-user-role")).toHaveText(user.roleLabel);
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
