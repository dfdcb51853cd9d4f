import { describe, expect, it } from "vitest";
import { DEFAULT_POOL_LABELS, groupNodesIntoPools, poolLabelOrder, poolOfNode, UNPOOLED } from "./pools";
import { makeNode } from "./test-fixtures";

describe("pool lookup", () => {
  it("tries the default labels in order, then the GPU product", () => {
    const order = poolLabelOrder();
    expect(order).toEqual([...DEFAULT_POOL_LABELS, "nvidia.com/gpu.product"]);
    const gke = makeNode("n", { labels: { "gantry.dev/pool": "", "cloud.google.com/gke-nodepool": "gpu-a", "karpenter.sh/nodepool": "k" } });
    expect(poolOfNode(gke, order)).toEqual({ name: "gpu-a", label: "cloud.google.com/gke-nodepool", selector: { "cloud.google.com/gke-nodepool": "gpu-a" } });
    const bare = { ...makeNode("m"), labels: { "nvidia.com/gpu.product": "Tesla-T4-SHARED" } };
    expect(poolOfNode(bare, order).name).toBe("Tesla-T4-SHARED");
    expect(poolOfNode({ ...makeNode("c"), labels: {} }, order)).toEqual({ name: UNPOOLED, label: null, selector: {} });
  });

  it("GANTRY_POOL_LABEL comes first", () => {
    const order = poolLabelOrder("team.example.com/pool, other");
    expect(order.slice(0, 3)).toEqual(["team.example.com/pool", "other", "gantry.dev/pool"]);
    const node = makeNode("n", { pool: "from-gantry", labels: { "team.example.com/pool": "from-team" } });
    expect(poolOfNode(node, order).name).toBe("from-team");
  });

  it("groups and sorts nodes and pools by name", () => {
    const pools = groupNodesIntoPools([makeNode("b-10", { pool: "b" }), makeNode("a-1", { pool: "a" }), makeNode("b-2", { pool: "b" })], poolLabelOrder());
    expect(pools.map((pool) => [pool.name, pool.nodes.map((node) => node.name)])).toEqual([
      ["a", ["a-1"]],
      ["b", ["b-2", "b-10"]],
    ]);
  });
});
