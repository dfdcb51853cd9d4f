// The GPU-pool arithmetic alone, in process, on 500 GPU nodes and 10,000 pods: what one
// change in the cluster costs the server (index + summaries) and what a pool page costs.
// Run: npx tsx scripts/bench/gpu-pools-compute-bench.ts
import { describePool, indexCluster, summarizePools } from "../../lib/domain/gpu/pool-views";
import { poolLabelOrder } from "../../lib/domain/gpu/pools";
import { makeH100Node, makeL4Node, makeNode, makePod, makeT4Node } from "../../lib/domain/gpu/test-fixtures";
import type { TClusterNode, TClusterPod } from "../../lib/domain/gpu/types";

const nodes: TClusterNode[] = [
  ...Array.from({ length: 50 }, (_, i) => makeH100Node(`h100-${i}`)),
  ...Array.from({ length: 150 }, (_, i) => makeNode(`a100-${i}`, { pool: "a100-pool", taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }], labels: { "nvidia.com/gpu.product": "NVIDIA-A100-SXM4-80GB" }, extra: { cpu: 48, "nvidia.com/gpu": 4 } })),
  ...Array.from({ length: 200 }, (_, i) => makeL4Node(`l4-${i}`)),
  ...Array.from({ length: 100 }, (_, i) => makeT4Node(`t4-${i}`)),
  ...Array.from({ length: 20 }, (_, i) => makeNode(`cpu-${i}`)),
];
const tolerations = [{ operator: "Exists" }];
const pods: TClusterPod[] = Array.from({ length: 10_000 }, (_, i) => {
  const node = nodes[i % nodes.length]!;
  const isGpu = i < 1_500 && (node.allocatable["nvidia.com/gpu"] ?? 0) > 0;
  const isPending = i >= 9_900;
  return makePod(`pod-${i}`, {
    nodeName: isPending ? null : node.name,
    requests: { cpu: 0.1, memory: 2 ** 26, ...(isGpu || isPending ? { "nvidia.com/gpu": isPending ? 8 : 1 } : {}) },
    tolerations,
    owner: isGpu ? { namespace: "default", name: `deployment-${i % 50}`, deploymentId: null } : null,
    unschedulableMessage: isPending ? "0/520 nodes are available: 520 Insufficient nvidia.com/gpu." : null,
  });
});

function time(label: string, run: () => unknown, rounds = 50): void {
  run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`${label.padEnd(44)} p50 ${times[Math.floor(rounds / 2)]!.toFixed(1)} ms   p95 ${times[Math.floor(rounds * 0.95)]!.toFixed(1)} ms\n`);
}

const order = poolLabelOrder();
const prices = new Map([["a100-pool", 3.5]]);
time("index the cluster (once per change)", () => indexCluster(nodes, pods, order));
const index = indexCluster(nodes, pods, order);
time("summaries of all pools (once per change)", () => summarizePools(index, prices));
time("detail of a100-pool (150 nodes)", () => describePool(index, "a100-pool", 3.5));
time("detail of l4-pool (200 nodes)", () => describePool(index, "l4-pool", null));
