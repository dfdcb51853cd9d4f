// Takes the README's screenshots from a running Gantry (npm start), signed in as the admin:
//   npx tsx scripts/take-screenshots.ts [http://localhost:3000] [out-dir]
import { chromium } from "@playwright/test";
import path from "node:path";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const outDir = path.resolve(process.argv[3] ?? "docs");
const PAGES = [
  { name: "screenshot", path: "/" },
  { name: "audit", path: "/audit" },
  { name: "users", path: "/admin/users" },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: (process.env.THEME as "dark" | "light") ?? "light" });
const page = await context.newPage();
await page.goto(`${baseUrl}/signin`);
await page.screenshot({ path: path.join(outDir, "signin.png") });
await page.getByRole("button", { name: /Sign in as Sam Admin/ }).click();
await page.getByTestId("current-user-name").waitFor();
for (const { name, path: pagePath } of PAGES) {
  await page.goto(`${baseUrl}${pagePath}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.screenshot({ path: path.join(outDir, `${name}.png`) });
  process.stdout.write(`${name}.png ← ${pagePath}\n`);
}
await browser.close();
