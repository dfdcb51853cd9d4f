import { describe, expect, it } from "vitest";
import { checkNodeFit, describeFitProblem, placeReplicas, withExtendedResourceTolerations } from "./fit";
import { makeH100Node, makeL4Node, makeNode, GPU_TOLERATION } from "./test-fixtures";
import type { TPodRequirements } from "./types";

const NO_USAGE = { requests: {}, podCount: 0 };

function pod(overrides: Partial<TPodRequirements> = {}): TPodRequirements {
  return { requests: {}, nodeSelector: {}, requiredTerms: [], tolerations: [], ...overrides };
}

describe("taints and ExtendedResourceToleration", () => {
  it("a pod requesting nvidia.com/gpu tolerates taints keyed nvidia.com/gpu", () => {
    const requirements = withExtendedResourceTolerations(pod({ requests: { "nvidia.com/gpu": 1 } }));
    expect(requirements.tolerations).toEqual([{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]);
    expect(checkNodeFit(requirements, makeL4Node("l4"), NO_USAGE).fits).toBe(true);
  });

  it("a pod requesting only a MIG slice does not tolerate the nvidia.com/gpu taint, unless told to", () => {
    const mig = withExtendedResourceTolerations(pod({ requests: { "nvidia.com/mig-1g.10gb": 1 } }));
    const verdict = checkNodeFit(mig, makeH100Node("h100"), NO_USAGE);
    expect(verdict.fits).toBe(false);
    expect(describeFitProblem(verdict.problems[0]!)).toBe("has the taint nvidia.com/gpu=present:NoSchedule, which the pod does not tolerate");
    const tolerant = withExtendedResourceTolerations(pod({ requests: { "nvidia.com/mig-1g.10gb": 1 }, tolerations: [GPU_TOLERATION] }));
    expect(checkNodeFit(tolerant, makeH100Node("h100"), NO_USAGE).fits).toBe(true);
  });

  it("a CPU pod stays off tainted GPU nodes; PreferNoSchedule does not block", () => {
    expect(checkNodeFit(pod({ requests: { cpu: 1 } }), makeL4Node("l4"), NO_USAGE).problems[0]?.kind).toBe("taint");
    const soft = makeNode("soft", { taints: [{ key: "x", effect: "PreferNoSchedule" }] });
    expect(checkNodeFit(pod({ requests: { cpu: 1 } }), soft, NO_USAGE).fits).toBe(true);
  });

  it("Equal tolerations need the value; Exists without key tolerates everything", () => {
    const node = makeNode("n", { taints: [{ key: "team", value: "fraud", effect: "NoSchedule" }] });
    expect(checkNodeFit(pod({ tolerations: [{ key: "team", operator: "Equal", value: "search" }] }), node, NO_USAGE).fits).toBe(false);
    expect(checkNodeFit(pod({ tolerations: [{ key: "team", operator: "Equal", value: "fraud" }] }), node, NO_USAGE).fits).toBe(true);
    expect(checkNodeFit(pod({ tolerations: [{ operator: "Exists" }] }), node, NO_USAGE).fits).toBe(true);
  });
});

describe("cordon, selectors and affinity", () => {
  it("a cordoned node takes no new pods", () => {
    const verdict = checkNodeFit(pod(), makeNode("n", { isUnschedulable: true }), NO_USAGE);
    expect(verdict.problems).toEqual([{ kind: "cordoned" }]);
  });

  it("nodeSelector and required node affinity must both match", () => {
    const node = makeNode("n", { pool: "a" });
    expect(checkNodeFit(pod({ nodeSelector: { "gantry.dev/pool": "b" } }), node, NO_USAGE).problems).toEqual([{ kind: "selector" }]);
    const inTerm = { matchExpressions: [{ key: "gantry.dev/pool", operator: "In", values: ["a", "c"] }] };
    const notIn = { matchExpressions: [{ key: "gantry.dev/pool", operator: "NotIn", values: ["a"] }] };
    expect(checkNodeFit(pod({ requiredTerms: [inTerm] }), node, NO_USAGE).fits).toBe(true);
    expect(checkNodeFit(pod({ requiredTerms: [notIn] }), node, NO_USAGE).fits).toBe(false);
    // Terms are ORed; an empty term matches nothing.
    expect(checkNodeFit(pod({ requiredTerms: [notIn, inTerm] }), node, NO_USAGE).fits).toBe(true);
    expect(checkNodeFit(pod({ requiredTerms: [{}] }), node, NO_USAGE).fits).toBe(false);
    const byName = { matchFields: [{ key: "metadata.name", operator: "In", values: ["n"] }] };
    expect(checkNodeFit(pod({ requiredTerms: [byName] }), node, NO_USAGE).fits).toBe(true);
  });
});

describe("resources", () => {
  it("reports every shortage in plain words", () => {
    const verdict = checkNodeFit(pod({ requests: { cpu: 10, memory: 40 * 2 ** 30, "nvidia.com/gpu": 2 }, tolerations: [GPU_TOLERATION] }), makeL4Node("l4"), {
      requests: { cpu: 1 },
      podCount: 1,
    });
    expect(verdict.fits).toBe(false);
    expect(describeFitProblem(verdict.problems[0]!)).toBe(
      "not enough CPU (needs 10 cores, 7 cores free); not enough memory (needs 40 GiB, 32 GiB free); not enough GPUs (needs 2, 1 free)",
    );
  });

  it("a node at its pod limit takes no more", () => {
    const node = makeNode("n", { allocatable: { pods: 3 } });
    expect(checkNodeFit(pod(), node, { requests: {}, podCount: 3 }).problems).toEqual([{ kind: "too-many-pods", max: 3 }]);
  });
});

describe("placing replicas", () => {
  const requirements = withExtendedResourceTolerations(pod({ requests: { cpu: 1, "nvidia.com/gpu": 1 } }));
  const nodes = [makeL4Node("l4-0"), makeL4Node("l4-1"), makeL4Node("l4-2")];
  const usage = new Map([["l4-0", { requests: { "nvidia.com/gpu": 1 }, podCount: 1 }]]);

  it("binds one after the other, counting what the earlier replicas took", () => {
    const placement = placeReplicas(requirements, 2, nodes, usage);
    expect(placement.nodes.sort()).toEqual(["l4-1", "l4-2"]);
    expect(placement.unplaced).toBe(0);
    expect(placement.blocked).toBeNull();
  });

  it("says which replica found no node, and why each node refused it", () => {
    const placement = placeReplicas(requirements, 3, nodes, usage);
    expect(placement.nodes).toHaveLength(2);
    expect(placement.unplaced).toBe(1);
    expect(placement.blocked?.every((verdict) => verdict.problems[0]?.kind === "insufficient")).toBe(true);
  });
});
