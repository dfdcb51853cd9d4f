// Benchmark of the GPU pools pages on a big cluster, and of the load they put on the API
// server. Run: npx tsx scripts/bench/gpu-pools-bench.ts [--sessions 50] [--samples 100]
//
// 1. Starts the embedded cluster with 500 GPU nodes (+20 CPU nodes) and creates 10,000 pods
//    through its API (most bound, some pending).
// 2. Puts a counting HTTP proxy between Gantry and the cluster: every request Gantry makes to
//    the API server is classified as list, watch or other.
// 3. Starts Gantry (scripts/start.ts, production build, own PostgreSQL) on that proxy.
// 4. Measures server response times of /gpu-pools and /gpu-pools/<pool> (p50/p95).
// 5. Opens 1, then 50 browser sessions on /gpu-pools; cordons a node each time and measures
//    how long the pages take to show it and how many list/watch requests reached the API server.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { startSimProcess } from "../../test/support/sim-process";
import { spawnUntilReady, stopChild } from "../lib/child-process";

const { values: args } = parseArgs({
  options: {
    sessions: { type: "string", default: "50" },
    samples: { type: "string", default: "100" },
    port: { type: "string", default: "3300" },
    "pg-port": { type: "string", default: "54389" },
  },
});
const SESSIONS = Number(args.sessions);
const SAMPLES = Number(args.samples);
const APP_PORT = Number(args.port);
const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

const POOLS = [
  { name: "h100-pool", count: 50, cpu: "208", memory: "1872Gi", gpu: "product: NVIDIA-H100-80GB-HBM3\n      memoryMiB: 81559\n      count: 8\n      migCapable: true\n      mig:\n        strategy: mixed\n        partitions:\n          - { profile: 1g.10gb, gpus: 1, perGpu: 7, memoryMiB: 9856 }" },
  { name: "a100-pool", count: 150, cpu: "48", memory: "680Gi", gpu: "product: NVIDIA-A100-SXM4-80GB\n      memoryMiB: 81920\n      count: 4" },
  { name: "l4-pool", count: 200, cpu: "8", memory: "32Gi", gpu: "product: NVIDIA-L4\n      memoryMiB: 23034\n      count: 1" },
  { name: "t4-pool", count: 100, cpu: "8", memory: "30Gi", gpu: "product: Tesla-T4\n      memoryMiB: 15360\n      count: 1\n      sharing: { strategy: time-slicing, replicas: 4 }" },
  { name: "cpu-pool", count: 20, cpu: "16", memory: "64Gi", gpu: null },
];

function fleetYaml(): string {
  const pools = POOLS.map((pool) => `  - name: ${pool.name}\n    count: ${pool.count}\n    cpu: "${pool.cpu}"\n    memory: ${pool.memory}${pool.gpu ? `\n    gpu:\n      ${pool.gpu}` : ""}`);
  return `pools:\n${pools.join("\n")}\n`;
}

/** The 10,000 pods: GPU pods that fill most GPUs, small pods everywhere, and some that cannot fit. */
function podBodies(): object[] {
  const pods: object[] = [];
  const gpuPod = (i: number, pool: string, resource: string, amount: number, deployment: string) => ({
    metadata: { name: `bench-gpu-${i}`, labels: { "serving.kserve.io/inferenceservice": deployment, "gantry.dev/deployment-id": deployment } },
    spec: {
      nodeSelector: { "gantry.dev/pool": pool },
      tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
      containers: [{ name: "kserve-container", image: "registry.k8s.io/pause:3.9", resources: { limits: { cpu: "1", memory: "2Gi", [resource]: String(amount) } } }],
    },
  });
  let i = 0;
  for (let n = 0; n < 280; n += 1) pods.push(gpuPod(i++, "h100-pool", "nvidia.com/gpu", 1, `llm-${n % 20}`));
  for (let n = 0; n < 300; n += 1) pods.push(gpuPod(i++, "h100-pool", "nvidia.com/mig-1g.10gb", 1, `whisper-${n % 10}`));
  for (let n = 0; n < 520; n += 1) pods.push(gpuPod(i++, "a100-pool", "nvidia.com/gpu", 1, `ranker-${n % 40}`));
  for (let n = 0; n < 180; n += 1) pods.push(gpuPod(i++, "l4-pool", "nvidia.com/gpu", 1, `embed-${n % 30}`));
  for (let n = 0; n < 350; n += 1) pods.push(gpuPod(i++, "t4-pool", "nvidia.com/gpu", 1, `fraud-${n % 25}`));
  for (let n = 0; n < 100; n += 1) pods.push(gpuPod(i++, "a100-pool", "nvidia.com/gpu", 8, `too-big-${n % 5}`));
  for (let n = 0; pods.length < 10_000; n += 1) {
    pods.push({
      metadata: { name: `bench-small-${n}` },
      spec: { tolerations: [{ operator: "Exists" }], containers: [{ name: "sidecar", image: "registry.k8s.io/pause:3.9", resources: { requests: { cpu: "10m", memory: "16Mi" } } }] },
    });
  }
  return pods;
}

async function createPods(simUrl: string, token: string, bodies: object[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const response = await fetch(`${simUrl}/api/v1/namespaces/default/pods`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`creating a pod: ${response.status} ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

type TCounts = { list: number; watch: number; other: number };

/** A reverse proxy that counts what reaches the API server. */
function startCountingProxy(target: string): Promise<{ url: string; counts: TCounts; close: () => void }> {
  const counts: TCounts = { list: 0, watch: 0, other: 0 };
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", target);
    const isWatch = url.searchParams.get("watch") === "true" || url.searchParams.get("watch") === "1" || url.pathname.includes("/watch/");
    // A collection GET: /api/v1/pods, /api/v1/nodes, /api/v1/namespaces/x/pods …
    const segments = url.pathname.split("/").filter(Boolean);
    const isCollection = req.method === "GET" && (segments.length === 3 || (segments[2] === "namespaces" && segments.length === 5));
    if (isWatch) counts.watch += 1;
    else if (isCollection) counts.list += 1;
    else counts.other += 1;
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (upstreamResponse) => {
      res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
      upstreamResponse.pipe(res);
    });
    forward.on("error", () => res.destroy());
    req.pipe(forward);
    res.on("close", () => forward.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, counts, close: () => server.close() });
    });
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timeRequests(url: string, cookie: string): Promise<{ p50: number; p95: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES + 5; i += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.text();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    if (i >= 5) times.push(performance.now() - started);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
}

async function openSessions(browser: Browser, storageState: string, count: number): Promise<{ contexts: BrowserContext[]; pages: Page[] }> {
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  for (let i = 0; i < count; i += 1) {
    // One context per session: its own connections, as separate people would have.
    const context = await browser.newContext({ storageState });
    const page = await context.newPage();
    await page.goto(`http://localhost:${APP_PORT}/gpu-pools`, { timeout: 120_000 });
    await page.getByTestId("live-indicator").and(page.locator('[data-state="open"]')).waitFor({ timeout: 60_000 });
    contexts.push(context);
    pages.push(page);
  }
  return { contexts, pages };
}

/**
 * Cordons a node with kubectl and waits until every page shows one more cordoned node in the L4
 * pool. Returns the total, and the part after kubectl returned (the API server had accepted
 * the change by then): kubectl's own start-up is not Gantry's latency.
 */
async function cordonAndWait(kubeconfig: string, node: string, pages: Page[], expected: number): Promise<{ totalMs: number; afterWriteMs: number }> {
  const started = performance.now();
  execFileSync("kubectl", ["--kubeconfig", kubeconfig, "cordon", node]);
  const written = performance.now();
  await Promise.all(pages.map((page) => page.getByTestId("pool-card-l4-pool").getByTestId("pool-nodes").getByText(`${expected} cordoned`).waitFor({ timeout: 30_000 })));
  const done = performance.now();
  return { totalMs: done - started, afterWriteMs: done - written };
}

const describeLatency = (l: { totalMs: number; afterWriteMs: number }) => `${l.afterWriteMs.toFixed(0)} ms after the API server accepted it (${l.totalMs.toFixed(0)} ms including kubectl)`;

const dataDir = mkdtempSync(path.join(os.tmpdir(), "gantry-bench-"));
const fleetFile = path.join(dataDir, "fleet.yaml");
writeFileSync(fleetFile, fleetYaml());
const log = (message: string) => process.stdout.write(`${message}\n`);

log("starting the cluster: 500 GPU nodes + 20 CPU nodes…");
const sim = await startSimProcess({ fleetFile, timeScale: 0.02 });
const kubeconfigText = readFileSync(sim.kubeconfigPath, "utf8");
const token = /token:\s*(\S+)/.exec(kubeconfigText)?.[1] ?? "";
let app: Awaited<ReturnType<typeof spawnUntilReady>> | undefined;
let browser: Browser | undefined;
const proxy = await startCountingProxy(sim.url);
try {
  // Gantry first, so a concurrent rebuild of the app cannot fail it after the long pod creation;
  // the 10,000 pods then reach its cache through the watch, as in a live cluster.
  const proxiedKubeconfig = path.join(dataDir, "kubeconfig-proxied");
  writeFileSync(proxiedKubeconfig, kubeconfigText.replace(sim.url, proxy.url), { mode: 0o600 });
  log("starting Gantry on the counting proxy…");
  app = await spawnUntilReady(
    path.join(REPO_ROOT, "node_modules/.bin/tsx"),
    ["scripts/start.ts", "--fresh", "--data", path.join(dataDir, "app"), "--port", String(APP_PORT), "--pg-port", args["pg-port"]!],
    { name: "gantry", ready: /Gantry is running/, env: { ...process.env, KUBECONFIG: proxiedKubeconfig }, timeoutMs: 400_000 },
  );

  let started = performance.now();
  await createPods(sim.url, token, podBodies());
  log(`created 10,000 pods in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const signIn = await browser.newContext();
  const signInPage = await signIn.newPage();
  await signInPage.goto(`http://localhost:${APP_PORT}/signin`);
  await signInPage.getByRole("button", { name: /Sign in as Olivia Oncall/ }).click();
  await signInPage.getByTestId("current-user-name").waitFor();
  const storageState = path.join(dataDir, "viewer.json");
  await signIn.storageState({ path: storageState });
  const cookie = (await signIn.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await signIn.close();

  log(`\nserver response times over ${SAMPLES} requests each (full server render, HTML):`);
  for (const [label, url] of [
    ["/gpu-pools", `http://localhost:${APP_PORT}/gpu-pools`],
    ["/gpu-pools/a100-pool (150 nodes)", `http://localhost:${APP_PORT}/gpu-pools/a100-pool`],
    ["/gpu-pools/l4-pool (200 nodes)", `http://localhost:${APP_PORT}/gpu-pools/l4-pool`],
    ["GET /api/v1/gpu-pools", `http://localhost:${APP_PORT}/api/v1/gpu-pools`],
  ] as const) {
    const figures = await timeRequests(url, cookie);
    log(`  ${label.padEnd(36)} p50 ${figures.p50.toFixed(1)} ms   p95 ${figures.p95.toFixed(1)} ms   max ${figures.max.toFixed(1)} ms`);
  }

  const baseline = { ...proxy.counts };
  log(`\nAPI-server requests from Gantry before any browser session: list ${baseline.list}, watch ${baseline.watch}, other ${baseline.other}`);

  const one = await openSessions(browser, storageState, 1);
  const latencyOne = await cordonAndWait(sim.kubeconfigPath, "gke-gantry-l4-pool-0", one.pages, 1);
  const afterOne = { ...proxy.counts };
  log(`1 session:  cordon shown ${describeLatency(latencyOne)}; list/watch requests while it was open: list +${afterOne.list - baseline.list}, watch +${afterOne.watch - baseline.watch}`);

  started = performance.now();
  const more = await openSessions(browser, storageState, SESSIONS - 1);
  log(`  (opened ${SESSIONS - 1} more sessions in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const pages = [...one.pages, ...more.pages];
  const latencyMany = await cordonAndWait(sim.kubeconfigPath, "gke-gantry-l4-pool-1", pages, 2);
  const afterMany = { ...proxy.counts };
  log(`${SESSIONS} sessions: cordon shown on every page ${describeLatency(latencyMany)}; list/watch requests while they were open: list +${afterMany.list - afterOne.list}, watch +${afterMany.watch - afterOne.watch}`);
  log(`\ntotal API-server requests from Gantry: list ${afterMany.list}, watch ${afterMany.watch}, other ${afterMany.other}`);
  for (const context of [...one.contexts, ...more.contexts]) await context.close();
} finally {
  await browser?.close();
  if (app) await stopChild(app.child, 15_000);
  proxy.close();
  await sim.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
