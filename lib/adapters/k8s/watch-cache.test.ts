import { CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions, type V1Node } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimProcess, type TSimProcess } from "@/test/support/sim-process";
import { WatchCache } from "./watch-cache";

// The informer against the embedded cluster, over HTTP: first sync, live changes, the
// cluster going away (last known state kept, marked disconnected) and coming back.

let sim: TSimProcess;
let kubeConfig: KubeConfig;
let cache: WatchCache<V1Node, { name: string; unschedulable: boolean }>;
let listCalls = 0;

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function connect(kubeconfigPath: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  return config;
}

beforeAll(async () => {
  sim = await startSimProcess();
  kubeConfig = connect(sim.kubeconfigPath);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  cache = new WatchCache({
    name: "nodes",
    kubeConfig,
    watchPath: "/api/v1/nodes",
    list: () => {
      listCalls += 1;
      return core.listNode();
    },
    reshape: (node) => ({ name: node.metadata?.name ?? "", unschedulable: node.spec?.unschedulable === true }),
  }).start();
  await cache.waitForFirstSync(10_000);
});

afterAll(async () => {
  cache?.stop();
  await sim?.stop();
});

describe("WatchCache against the embedded cluster", () => {
  it("lists once and serves the nodes from memory", () => {
    const snapshot = cache.snapshot();
    expect(snapshot.status).toBe("live");
    expect(snapshot.items.length).toBeGreaterThan(10);
    for (let i = 0; i < 20; i += 1) cache.snapshot();
    expect(listCalls).toBe(1);
  });

  it("sees a cordon through the watch, without listing again", async () => {
    const name = cache.snapshot().items[0]!.name;
    const core = kubeConfig.makeApiClient(CoreV1Api);
    let notified = 0;
    const unsubscribe = cache.subscribe(() => (notified += 1));
    await core.patchNode({ name, body: { spec: { unschedulable: true } } }, setHeaderOptions("Content-Type", PatchStrategy.MergePatch));
    await until(() => cache.snapshot().items.find((node) => node.name === name)?.unschedulable === true);
    unsubscribe();
    expect(notified).toBeGreaterThan(0);
    expect(listCalls).toBe(1);
  });

  it("keeps the last known state when the cluster goes away, and recovers when it is back", async () => {
    const before = cache.snapshot();
    await sim.stop({ keepData: true });
    await until(() => cache.snapshot().status === "disconnected");
    const down = cache.snapshot();
    expect(down.items).toHaveLength(before.items.length);
    expect(down.error).toBeTruthy();
    expect(down.lastContactAt).not.toBeNull();

    sim = await startSimProcess({ port: sim.port, dataDir: sim.dataDir });
    await until(() => cache.snapshot().status === "live", 30_000);
    expect(cache.snapshot().items).toHaveLength(before.items.length);
  });
});
