import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestSim, type TestSim } from "./helpers";

describe("API server basics", () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("serves discovery and version", async () => {
    expect((await http(t.sim, "GET", "/version")).body.major).toBe("1");
    const core = await http(t.sim, "GET", "/api/v1");
    expect(core.body.resources.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(["pods", "pods/log", "nodes", "nodes/status", "events"]));
    const kserve = await http(t.sim, "GET", "/apis/serving.kserve.io/v1beta1");
    expect(kserve.body.resources[0]).toMatchObject({ name: "inferenceservices", shortNames: ["isvc"], namespaced: true });
  });

  it("lists the fleet's nodes through client-node", async () => {
    const list = await t.core.listNode();
    expect(list.items).toHaveLength(19);
  });

  it("creates, reads, updates and deletes a ConfigMap", async () => {
    const created = await t.core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "cfg" }, data: { a: "1" } } });
    expect(created.metadata?.uid).toBeTruthy();
    const read = await t.core.readNamespacedConfigMap({ name: "cfg", namespace: "default" });
    read.data = { a: "2" };
    const updated = await t.core.replaceNamespacedConfigMap({ name: "cfg", namespace: "default", body: read });
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));
    // A stale resourceVersion is a conflict.
    const stale = await http(t.sim, "PUT", "/api/v1/namespaces/default/configmaps/cfg", { ...read, metadata: { ...read.metadata, resourceVersion: created.metadata?.resourceVersion } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ kind: "Status", reason: "Conflict", code: 409 });
    await t.core.deleteNamespacedConfigMap({ name: "cfg", namespace: "default" });
    const gone = await http(t.sim, "GET", "/api/v1/namespaces/default/configmaps/cfg");
    expect(gone.status).toBe(404);
    expect(gone.body.message).toBe('configmaps "cfg" not found');
  });
});
