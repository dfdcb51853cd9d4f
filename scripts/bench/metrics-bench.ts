// Metrics benchmark (issue 7 §7):
//   npx tsx scripts/bench/metrics-bench.ts [--runs 10]
// 1. Server time of a deployment's dashboard: every panel query of getDeploymentMetrics (run in
//    parallel) against sim/'s Prometheus API, for 15m … 7d, with the sim's 8 days of history.
//    Target: 7d under 500 ms.
// 2. First-load JS of the deployment page, gzipped, from the last production build
//    (.next/diagnostics/route-bundle-stats.json; run `npm run build` first). Target: < 300 KB.
// The sim is started through its CLI (the app never imports sim/), with a fleet of one
// deployment per runtime and a canary, applied with kubectl.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const { values } = parseArgs({ options: { runs: { type: "string", default: "10" } } });
const RUNS = Number(values.runs);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const dataDir = mkdtempSync(path.join(tmpdir(), "gantry-metrics-bench-"));

const sim = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["sim/main.ts", "--port", "0", "--data", dataDir, "--time-scale", "0.01"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
const simUrl = await new Promise<string>((resolve, reject) => {
  let buf = "";
  sim.stdout.on("data", (c: Buffer) => {
    buf += c.toString();
    const m = /sim ready on (\S+)/.exec(buf);
    if (m) resolve(m[1]!);
  });
  sim.once("exit", (code) => reject(new Error(`sim exited with ${code}`)));
});
const kubeconfig = path.join(dataDir, "kubeconfig");
const kubectl = (...args: string[]) => execFileSync("kubectl", ["--kubeconfig", kubeconfig, ...args], { encoding: "utf8" });

const isvc = (ns: string, name: string, model: string, annotations: Record<string, string> = {}) => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: ${name}, namespace: ${ns}, annotations: ${JSON.stringify(annotations)}}
spec:
  predictor:
    model: ${model}
`;
const gpu = `resources: {limits: {cpu: "4", memory: 40Gi, nvidia.com/gpu: "1"}}`;
const manifests = [
  "apiVersion: v1\nkind: Namespace\nmetadata: {name: bench}\n",
  isvc("bench", "scorer", `{modelFormat: {name: sklearn}, storageUri: "gs://models/scorer/v1"}`, { "gantry.dev/sim-rps": "80" }),
  isvc("bench", "chat", `{modelFormat: {name: vLLM}, storageUri: "hf://meta-llama/Llama-3.1-8B-Instruct", ${gpu}}`),
  isvc("bench", "vision", `{modelFormat: {name: onnx}, storageUri: "gs://models/vision/1", ${gpu}}`),
];
for (let i = 0; i < 6; i++) manifests.push(isvc("bench", `filler-${i}`, `{modelFormat: {name: xgboost}, storageUri: "gs://models/filler/${i}"}`));
writeFileSync(path.join(dataDir, "fleet.yaml"), manifests.join("---\n"));
kubectl("apply", "-f", path.join(dataDir, "fleet.yaml"));
const waitReady = async (names: string[], revision?: [string, string]) => {
  for (let i = 0; i < 600; i++) {
    const items = (JSON.parse(kubectl("get", "isvc", "-n", "bench", "-o", "json")) as { items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[]; components?: { predictor?: { latestReadyRevision?: string } } } }[] }).items;
    const ready = names.every((n) => items.find((x) => x.metadata.name === n)?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
    const rev = !revision || items.find((x) => x.metadata.name === revision[0])?.status?.components?.predictor?.latestReadyRevision === revision[1];
    if (ready && rev) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("deployments did not become Ready");
};
await waitReady(["scorer", "chat", "vision"]);
kubectl("patch", "isvc", "scorer", "-n", "bench", "--type=json", "-p", JSON.stringify([{ op: "replace", path: "/spec/predictor/model/storageUri", value: "gs://models/scorer/v2" }, { op: "add", path: "/spec/predictor/canaryTrafficPercent", value: 20 }]));
await waitReady(["scorer"], ["scorer", "scorer-predictor-00002"]);

// The service reads PROMETHEUS_URL like the app does.
process.env.PROMETHEUS_URL = simUrl;
const { getDeploymentMetrics } = await import("@/lib/services/metrics/get-deployment-metrics");
const actor = { id: "00000000-0000-0000-0000-000000000000", email: "bench@gantry.dev", name: "Bench", role: "viewer" as const, teams: [] };

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
console.log(`\nDeployment dashboard, server time (all panel queries in parallel), ${RUNS} runs each:`);
console.log("deployment      range  panels  points   p50 ms  p95 ms  max ms");
let worst7d = 0;
for (const [name, runtime] of [["scorer", "kserve"], ["chat", "vllm"], ["vision", "triton"]] as const) {
  for (const range of ["15m", "1h", "24h", "7d"] as const) {
    const times: number[] = [];
    let points = 0;
    let panels = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = await getDeploymentMetrics(actor, { namespace: "bench", name, runtime, range });
      times.push(performance.now() - t0);
      panels = r.panels.length;
      const bad = r.panels.find((p) => p.state !== "ok");
      if (bad && bad.state === "unavailable") throw new Error(`${name} ${range}: ${bad.key} unavailable: ${bad.reason}`);
      points = Math.max(...r.panels.flatMap((p) => (p.state === "ok" ? p.lines.map((l) => l.points.length) : [0])));
    }
    if (range === "7d") worst7d = Math.max(worst7d, pct(times, 0.95));
    console.log(`${name.padEnd(15)} ${range.padEnd(6)} ${String(panels).padStart(6)} ${String(points).padStart(7)} ${pct(times, 0.5).toFixed(0).padStart(8)} ${pct(times, 0.95).toFixed(0).padStart(7)} ${Math.max(...times).toFixed(0).padStart(7)}`);
  }
}
console.log(`7d p95 ${worst7d.toFixed(0)} ms: ${worst7d < 500 ? "under" : "OVER"} the 500 ms target (max points per line stays < 500 by the step choice)`);

const stats = path.join(ROOT, ".next/diagnostics/route-bundle-stats.json");
if (existsSync(stats)) {
  const routes = JSON.parse(readFileSync(stats, "utf8")) as { route: string; firstLoadChunkPaths: string[] }[];
  const built = statSync(stats).mtime.toISOString();
  console.log(`\nFirst-load JS, gzipped, from the production build of ${built}:`);
  for (const route of ["/deployments/[namespace]/[name]", "/gpu-pools/[pool]", "/"]) {
    const r = routes.find((x) => x.route === route);
    if (!r) continue;
    const gz = r.firstLoadChunkPaths.reduce((n, p) => n + gzipSync(readFileSync(path.join(ROOT, p))).length, 0);
    console.log(`${route.padEnd(34)} ${(gz / 1024).toFixed(0)} KB${route.startsWith("/deployments") ? (gz < 300 * 1024 ? "  (under the 300 KB target)" : "  (OVER the 300 KB target)") : ""}`);
  }
} else {
  console.log("\nFirst-load JS: no production build found (.next/diagnostics/route-bundle-stats.json); run `npm run build` first.");
}

sim.kill("SIGTERM");
await new Promise((r) => sim.once("exit", r));
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
