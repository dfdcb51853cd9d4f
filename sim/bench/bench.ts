import { fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inferenceServices, namespaces, pods } from "../api/resources";
import { startSim } from "../server";
import type { ClientResults } from "./clients";

// Seeds 2,000 nodes, 20,000 pods and 1,000 InferenceServices, then measures over HTTP:
// listing all pods, watch fan-out to 100 watchers, and memory. Run: npx tsx sim/bench/bench.ts

const NODES = Number(process.env.BENCH_NODES ?? 2000);
const PODS = Number(process.env.BENCH_PODS ?? 20_000);
const ISVCS = Number(process.env.BENCH_ISVCS ?? 1000);
const WATCHERS = 100;
const NAMESPACES = 20;

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "gantry-sim-bench-"));
  const fleetFile = path.join(dataDir, "fleet.yaml");
  writeFileSync(
    fleetFile,
    `pools:
  - {name: cpu-pool, count: ${NODES / 2}, cpu: "64", memory: 256Gi}
  - name: l4-pool
    count: ${NODES / 4}
    cpu: "48"
    memory: 192Gi
    gpu: {product: NVIDIA-L4, memoryMiB: 23034, count: 4}
  - name: a100-pool
    count: ${NODES / 4}
    cpu: "96"
    memory: 680Gi
    gpu: {product: NVIDIA-A100-SXM4-80GB, memoryMiB: 81920, count: 8}
`,
  );
  const t0 = Date.now();
  const sim = await startSim({ port: 0, dataDir, fleetFile, timeScale: 0.001, quiet: true, persist: false });
  const { store } = sim.internals;
  for (let n = 0; n < NAMESPACES; n++) store.create(namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: `bench-${n}` } });

  // InferenceServices go through the controller, scheduler and kubelet like any other.
  for (let i = 0; i < ISVCS; i++) {
    store.create(inferenceServices, {
      apiVersion: "serving.kserve.io/v1beta1",
      kind: "InferenceService",
      metadata: { name: `model-${i}`, namespace: `bench-${i % NAMESPACES}` },
      spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: `gs://models/m${i}`, resources: { requests: { cpu: "100m", memory: "256Mi" } } } } },
    });
  }
  // The rest are plain running pods, bound directly to nodes.
  const nodeNames = store.list(sim.internals.store.typeFor("", "nodes")!).map((n) => n.metadata.name ?? "");
  for (let i = 0; i < PODS - ISVCS; i++) {
    store.create(pods, {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `worker-${i}`, namespace: `bench-${i % NAMESPACES}`, labels: { app: `app-${i % 50}` } },
      spec: { nodeName: nodeNames[i % nodeNames.length], containers: [{ name: "main", image: "busybox:1.36", resources: { requests: { cpu: "50m", memory: "64Mi" } } }] },
    });
  }
  // Let the controllers settle (ISVC pods scheduled and started).
  for (let i = 0; i < 600; i++) {
    const ready = store.list(pods).filter((p) => (p.status as { containerStatuses?: { ready?: boolean }[] } | undefined)?.containerStatuses?.[0]?.ready).length;
    if (ready >= PODS) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // Ready pods are not the end of it: the KServe controller still works through the status
  // updates they caused (seconds of reconciles). Measure a settled cluster, not that backlog:
  // wait until nothing has been written for a second.
  for (let i = 0, rv = -1; i < 120 && store.currentRv() !== rv; i++) {
    rv = store.currentRv();
    await new Promise((r) => setTimeout(r, 1000));
  }
  const seededIn = Date.now() - t0;
  console.log(`seeded ${store.count(sim.internals.store.typeFor("", "nodes")!)} nodes, ${store.count(pods)} pods, ${store.count(inferenceServices)} InferenceServices in ${(seededIn / 1000).toFixed(1)} s`);

  // The clients (12 lists of all pods, then 100 watchers and 20 writes) run in a process of
  // their own, as clients of an API server do; see clients.ts.
  const client = fork(fileURLToPath(new URL("./clients.ts", import.meta.url)), [sim.url, String(WATCHERS), String(NAMESPACES)], { stdio: "inherit" });
  const results = await new Promise<ClientResults>((resolve, reject) => {
    client.once("message", (m) => resolve(m as ClientResults));
    client.once("exit", (code) => reject(new Error(`benchmark clients exited with ${code}`)));
  });
  const { listTimes, latencies } = results;
  const listInfo = { bytes: results.listBytes, items: results.listItems };

  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  console.log("");
  console.log(`list all pods (${listInfo.items} items, ${(listInfo.bytes / 2 ** 20).toFixed(1)} MiB): p50 ${ms(pct(listTimes, 50))}, p95 ${ms(pct(listTimes, 95))}   (target < 300 ms)`);
  console.log(`watch fan-out to ${WATCHERS} watchers (${latencies.length} deliveries): p50 ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}   (target p95 < 100 ms)`);
  console.log(`memory: rss ${mib(mem.rss)}, heap used ${mib(mem.heapUsed)}   (target < 1 GiB)`);
  await sim.stop();
  rmSync(dataDir, { recursive: true, force: true });
  const okList = pct(listTimes, 50) < 300;
  const okWatch = pct(latencies, 95) < 100 && latencies.length === 20 * WATCHERS;
  const okMem = mem.rss < 2 ** 30;
  console.log(`\n${okList && okWatch && okMem ? "PASS" : "FAIL"}: list ${okList ? "ok" : "slow"}, watch ${okWatch ? "ok" : "slow/missing"}, memory ${okMem ? "ok" : "high"}`);
  process.exit(okList && okWatch && okMem ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
