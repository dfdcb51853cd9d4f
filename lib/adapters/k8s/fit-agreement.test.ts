import { CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions, type V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimProcess, type TSimProcess } from "@/test/support/sim-process";
import { evaluateFit, requirementsForPool, type TFitRequest } from "@/lib/domain/gpu/fit-verdict";
import { checkNodeFit, withExtendedResourceTolerations } from "@/lib/domain/gpu/fit";
import { indexCluster } from "@/lib/domain/gpu/pool-views";
import { poolLabelOrder } from "@/lib/domain/gpu/pools";
import type { TPodRequirements } from "@/lib/domain/gpu/types";
import { ClusterCache } from "./cluster-cache";

// The fit check against the cluster's own scheduler. For each case, in order, on a cluster
// that fills up as the cases run: ask the fit check, then create the pod for real and see
// whether and where the scheduler binds it. They must agree: it fits ⇔ it is bound, and the
// node it is bound to is one the fit check said it fits on.

const GI = 2 ** 30;
const GPU_TOLERATION = { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" };
const request = (overrides: Partial<TFitRequest>): TFitRequest => ({ cpu: 1, memoryBytes: 4 * GI, gpus: 1, migProfile: null, replicas: 1, tolerations: [], ...overrides });
const raw = (overrides: Partial<TPodRequirements>): TPodRequirements =>
  withExtendedResourceTolerations({ requests: { cpu: 1, memory: 4 * GI }, nodeSelector: {}, requiredTerms: [], tolerations: [], ...overrides });

type TCase = { name: string; expectFits: boolean; before?: () => Promise<void> } & ({ pool: string; request: TFitRequest } | { requirements: TPodRequirements });

let sim: TSimProcess;
let core: CoreV1Api;
let cache: ClusterCache;

const CASES: TCase[] = [
  { name: "1 L4 in l4-pool", pool: "l4-pool", request: request({}), expectFits: true },
  { name: "2 L4s per pod: no L4 node has two", pool: "l4-pool", request: request({ gpus: 2 }), expectFits: false },
  { name: "4 A100s and 40 cores", pool: "a100-pool", request: request({ gpus: 4, cpu: 40 }), expectFits: true },
  { name: "1 A100 with 47 cores: more than a node has", pool: "a100-pool", request: request({ cpu: 47 }), expectFits: false },
  { name: "MIG 1g.10gb without the nvidia.com/gpu toleration", pool: "h100-pool", request: request({ migProfile: "1g.10gb" }), expectFits: false },
  { name: "2 × MIG 1g.10gb with the toleration", pool: "h100-pool", request: request({ migProfile: "1g.10gb", gpus: 2, tolerations: [GPU_TOLERATION] }), expectFits: true },
  { name: "3 × MIG 3g.40gb: only 2 per node", pool: "h100-pool", request: request({ migProfile: "3g.40gb", gpus: 3, tolerations: [GPU_TOLERATION] }), expectFits: false },
  { name: "6 whole H100s", pool: "h100-pool", request: request({ gpus: 6, cpu: 32, memoryBytes: 256 * GI }), expectFits: true },
  { name: "7 whole H100s: 6 per node", pool: "h100-pool", request: request({ gpus: 7 }), expectFits: false },
  { name: "4 time-sliced T4 replicas on one node", pool: "t4-pool", request: request({ gpus: 4 }), expectFits: true },
  { name: "5 time-sliced T4 replicas: 4 per node", pool: "t4-pool", request: request({ gpus: 5 }), expectFits: false },
  { name: "CPU-only in cpu-pool", pool: "cpu-pool", request: request({ gpus: 0, cpu: 4 }), expectFits: true },
  { name: "CPU-only in l4-pool: the GPU taint", pool: "l4-pool", request: request({ gpus: 0 }), expectFits: false },
  { name: "1 L4 with 40Gi: more memory than an L4 node", pool: "l4-pool", request: request({ memoryBytes: 40 * GI }), expectFits: false },
  { name: "no selector, CPU only", requirements: raw({}), expectFits: true },
  {
    name: "required affinity a100 or l4, 4 GPUs",
    requirements: raw({ requests: { cpu: 1, "nvidia.com/gpu": 4 }, requiredTerms: [{ matchExpressions: [{ key: "gantry.dev/pool", operator: "In", values: ["a100-pool", "l4-pool"] }] }] }),
    expectFits: true,
  },
  {
    name: "pinned to a cordoned node",
    before: () => cordon("gke-gantry-l4-pool-5"),
    requirements: raw({ requests: { cpu: 1, "nvidia.com/gpu": 1 }, nodeSelector: { "kubernetes.io/hostname": "gke-gantry-l4-pool-5" } }),
    expectFits: false,
  },
  ...[2, 3, 4, 5].map((n): TCase => ({ name: `L4 pool filling up: pod ${n}`, pool: "l4-pool", request: request({}), expectFits: true })),
  { name: "L4 pool full (one node cordoned)", pool: "l4-pool", request: request({}), expectFits: false },
  { name: "tolerates everything, t4-pool, 6 cores", requirements: raw({ requests: { cpu: 6 }, nodeSelector: { "gantry.dev/pool": "t4-pool" }, tolerations: [{ operator: "Exists" }] }), expectFits: true },
  {
    name: "NotIn cpu-pool without GPUs: every other node is tainted",
    requirements: raw({ requiredTerms: [{ matchExpressions: [{ key: "gantry.dev/pool", operator: "NotIn", values: ["cpu-pool"] }] }] }),
    expectFits: false,
  },
];

async function cordon(node: string): Promise<void> {
  await core.patchNode({ name: node, body: { spec: { unschedulable: true } } }, setHeaderOptions("Content-Type", PatchStrategy.MergePatch));
  // The published snapshot (what the services read), not the live one.
  await until(() => cache.snapshot().nodes.some((item) => item.name === node && item.isUnschedulable));
}

async function until<T>(probe: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function podFor(name: string, requirements: TPodRequirements): V1Pod {
  const quantities = Object.fromEntries(Object.entries(requirements.requests).map(([resource, amount]) => [resource, resource === "cpu" ? `${Math.round(amount * 1000)}m` : String(amount)]));
  return {
    metadata: { name, labels: { "gantry.dev/deployment-id": `fit-${name}` } },
    spec: {
      containers: [{ name: "main", image: "registry.k8s.io/pause:3.9", resources: { requests: quantities, limits: quantities } }],
      nodeSelector: requirements.nodeSelector,
      tolerations: requirements.tolerations,
      ...(requirements.requiredTerms.length ? { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: requirements.requiredTerms } } } } : {}),
    },
  } as V1Pod;
}

beforeAll(async () => {
  sim = await startSimProcess();
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(sim.kubeconfigPath);
  core = kubeConfig.makeApiClient(CoreV1Api);
  cache = new ClusterCache({ kubeConfig, clusterKey: "fit-agreement", server: sim.url }).start();
  await cache.waitForFirstSync(10_000);
});

afterAll(async () => {
  cache?.stop();
  await sim?.stop();
});

describe(`the fit check agrees with the cluster's scheduler (${CASES.length} cases)`, () => {
  CASES.forEach((testCase, i) => {
    it(testCase.name, async () => {
      await testCase.before?.();
      const { nodes, pods } = cache.snapshot();
      const index = indexCluster(nodes, pods, poolLabelOrder());
      let fits: boolean;
      let requirements: TPodRequirements;
      let candidates: string[];
      if ("pool" in testCase) {
        const pool = index.pools.find((candidate) => candidate.name === testCase.pool)!;
        const verdict = evaluateFit(index, testCase.pool, testCase.request)!;
        requirements = requirementsForPool(testCase.request, pool);
        fits = verdict.fits;
        candidates = pool.nodes.filter((node) => checkNodeFit(requirements, node, index.usageByNode.get(node.name) ?? { requests: {}, podCount: 0 }).fits).map((node) => node.name);
        expect(verdict.summary.length).toBeGreaterThan(10);
      } else {
        requirements = testCase.requirements;
        candidates = nodes.filter((node) => checkNodeFit(requirements, node, index.usageByNode.get(node.name) ?? { requests: {}, podCount: 0 }).fits).map((node) => node.name);
        fits = candidates.length > 0;
      }
      expect(fits, "the fit check's own verdict").toBe(testCase.expectFits);

      const name = `fit-case-${i + 1}`;
      await core.createNamespacedPod({ namespace: "default", body: podFor(name, requirements) });
      const outcome = await until(() => {
        const pod = cache.snapshot().pods.find((item) => item.name === name);
        if (pod?.nodeName) return { bound: pod.nodeName };
        if (pod?.unschedulableMessage) return { pending: pod.unschedulableMessage };
        return null;
      });
      if (fits) {
        expect(outcome, "the scheduler bound it").toHaveProperty("bound");
        expect(candidates).toContain((outcome as { bound: string }).bound);
      } else {
        expect(outcome, "the scheduler left it pending").toHaveProperty("pending");
      }
    });
  });
});
