import { execFile, execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSim, type TestSim, waitFor } from "./helpers";

// Conformance with the real kubectl. A missing kubectl is a failure, not a skip.

const fixtures = path.join(import.meta.dirname, "fixtures");
let t: TestSim;
let kubectlPath = "";

function kubectl(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(kubectlPath, args, { env: { ...process.env, KUBECONFIG: t.sim.kubeconfigPath }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? Number((err as { code?: number }).code ?? 1) : 0 });
    });
  });
}

async function ok(...args: string[]): Promise<string> {
  const r = await kubectl(...args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  try {
    kubectlPath = execFileSync("sh", ["-c", "command -v kubectl"], { encoding: "utf8" }).trim();
  } catch {
    kubectlPath = "";
  }
  if (!kubectlPath) throw new Error("kubectl was not found on PATH; the sim conformance tests need the real kubectl (install kubectl 1.32)");
  t = await startTestSim();
});
afterAll(async () => {
  await t?.stop();
});

describe("kubectl against the sim", () => {
  it("applies the two InferenceServices without extra flags", async () => {
    const out = await ok("apply", "-f", path.join(fixtures, "sklearn-iris.yaml"), "-f", path.join(fixtures, "llama-3-8b.yaml"));
    expect(out).toContain("inferenceservice.serving.kserve.io/sklearn-iris created");
    expect(out).toContain("inferenceservice.serving.kserve.io/llama-3-8b created");
    // Applying again is a no-op patch.
    expect(await ok("apply", "-f", path.join(fixtures, "llama-3-8b.yaml"))).toContain("unchanged");
  });

  it("kubectl get isvc shows the KServe printer columns", async () => {
    await waitFor("both ready", async () => (await ok("get", "isvc", "-o", "jsonpath={.items[*].status.conditions[?(@.type=='Ready')].status}")).trim() === "True True");
    const out = await ok("get", "isvc");
    const [header, ...rows] = out.trim().split("\n");
    expect(header?.split(/\s+/)).toEqual(["NAME", "URL", "READY", "PREV", "LATEST", "PREVROLLEDOUTREVISION", "LATESTREADYREVISION", "AGE"]);
    const llama = rows.find((r) => r.startsWith("llama-3-8b"));
    expect(llama).toMatch(/^llama-3-8b\s+http:\/\/llama-3-8b\.default\.example\.com\s+True\s+100\s+llama-3-8b-predictor-00001\s+\S+$/);
    expect(rows.find((r) => r.startsWith("sklearn-iris"))).toContain("http://sklearn-iris.default.example.com");
  });

  it("kubectl get isvc -w sees a JSON-patched canary percent, and the remove promotes", async () => {
    const watcher = spawn(kubectlPath, ["get", "isvc", "llama-3-8b", "-w"], { env: { ...process.env, KUBECONFIG: t.sim.kubeconfigPath } });
    let output = "";
    watcher.stdout.on("data", (d: Buffer) => (output += d.toString()));
    try {
      await waitFor("initial row", () => output.includes("llama-3-8b"));
      await ok("patch", "isvc", "llama-3-8b", "--type=json", "-p=[{\"op\":\"add\",\"path\":\"/spec/predictor/canaryTrafficPercent\",\"value\":50}]");
      await waitFor("watch shows 50/50", () => /llama-3-8b\s+\S+\s+True\s+50\s+50\s+/.test(output));
      await ok("patch", "isvc", "llama-3-8b", "--type=json", "-p=[{\"op\":\"replace\",\"path\":\"/spec/predictor/canaryTrafficPercent\",\"value\":50}]");
      await ok("patch", "isvc", "llama-3-8b", "--type=json", "-p=[{\"op\":\"remove\",\"path\":\"/spec/predictor/canaryTrafficPercent\"}]");
      await waitFor("watch shows promotion", () => output.trim().split("\n").at(-1)?.match(/llama-3-8b\s+\S+\s+True\s+100\s+/));
    } finally {
      watcher.kill();
    }
    expect(await ok("get", "isvc", "llama-3-8b", "-o", "jsonpath={.spec.predictor.canaryTrafficPercent}")).toBe("");
  });

  it("merge patches work, and strategic merge is refused for custom resources as upstream does", async () => {
    expect(await ok("patch", "isvc", "sklearn-iris", "--type=merge", "-p", '{"metadata":{"labels":{"team":"search"}}}')).toContain("patched");
    expect(await ok("get", "isvc", "-l", "team=search", "-o", "name")).toBe("inferenceservice.serving.kserve.io/sklearn-iris\n");
    const smp = await kubectl("patch", "isvc", "sklearn-iris", "-p", '{"metadata":{"labels":{"x":"y"}}}');
    expect(smp.code).not.toBe(0);
    expect(smp.stderr).toMatch(/415|not supported|unknown format/i);
  });

  it("describe node and describe pod show GPU allocation and scheduling events", async () => {
    const pod = (await ok("get", "pods", "-l", "serving.kserve.io/inferenceservice=llama-3-8b", "-o", "jsonpath={.items[0].metadata.name}")).trim();
    const node = (await ok("get", "pod", pod, "-o", "jsonpath={.spec.nodeName}")).trim();
    const describePod = await ok("describe", "pod", pod);
    expect(describePod).toMatch(/nvidia\.com\/gpu:\s+1/);
    expect(describePod).toContain("Successfully assigned default/" + pod + " to " + node);
    expect(describePod).toMatch(/nvidia\.com\/gpu:NoSchedule op=Exists/);
    const describeNode = await ok("describe", "node", node);
    expect(describeNode).toContain(pod);
    expect(describeNode).toMatch(/nvidia\.com\/gpu\s+1\s+1/);
    expect(describeNode).toContain("nvidia.com/gpu.product=");
    expect(describeNode).toContain("nvidia.com/gpu=present:NoSchedule");
  });

  it("kubectl logs prints the model server's start-up", async () => {
    const pod = (await ok("get", "pods", "-l", "serving.kserve.io/inferenceservice=llama-3-8b", "-o", "jsonpath={.items[0].metadata.name}")).trim();
    const logs = await ok("logs", pod);
    expect(logs).toContain("Starting vLLM API server on http://0.0.0.0:8080");
  });

  it("lists nodes, pods with field selectors and events", async () => {
    expect((await ok("get", "nodes", "--no-headers")).trim().split("\n")).toHaveLength(19);
    expect(await ok("get", "nodes", "-l", "gantry.dev/pool=l4-pool", "-o", "name")).toContain("node/gke-gantry-l4-pool-0");
    expect(await ok("get", "pods", "--field-selector", "status.phase=Running", "-o", "name")).toContain("pod/llama-3-8b-predictor-00001");
    expect(await ok("get", "events", "--field-selector", "reason=Scheduled")).toContain("Successfully assigned");
  });

  it("deletes an InferenceService", async () => {
    expect(await ok("delete", "isvc", "sklearn-iris")).toContain('inferenceservice.serving.kserve.io "sklearn-iris" deleted');
    const r = await kubectl("get", "isvc", "sklearn-iris");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('inferenceservices.serving.kserve.io "sklearn-iris" not found');
  });
});
