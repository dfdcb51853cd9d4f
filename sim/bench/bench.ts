import http from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inferenceServices, namespaces, pods } from "../api/resources";
import { startSim } from "../server";

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
  const seededIn = Date.now() - t0;
  console.log(`seeded ${store.count(sim.internals.store.typeFor("", "nodes")!)} nodes, ${store.count(pods)} pods, ${store.count(inferenceServices)} InferenceServices in ${(seededIn / 1000).toFixed(1)} s`);

  // List all pods over HTTP.
  const agent = new http.Agent({ keepAlive: true });
  // Timed from request to the last byte; the client parses only once, outside the timing.
  const get = (p: string, parse: boolean) =>
    new Promise<{ ms: number; bytes: number; items: number }>((resolve, reject) => {
      const start = performance.now();
      http.get(sim.url + p, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const elapsed = performance.now() - start;
          const body = Buffer.concat(chunks);
          const items = parse ? (JSON.parse(body.toString("utf8")) as { items: unknown[] }).items.length : 0;
          resolve({ ms: elapsed, bytes: body.length, items });
        });
      }).on("error", reject);
    });
  const listTimes: number[] = [];
  let listInfo = { bytes: 0, items: 0 };
  for (let i = 0; i < 12; i++) {
    const r = await get("/api/v1/pods", i === 11);
    if (i >= 2) listTimes.push(r.ms); // two warm-up rounds
    listInfo = r;
  }

  // Watch fan-out: 100 watchers on all pods; time from the write to each watcher's receipt.
  const latencies: number[] = [];
  let pending = new Map<string, number>();
  const sockets: http.ClientRequest[] = [];
  await Promise.all(
    Array.from({ length: WATCHERS }, () =>
      new Promise<void>((resolve) => {
        const req = http.get(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${store.currentRv()}`, (res) => {
          let buf = "";
          res.on("data", (c: Buffer) => {
            const now = performance.now();
            buf += c.toString("utf8");
            let nl: number;
            while ((nl = buf.indexOf("\n")) >= 0) {
              const line = buf.slice(0, nl);
              buf = buf.slice(nl + 1);
              const m = line.match(/"bench-mark":"(\d+)"/);
              const sent = m ? pending.get(m[1] ?? "") : undefined;
              if (sent !== undefined) latencies.push(now - sent);
            }
          });
          resolve();
        });
        sockets.push(req);
      }),
    ),
  );
  for (let round = 0; round < 20; round++) {
    pending = new Map([[String(round), performance.now()]]);
    const target = `worker-${round * 37}`;
    const ns = `bench-${(round * 37) % NAMESPACES}`;
    const body = JSON.stringify({ metadata: { labels: { "bench-mark": String(round) } } });
    await new Promise<void>((resolve, reject) => {
      const req = http.request(`${sim.url}/api/v1/namespaces/${ns}/pods/${target}`, { method: "PATCH", agent, headers: { "content-type": "application/merge-patch+json" } }, (res) => {
        res.resume();
        res.on("end", () => resolve());
      });
      req.on("error", reject);
      req.end(body);
    });
    const expected = (round + 1) * WATCHERS;
    for (let i = 0; i < 200 && latencies.length < expected; i++) await new Promise((r) => setTimeout(r, 5));
  }
  for (const s of sockets) s.destroy();

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
