import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestSim, type TestSim, waitFor } from "./helpers";

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

describe("lists, watches, patches and metadata semantics", () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim({ bookmarkIntervalMs: 200 });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const cm = (name: string, labels: Record<string, string> = {}) => ({ metadata: { name, labels }, data: { k: "v" } });

  it("filters by label and field selectors and pages with limit/continue", async () => {
    for (let i = 0; i < 5; i++) await t.core.createNamespacedConfigMap({ namespace: "default", body: cm(`page-${i}`, { tier: i % 2 ? "odd" : "even" }) });
    const odd = await t.core.listNamespacedConfigMap({ namespace: "default", labelSelector: "tier in (odd)" });
    expect(odd.items.map((i) => i.metadata?.name)).toEqual(["page-1", "page-3"]);
    const notEven = await t.core.listNamespacedConfigMap({ namespace: "default", labelSelector: "tier,tier!=even" });
    expect(notEven.items).toHaveLength(2);
    const byName = await t.core.listNamespacedConfigMap({ namespace: "default", fieldSelector: "metadata.name=page-4" });
    expect(byName.items.map((i) => i.metadata?.name)).toEqual(["page-4"]);
    const first = await t.core.listNamespacedConfigMap({ namespace: "default", limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.metadata?._continue).toBeTruthy();
    const rest = await t.core.listNamespacedConfigMap({ namespace: "default", limit: 10, _continue: first.metadata?._continue ?? "" });
    expect([...first.items, ...rest.items].map((i) => i.metadata?.name).filter((n) => n?.startsWith("page-"))).toEqual(["page-0", "page-1", "page-2", "page-3", "page-4"]);
    const bad = await http(t.sim, "GET", "/api/v1/pods?fieldSelector=spec.bogus=1");
    expect(bad.status).toBe(400);
  });

  it("an informer (makeInformer) sees adds, updates and deletes", async () => {
    const path = "/api/v1/namespaces/default/configmaps";
    const informer = k8s.makeInformer(t.kc, path, () => t.core.listNamespacedConfigMap({ namespace: "default" }));
    const seen: string[] = [];
    informer.on("add", (o) => seen.push(`add:${o.metadata?.name}`));
    informer.on("update", (o) => seen.push(`update:${o.metadata?.name}`));
    informer.on("delete", (o) => seen.push(`delete:${o.metadata?.name}`));
    await informer.start();
    try {
      await t.core.createNamespacedConfigMap({ namespace: "default", body: cm("watched") });
      await t.core.patchNamespacedConfigMap({ name: "watched", namespace: "default", body: [{ op: "replace", path: "/data/k", value: "w" }] });
      await t.core.deleteNamespacedConfigMap({ name: "watched", namespace: "default" });
      await waitFor("events", () => seen.includes("delete:watched"));
      expect(seen.filter((s) => s.endsWith(":watched"))).toEqual(["add:watched", "update:watched", "delete:watched"]);
    } finally {
      await informer.stop();
    }
  });

  it("watch resumes from a resourceVersion, sends bookmarks and answers 410 for compacted versions", async () => {
    const list = await t.core.listNamespacedConfigMap({ namespace: "default" });
    const rv = list.metadata?.resourceVersion ?? "0";
    await t.core.createNamespacedConfigMap({ namespace: "default", body: cm("after-list") });
    const res = await fetch(`${t.sim.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=1`);
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as { type: string; object: { metadata: { name?: string } } });
    expect(lines[0]).toMatchObject({ type: "ADDED", object: { metadata: { name: "after-list" } } });
    expect(lines.some((l) => l.type === "BOOKMARK")).toBe(true);
    // Versions from before a restart are gone after it; pretend with rv 1 after a restore.
    t.sim.internals.store.hub.compactAll(t.sim.internals.store.currentRv());
    const old = await (await fetch(`${t.sim.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}`)).text();
    expect(JSON.parse(old.trim())).toMatchObject({ type: "ERROR", object: { code: 410, reason: "Expired" } });
  });

  it("supports merge, JSON and strategic merge patch, dry run and the right errors", async () => {
    await t.core.createNamespacedPod({ namespace: "default", body: { metadata: { name: "p" }, spec: { containers: [{ name: "a", image: "busybox:1.36", env: [{ name: "A", value: "1" }] }] } } });
    const smp = await http(t.sim, "PATCH", "/api/v1/namespaces/default/pods/p", { spec: { containers: [{ name: "a", env: [{ name: "B", value: "2" }] }] } }, { "content-type": "application/strategic-merge-patch+json" });
    expect(smp.status).toBe(200);
    expect(smp.body.spec.containers[0].env).toEqual([{ name: "A", value: "1" }, { name: "B", value: "2" }]);
    const badJson = await http(t.sim, "PATCH", "/api/v1/namespaces/default/pods/p", "{not json", { "content-type": "application/merge-patch+json" });
    expect(badJson.status).toBe(400);
    const missing = await http(t.sim, "PATCH", "/api/v1/namespaces/default/pods/p", [{ op: "remove", path: "/spec/nope" }], { "content-type": "application/json-patch+json" });
    expect(missing.status).toBe(422);
    const dry = await http(t.sim, "POST", "/api/v1/namespaces/default/configmaps?dryRun=All", cm("dry"));
    expect(dry.status).toBe(201);
    expect((await http(t.sim, "GET", "/api/v1/namespaces/default/configmaps/dry")).status).toBe(404);
    const dup = await http(t.sim, "POST", "/api/v1/namespaces/default/configmaps", cm("page-0"));
    expect(dup.body).toMatchObject({ reason: "AlreadyExists", code: 409 });
    const badName = await http(t.sim, "POST", "/api/v1/namespaces/default/configmaps", cm("Bad_Name"));
    expect(badName.body).toMatchObject({ reason: "Invalid", code: 422, details: { causes: [{ field: "metadata.name" }] } });
  });

  it("honours finalizers, deletionTimestamp and cascading deletes through ownerReferences", async () => {
    const owner = await t.core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "owner", finalizers: ["example.com/hold"] } } });
    await t.core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "child", ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata?.uid ?? "" }] } } });
    await t.core.deleteNamespacedConfigMap({ name: "owner", namespace: "default" });
    const held = await t.core.readNamespacedConfigMap({ name: "owner", namespace: "default" });
    expect(held.metadata?.deletionTimestamp).toBeTruthy();
    await t.core.patchNamespacedConfigMap({ name: "owner", namespace: "default", body: [{ op: "remove", path: "/metadata/finalizers" }] });
    await waitFor("owner gone", async () => (await http(t.sim, "GET", "/api/v1/namespaces/default/configmaps/owner")).status === 404);
    await waitFor("child collected", async () => (await http(t.sim, "GET", "/api/v1/namespaces/default/configmaps/child")).status === 404);
  });

  it("bumps generation on spec changes only, and serves tables", async () => {
    const body = { apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", metadata: { name: "so" }, spec: { scaleTargetRef: { name: "x" }, minReplicaCount: 1 } };
    const created = await http(t.sim, "POST", "/apis/keda.sh/v1alpha1/namespaces/default/scaledobjects", body);
    expect(created.body.metadata.generation).toBe(1);
    const labelled = await http(t.sim, "PATCH", "/apis/keda.sh/v1alpha1/namespaces/default/scaledobjects/so", { metadata: { labels: { a: "b" } } }, { "content-type": "application/merge-patch+json" });
    expect(labelled.body.metadata.generation).toBe(1);
    const changed = await http(t.sim, "PATCH", "/apis/keda.sh/v1alpha1/namespaces/default/scaledobjects/so", { spec: { minReplicaCount: 2 } }, { "content-type": "application/merge-patch+json" });
    expect(changed.body.metadata.generation).toBe(2);
    const table = await http(t.sim, "GET", "/api/v1/nodes", undefined, { accept: "application/json;as=Table;g=meta.k8s.io;v=v1" });
    expect(table.body.kind).toBe("Table");
    expect(table.body.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 5)).toEqual(["Name", "Status", "Roles", "Age", "Version"]);
  });
});

describe("persistence", () => {
  it("state survives a restart of the simulator, and --reset empties it", async () => {
    const first = await startTestSim();
    await first.core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "kept" }, data: { a: "1" } } });
    await first.sim.stop();
    const second = await startTestSim({ dataDir: first.dataDir });
    try {
      const kept = await second.core.readNamespacedConfigMap({ name: "kept", namespace: "default" });
      expect(kept.data).toEqual({ a: "1" });
    } finally {
      await second.sim.stop();
    }
    const { execFileSync } = await import("node:child_process");
    execFileSync(path.resolve("node_modules/.bin/tsx"), ["sim/main.ts", "--reset", "--data", first.dataDir]);
    const third = await startTestSim({ dataDir: first.dataDir });
    try {
      expect((await http(third.sim, "GET", "/api/v1/namespaces/default/configmaps/kept")).status).toBe(404);
    } finally {
      await third.stop();
    }
  });

  it("main.ts prints the kubeconfig and readiness lines, and a taken port is a clear error", async () => {
    const t = await startTestSim();
    try {
      const child = spawn(path.resolve("node_modules/.bin/tsx"), ["sim/main.ts", "--port", String(t.sim.port), "--data", t.dataDir + "-other"]);
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code).not.toBe(0);
      expect(err).toContain(`port ${t.sim.port} is already in use`);
      // Plain node with tsx's loader: the tsx CLI wrapper may report a relayed SIGTERM as 143
      // even when the sim itself saved its state and exited 0.
      const ok = spawn(process.execPath, ["--import", "tsx", "sim/main.ts", "--port", "0", "--data", t.dataDir + "-main"]);
      let out = "";
      ok.stdout.on("data", (d: Buffer) => (out += d.toString()));
      await waitFor("ready line", () => /sim ready on http:\/\/127\.0\.0\.1:\d+/.test(out), 30_000);
      expect(out).toMatch(/kubeconfig: \/.*kubeconfig/);
      ok.kill("SIGTERM");
      expect(await new Promise<number | null>((resolve) => ok.on("exit", resolve))).toBe(0);
    } finally {
      await t.stop();
      for (const suffix of ["-other", "-main"]) rmSync(t.dataDir + suffix, { recursive: true, force: true });
    }
  });
});
