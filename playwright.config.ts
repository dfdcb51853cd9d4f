import { defineConfig } from "@playwright/test";

// End-to-end tests in Debian's Chromium (never a downloaded browser). The web servers are the
// real start command on their own data directories and ports, started fresh: embedded
// PostgreSQL, the simulated cluster and the production build of the app. A second instance is
// configured for single sign-on against a test OpenID Connect issuer.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const OIDC_APP_PORT = PORT + 1;
const OIDC_ISSUER_PORT = PORT + 90;
// Databases and clusters on ports derived from E2E_PORT, so two checkouts can run e2e at once.
const PG_PORT = PORT + 51_249;
const SIM_PORT = PORT + 3_353;
// The main app reaches Prometheus (the sim's API) through a proxy tests can switch off.
const PROMETHEUS_PROXY_PORT = PORT + 95;
export const PROMETHEUS_PROXY_CONTROL = `http://127.0.0.1:${PORT + 96}`;
export const BASE_URL = `http://localhost:${PORT}`;
export const OIDC_APP_URL = `http://localhost:${OIDC_APP_PORT}`;

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL: BASE_URL,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // Signs in once per role through the sign-in page and saves the session (e2e/.auth/<role>.json).
    { name: "sign-in", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", dependencies: ["sign-in"], testIgnore: [/auth\.setup\.ts/, /oidc\.spec\.ts/] },
    { name: "single sign-on", testMatch: /oidc\.spec\.ts/, use: { baseURL: OIDC_APP_URL } },
  ],
  webServer: [
    // First, so the app (and its demo seed) finds Prometheus from the start.
    {
      command: `npx tsx test/support/switchable-proxy.ts --listen ${PROMETHEUS_PROXY_PORT} --target 127.0.0.1:${SIM_PORT} --control ${PORT + 96}`,
      url: `${PROMETHEUS_PROXY_CONTROL}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
    },
    {
      command: `npx tsx scripts/start.ts --fresh --data .data/e2e --port ${PORT} --pg-port ${PG_PORT} --sim-port ${SIM_PORT} --time-scale 0.05`,
      url: `${BASE_URL}/signin`,
      timeout: 240_000,
      reuseExistingServer: false,
      // SIGTERM lets the launcher stop the cluster, the app and PostgreSQL it started.
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      env: { PROMETHEUS_URL: `http://127.0.0.1:${PROMETHEUS_PROXY_PORT}` },
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `npx tsx test/support/oidc-issuer.ts --port ${OIDC_ISSUER_PORT} --client-id gantry-e2e --client-secret e2e-secret`,
      url: `http://127.0.0.1:${OIDC_ISSUER_PORT}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
    },
    {
      command: `npx tsx scripts/start.ts --fresh --data .data/e2e-oidc --port ${OIDC_APP_PORT} --pg-port ${PG_PORT + 10} --sim-port ${SIM_PORT + 10}`,
      url: `${OIDC_APP_URL}/signin`,
      timeout: 240_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      env: {
        GANTRY_DEV_SIGNIN: "false",
        OIDC_ISSUER: `http://127.0.0.1:${OIDC_ISSUER_PORT}`,
        OIDC_CLIENT_ID: "gantry-e2e",
        OIDC_CLIENT_SECRET: "e2e-secret",
        OIDC_NAME: "Test IdP",
        OIDC_ROLE_MAP: "ml-approvers=approver,ml-engineers=engineer",
      },
    },
  ],
});
