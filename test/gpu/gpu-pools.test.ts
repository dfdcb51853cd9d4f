import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/adapters/db";
import type { TActor } from "@/lib/auth/permissions";
import { checkFit } from "@/lib/services/gpu-pools/check-fit";
import { getGpuPoolOrThrow } from "@/lib/services/gpu-pools/get-gpu-pool";
import { listGpuPools } from "@/lib/services/gpu-pools/list-gpu-pools";
import { updateGpuPrice } from "@/lib/services/gpu-pools/update-gpu-price";
import { watchClusterChanges } from "@/lib/services/gpu-pools/watch-cluster-changes";
import { getActorById } from "@/lib/services/users/get-actor";
import { startSimProcess, type TSimProcess } from "@/test/support/sim-process";

// The GPU-pool services against the embedded cluster (over HTTP, through KUBECONFIG) and the
// real registry database: pools and capacity, prices with their audit trail, live changes,
// and the cluster going away and coming back.

let sim: TSimProcess;
let admin: TActor;
let engineer: TActor;
let viewer: TActor;

async function actorFor(email: string): Promise<TActor> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return (await getActorById(user.id))!;
}

function kubectl(...args: string[]): string {
  return execFileSync("kubectl", ["--kubeconfig", sim.kubeconfigPath, ...args], { encoding: "utf8" });
}

async function until<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  sim = await startSimProcess();
  process.env.KUBECONFIG = sim.kubeconfigPath;
  [admin, engineer, viewer] = await Promise.all([actorFor("admin@gantry.dev"), actorFor("engineer@gantry.dev"), actorFor("oncall@gantry.dev")]);
});

afterAll(async () => {
  await sim?.stop();
});

describe("GPU pools from the cluster", () => {
  it("groups the fleet into pools with their GPUs, for any role", async () => {
    const view = await listGpuPools(viewer);
    expect(view.status.state).toBe("live");
    expect(view.pools.map((pool) => pool.name)).toEqual(["a100-pool", "h100-pool", "l4-pool", "t4-pool", "cpu-pool"]);
    const byName = Object.fromEntries(view.pools.map((pool) => [pool.name, pool]));
    expect(byName["h100-pool"]).toMatchObject({ nodeCount: 2, physicalGpus: 16, units: { capacity: 12 } });
    expect(byName["h100-pool"]?.mig.map((slices) => [slices.profile, slices.capacity])).toEqual([["1g.10gb", 14], ["3g.40gb", 4]]);
    expect(byName["t4-pool"]).toMatchObject({ physicalGpus: 4, units: { capacity: 16 }, gpu: { replicasPerGpu: 4, sharing: "time-slicing" } });
    expect(byName["cpu-pool"]?.gpu).toBeNull();
  });

  it("refuses without a session", async () => {
    await expect(listGpuPools(null)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(checkFit(null, { pool: "l4-pool", cpu: "1", memory: "1Gi", gpus: 1, migProfile: null, replicas: 1, tolerations: [] })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("an unknown pool is NOT_FOUND", async () => {
    await expect(getGpuPoolOrThrow(viewer, "no-such-pool")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("shows a bound pod, its deployment and cost, and a pod waiting with the scheduler's reason", async () => {
    kubectl("run", "ranker-0", "--image=registry.k8s.io/pause:3.9", "--labels=serving.kserve.io/inferenceservice=ranker", "--overrides", JSON.stringify({ spec: { nodeSelector: { "gantry.dev/pool": "a100-pool" }, containers: [{ name: "ranker-0", image: "registry.k8s.io/pause:3.9", resources: { limits: { "nvidia.com/gpu": "2" } } }] } }));
    kubectl("run", "too-big", "--image=registry.k8s.io/pause:3.9", "--overrides", JSON.stringify({ spec: { nodeSelector: { "gantry.dev/pool": "a100-pool" }, containers: [{ name: "too-big", image: "registry.k8s.io/pause:3.9", resources: { limits: { "nvidia.com/gpu": "8" } } }] } }));
    const pool = await until(async () => {
      const view = await getGpuPoolOrThrow(viewer, "a100-pool");
      return view.pool?.summary.units.requested === 2 && view.pool.summary.pendingPodCount === 1 ? view.pool : null;
    });
    expect(pool.summary.deployments).toMatchObject([{ name: "ranker", namespace: "default", pods: 1, gpuEquivalents: 2 }]);
    expect(pool.summary.pendingPods[0]).toMatchObject({ name: "too-big" });
    expect(pool.summary.pendingPods[0]?.reason).toMatch(/Insufficient nvidia.com\/gpu/);
    expect(pool.nodes.find((node) => node.pods.some((pod) => pod.name === "ranker-0"))?.gpus.units.requested).toBe(2);
    expect(pool.summary.costPerHour).toBeCloseTo(2 * (pool.summary.pricePerGpuHour ?? 0));
  });

  it("answers the fit check with the same cluster state", async () => {
    const verdict = await checkFit(engineer, { pool: "a100-pool", cpu: "2", memory: "16Gi", gpus: 4, migProfile: null, replicas: 3, tolerations: [] });
    expect(verdict.fits).toBe(false);
    expect(verdict.placedReplicas).toBe(2);
    expect(verdict.summary).toContain("1 pod already pending");
    // H100 nodes have 6 whole GPUs each: one replica per node, two in all. Time-sliced T4
    // replicas do fit, and the suggestion says they are shares of a GPU.
    expect(verdict.suggestions).toEqual([{ pool: "t4-pool", summary: "Fits in t4-pool: it has 16 free time-sliced GPU replicas (1/4 of a Tesla-T4 each) on 4 nodes." }]);
  });
});

describe("prices", () => {
  it("an engineer cannot change a price", async () => {
    await expect(updateGpuPrice(engineer, { pool: "l4-pool", pricePerGpuHour: 0.1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an admin sets one; it is audited and priced into the pool", async () => {
    await updateGpuPrice(admin, { pool: "a100-pool", pricePerGpuHour: 3.25 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "gpu_price.updated", targetId: "a100-pool" }, orderBy: { at: "desc" } });
    expect(audit).toMatchObject({ actorEmail: "admin@gantry.dev", targetType: "gpu_pool", after: { pricePerGpuHour: 3.25 } });
    const a100 = (await listGpuPools(viewer)).pools.find((pool) => pool.name === "a100-pool");
    expect(a100).toMatchObject({ pricePerGpuHour: 3.25, costPerHour: 6.5 });
    await updateGpuPrice(admin, { pool: "a100-pool", pricePerGpuHour: null });
    expect((await listGpuPools(viewer)).pools.find((pool) => pool.name === "a100-pool")?.costPerHour).toBeNull();
  });
});

describe("live and resilient", () => {
  it("a cordon reaches watchers within a second, without listing again", async () => {
    const changes: string[][] = [];
    const watch = watchClusterChanges(viewer, (change) => changes.push(change.kinds));
    const started = Date.now();
    kubectl("cordon", "gke-gantry-l4-pool-0");
    await until(async () => changes.some((kinds) => kinds.includes("nodes")), 1_000);
    watch.unsubscribe();
    expect(Date.now() - started).toBeLessThan(1_000);
    const l4 = (await listGpuPools(viewer)).pools.find((pool) => pool.name === "l4-pool");
    expect(l4).toMatchObject({ cordonedNodeCount: 1, bar: { unavailable: 1, free: 5 } });
  });

  it("keeps the last known state when the cluster goes away, and recovers when it is back", async () => {
    const before = await listGpuPools(viewer);
    await sim.stop({ keepData: true });
    const down = await until(async () => {
      const view = await listGpuPools(viewer);
      return view.status.state === "disconnected" ? view : null;
    });
    expect(down.pools).toEqual(before.pools);
    expect(down.status.lastContactAt).not.toBeNull();
    expect(down.status.error).toBeTruthy();

    sim = await startSimProcess({ port: sim.port, dataDir: sim.dataDir });
    const back = await until(async () => {
      const view = await listGpuPools(viewer);
      return view.status.state === "live" ? view : null;
    }, 30_000);
    expect(back.pools.map((pool) => pool.name)).toEqual(before.pools.map((pool) => pool.name));
    expect(back.pools.find((pool) => pool.name === "l4-pool")?.cordonedNodeCount).toBe(1);
  });
});
