import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/adapters/db";
import { stopClusterCaches } from "@/lib/adapters/k8s/cluster-cache";
import { getClusterConnection } from "@/lib/adapters/k8s/config";
import { getInferenceService, jsonPatchInferenceService } from "@/lib/adapters/k8s/kinds/inference-service";
import type { TActor } from "@/lib/auth/permissions";
import type { TInferenceServiceState } from "@/lib/domain/deployments/types";
import { rolloutOf } from "@/lib/domain/rollouts/rollout-state";
import { readTrafficSplit } from "@/lib/domain/rollouts/traffic-split";
import { launchDeployment, type TLaunchDeploymentInput } from "@/lib/services/deployments/launch-deployment";
import { ensureDemoEnvironments } from "@/lib/services/deployments/list-environments";
import { decidePromotion, retryPromotion } from "@/lib/services/rollouts/decide-promotion";
import { getEnvironmentPolicy, updateEnvironmentPolicy } from "@/lib/services/rollouts/environment-policies";
import { getDeploymentCanaryEvidence } from "@/lib/services/rollouts/get-canary-evidence";
import { getRollout } from "@/lib/services/rollouts/get-rollout";
import { requestPromotion, type TEvidenceSnapshot } from "@/lib/services/rollouts/request-promotion";
import { rollbackDeployment } from "@/lib/services/rollouts/rollback-deployment";
import { setCanaryTraffic } from "@/lib/services/rollouts/set-canary-traffic";
import { previewCanary, STANDARD_MODE_CANARY, startCanary } from "@/lib/services/rollouts/start-canary";
import type { TEnvironmentPolicy } from "@/lib/domain/rollouts/promotion-policy";
import { getActorById } from "@/lib/services/users/get-actor";
import { startSimProcess, type TSimProcess } from "@/test/support/sim-process";

// Canary rollouts through the services, against the embedded cluster (over HTTP, through
// KUBECONFIG) and the real registry: STATUS.md §4.3 steps 2–5 in a prod namespace, checking at
// every step that the registry (deployment row, promotion requests, audit events) and the
// cluster (spec.predictor.canaryTrafficPercent, status.components.predictor) agree.
//
// One hook: a test may run code right before the next JSON Patch Gantry sends to an
// InferenceService, to play someone changing it outside Gantry at exactly that moment. The
// patch itself still goes to the cluster, which refuses it as it would for real.
const hooks = vi.hoisted(() => ({ beforeNextJsonPatch: null as null | (() => Promise<void>) }));
vi.mock("@/lib/adapters/k8s/kinds/inference-service", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/adapters/k8s/kinds/inference-service")>();
  return {
    ...real,
    jsonPatchInferenceService: async (...args: Parameters<typeof real.jsonPatchInferenceService>) => {
      const hook = hooks.beforeNextJsonPatch;
      hooks.beforeNextJsonPatch = null;
      if (hook) await hook();
      return real.jsonPatchInferenceService(...args);
    },
  };
});

const NS = "search-prod";
const MODEL = "search-ranker"; // v3 and v4 are active in the seed (v1 archived, v2 deprecated)

let sim: TSimProcess;
let prometheus: { server: http.Server; port: number };
let admin: TActor;
let engineer: TActor; // teams search, assistant
let fraudEngineer: TActor;
let approver: TActor;
let prodPolicyBefore: TEnvironmentPolicy;
const versionIds = new Map<number, string>();

async function actorFor(email: string): Promise<TActor> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return (await getActorById(user.id))!;
}

async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    last = await probe();
    if (last) return last as T;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Prometheus for the services is the sim's API behind this proxy, so a test can close the port. */
function listenPrometheusProxy(target: string, port = 0): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    const upstream = http.request(new URL(req.url ?? "/", target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

async function closePrometheusProxy(): Promise<void> {
  prometheus.server.closeAllConnections();
  await new Promise<void>((resolve) => prometheus.server.close(() => resolve()));
}

const live = async (name: string): Promise<TInferenceServiceState> => (await getInferenceService(getClusterConnection(), NS, name))!;
const rowOf = (name: string) => db.deployment.findUniqueOrThrow({ where: { namespace_name: { namespace: NS, name } }, include: { modelVersion: true } });
const audits = (name: string, action?: string) => db.auditEvent.findMany({ where: { targetType: "deployment", targetId: `${NS}/${name}`, ...(action ? { action } : {}) }, orderBy: { id: "asc" } });
const actionsOf = async (name: string) => (await audits(name)).map((e) => e.action);
const requestsOf = (name: string) => db.promotionRequest.findMany({ where: { deployment: { namespace: NS, name } }, include: { approvals: true }, orderBy: { createdAt: "asc" } });
const canaryPercentOf = (isvc: TInferenceServiceState) => (isvc.spec.predictor as { canaryTrafficPercent?: number }).canaryTrafficPercent;
const isReady = (isvc: TInferenceServiceState | null) => isvc?.conditions.some((c) => c.type === "Ready" && c.status === "True") ?? false;
/** status.components.predictor.traffic as revision → percent (entries of one revision added up). */
const trafficOf = (isvc: TInferenceServiceState) => isvc.traffic.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t.revisionName ?? "?"]: (acc[t.revisionName ?? "?"] ?? 0) + t.percent }), {});

const launchInput = (name: string, extra: Partial<TLaunchDeploymentInput> = {}): TLaunchDeploymentInput => ({
  name,
  namespace: NS,
  modelName: MODEL,
  version: 3,
  mode: "Knative",
  pool: "cpu-pool",
  resources: { cpu: "1", memory: "2Gi" },
  autoscaling: { minReplicas: 1, maxReplicas: 2, target: { kind: "concurrency", value: 10 } },
  ...extra,
});

/** Launches v3 as the engineer and waits until r1 is rolled out and Ready. Returns r1. */
async function launchReady(name: string): Promise<string> {
  await launchDeployment(engineer, launchInput(name));
  const isvc = await until(async () => {
    const s = await getInferenceService(getClusterConnection(), NS, name);
    return s && isReady(s) && s.revisions.latestRolledout ? s : null;
  }, `${name} Ready`);
  return isvc.revisions.latestRolledout!;
}

/** Starts a canary of v4 at `percent` and waits until the new revision is ready and takes its share. */
async function startCanaryReady(name: string, percent: number, actor: TActor = engineer): Promise<{ stable: string; canary: string }> {
  const before = await live(name);
  await startCanary(actor, { namespace: NS, name, expectedVersion: before.changeVersion, version: 4, canaryPercent: percent });
  const after = await untilTraffic(name, (isvc) => isvc.revisions.latestReady !== before.revisions.latestRolledout && trafficOf(isvc)[isvc.revisions.latestReady ?? ""] === percent);
  return { stable: before.revisions.latestRolledout!, canary: after.revisions.latestReady! };
}

const untilTraffic = (name: string, predicate: (isvc: TInferenceServiceState) => boolean) =>
  until(async () => {
    const isvc = await live(name);
    return isvc && predicate(isvc) ? isvc : null;
  }, `${name} traffic`);

beforeAll(async () => {
  sim = await startSimProcess({ timeScale: 0.02 });
  process.env.KUBECONFIG = sim.kubeconfigPath;
  prometheus = await listenPrometheusProxy(sim.url);
  process.env.PROMETHEUS_URL = `http://127.0.0.1:${prometheus.port}`;
  [admin, engineer, fraudEngineer, approver] = (await Promise.all(["admin@gantry.dev", "engineer@gantry.dev", "fraud-engineer@gantry.dev", "approver@gantry.dev"].map(actorFor))) as [TActor, TActor, TActor, TActor];
  await ensureDemoEnvironments();
  const model = await db.model.findUniqueOrThrow({ where: { name: MODEL }, include: { versions: true } });
  for (const v of model.versions) versionIds.set(v.version, v.id);
  // The seeded prod policy asks for 15 min and 1,000 canary requests; the test does not wait.
  prodPolicyBefore = await getEnvironmentPolicy("prod");
  expect(prodPolicyBefore).toMatchObject({ requiresApproval: true, approvalsRequired: 1, canaryCeilingPercent: 50 });
  await updateEnvironmentPolicy(admin, { ...prodPolicyBefore, environment: "prod", minCanaryMinutes: 0, minCanaryRequests: 0 });
}, 120_000);

afterAll(async () => {
  if (prodPolicyBefore) await updateEnvironmentPolicy(admin, { ...prodPolicyBefore, environment: "prod" });
  stopClusterCaches(); // getRollout started the watches
  prometheus?.server.closeAllConnections();
  prometheus?.server.close();
  await sim?.stop();
});

describe("a canary in prod, from launch to promotion and back (STATUS.md steps 2–5b)", () => {
  // The steps build on each other, as on the deployment page; each checks both sides.
  const name = "ranker-main";
  let r1 = "";
  let r2 = "";

  it("previews the canary: the diff shows the new storageUri and the canary share", async () => {
    r1 = await launchReady(name);
    expect(r1).toBe(`${name}-predictor-00001`);
    const preview = await previewCanary(engineer, { namespace: NS, name, expectedVersion: (await live(name)).changeVersion, version: 4, canaryPercent: 10 });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const added = preview.diff.filter((l) => l.kind === "added").map((l) => l.text.trim());
    const removed = preview.diff.filter((l) => l.kind === "removed").map((l) => l.text.trim());
    expect(added).toContain("storageUri: s3://models/search/search-ranker/v4");
    expect(added).toContain("canaryTrafficPercent: 10");
    expect(removed).toContain("storageUri: s3://models/search/search-ranker/v3");
    expect(preview.canaryPercent).toBe(10);
    // A preview changes nothing.
    expect(canaryPercentOf(await live(name))).toBeUndefined();
    expect(await actionsOf(name)).toEqual(["deployment.launched"]);
    // Only newer, active versions; never past the ceiling.
    const older = await previewCanary(engineer, { namespace: NS, name, expectedVersion: "x", version: 3 });
    expect(older.ok === false && older.fieldErrors.version?.[0]).toMatch(/newer than v3/);
    const tooMuch = await previewCanary(engineer, { namespace: NS, name, expectedVersion: "x", version: 4, canaryPercent: 60 });
    expect(tooMuch.ok === false && tooMuch.fieldErrors.canaryPercent?.[0]).toMatch(/at most 50 %/);
  }, 90_000);

  it("step 2: starts v4 at 10 %; a new revision appears and, once ready, takes 10 % while r1 keeps 90 %", async () => {
    const before = await live(name);
    const started = await startCanary(engineer, { namespace: NS, name, expectedVersion: before.changeVersion, version: 4, canaryPercent: 10 });
    expect(started).toEqual({ canaryPercent: 10, version: 4 });

    const right = await live(name);
    expect(canaryPercentOf(right)).toBe(10);
    expect((right.spec.predictor as { model: { storageUri: string } }).model.storageUri).toBe("s3://models/search/search-ranker/v4");

    const ready = await untilTraffic(name, (isvc) => isvc.revisions.latestReady === `${name}-predictor-00002` && trafficOf(isvc)[`${name}-predictor-00002`] === 10);
    r2 = ready.revisions.latestReady!;
    expect(ready.revisions).toMatchObject({ latestCreated: r2, latestReady: r2, latestRolledout: r1 });
    expect(trafficOf(ready)).toEqual({ [r2]: 10, [r1]: 90 });
    expect(ready.traffic.find((t) => t.revisionName === r1)).toMatchObject({ isLatest: false, tag: "prev", percent: 90 });

    const row = await rowOf(name);
    expect(row.modelVersionId).toBe(versionIds.get(4));
    const rollout = rolloutOf(row)!;
    expect(rollout).toMatchObject({ phase: "canary", stable: { version: 3, id: versionIds.get(3) }, canary: { version: 4, id: versionIds.get(4) }, stableRevision: r1, startedById: engineer.id, finishedAt: null });
    expect(readTrafficSplit(ready, rollout)).toEqual({ configuredPercent: 10, actual: { canaryPercent: 10, stablePercent: 90 }, canaryRevision: r2, stableRevision: r1, isCanaryReady: true, isApplying: false });
    const [event] = await audits(name, "rollout.canary_started");
    expect(event).toMatchObject({ actorEmail: engineer.email, before: { version: 3 }, after: { version: 4, canaryPercent: 10 } });

    // The page (from the watch cache) agrees once it caught up.
    const view = await until(async () => {
      const v = await getRollout(engineer, NS, name);
      return v.split.actual?.canaryPercent === 10 ? v : null;
    }, "rollout view");
    expect(view).toMatchObject({ isCanaryLive: true, servingVersion: 4, split: { canaryRevision: r2, stableRevision: r1, isCanaryReady: true }, policy: { ceiling: 50 } });
    expect(view.trafficSteps.map((s) => s.canaryPercent)).toEqual([10]);

    // A second canary while this one runs is refused.
    await expect(startCanary(engineer, { namespace: NS, name, expectedVersion: ready.changeVersion, version: 4 })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already running") });
  }, 60_000);

  it("step 3: moves the share to 25 % with one audit event; refuses above the ceiling and a stale version without overwriting", async () => {
    const v1 = (await live(name)).changeVersion;
    expect(await setCanaryTraffic(engineer, { namespace: NS, name, expectedVersion: v1, percent: 25 })).toMatchObject({ percent: 25 });
    expect(canaryPercentOf(await live(name))).toBe(25);
    const moved = await untilTraffic(name, (isvc) => trafficOf(isvc)[r2] === 25);
    expect(trafficOf(moved)).toEqual({ [r2]: 25, [r1]: 75 });
    expect(moved.revisions).toMatchObject({ latestCreated: r2, latestRolledout: r1 }); // no new revision for a percent
    const set = await audits(name, "rollout.traffic_set");
    expect(set).toHaveLength(1);
    expect(set[0]).toMatchObject({ actorEmail: engineer.email, before: { canaryPercent: 10 }, after: { canaryPercent: 25 } });
    expect((await rowOf(name)).spec).toMatchObject({ canaryTrafficPercent: 25 });

    // Above the prod ceiling: refused before the cluster is touched.
    const v2 = moved.changeVersion;
    await expect(setCanaryTraffic(engineer, { namespace: NS, name, expectedVersion: v2, percent: 51 })).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("at most 50 %") });
    expect(canaryPercentOf(await live(name))).toBe(25);

    // Someone else sets 30 % directly on the cluster; the engineer's 40 % from the old state is refused.
    await jsonPatchInferenceService(getClusterConnection(), NS, name, [{ op: "replace", path: "/spec/predictor/canaryTrafficPercent", value: 30 }]);
    await expect(setCanaryTraffic(engineer, { namespace: NS, name, expectedVersion: v2, percent: 40 })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("the canary now gets 30 %") });
    expect(canaryPercentOf(await live(name))).toBe(30);
    await untilTraffic(name, (isvc) => trafficOf(isvc)[r2] === 30);
    expect(await audits(name, "rollout.traffic_set")).toHaveLength(1);
  }, 60_000);

  it("step 4: a request with evidence, refused to the engineer, approved by the approver and applied", async () => {
    const fingerprint = (await live(name)).changeVersion;
    // Gantry's own record of the share is 25 %; the request describes what runs (30 %).
    const { id } = await requestPromotion(engineer, { namespace: NS, name, expectedVersion: fingerprint, note: "v4 holds error rate and p95 at 30 %." });
    const [request] = await requestsOf(name);
    expect(request).toMatchObject({ id, status: "pending", requestedById: engineer.id, canaryVersionId: versionIds.get(4), canaryPercent: 30, specFingerprint: fingerprint, approvalsRequired: 1 });
    const evidence = request!.evidence as unknown as TEvidenceSnapshot;
    expect(evidence.versions.stable).toEqual({ version: 3, storageUri: "s3://models/search/search-ranker/v3" });
    expect(evidence.versions.canary).toEqual({ version: 4, storageUri: "s3://models/search/search-ranker/v4" });
    expect(evidence.versions.metricDiff.length).toBeGreaterThan(0);
    expect(evidence.durationMinutes).toBeGreaterThanOrEqual(0);
    expect(evidence.canaryPercent).toBe(30);
    expect(evidence.metrics.ok).toBe(true); // the sim's Prometheus answered
    expect(request!.expiresAt!.getTime() - request!.createdAt.getTime()).toBeCloseTo(72 * 3_600_000, -4);
    await expect(requestPromotion(engineer, { namespace: NS, name, expectedVersion: fingerprint, note: "again" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already pending") });

    // The engineer has no approver role (and is the requester and the canary's author).
    await expect(decidePromotion(engineer, { requestId: id, decision: "approve" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("approver") });
    await expect(decidePromotion(fraudEngineer, { requestId: id, decision: "approve" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await requestsOf(name))[0]).toMatchObject({ status: "pending", approvals: [] });
    expect(canaryPercentOf(await live(name))).toBe(30);

    const decided = await decidePromotion(approver, { requestId: id, decision: "approve", comment: "Looks good." });
    expect(decided).toEqual({ status: "applied", promoteError: null });

    // Cluster: the share is removed; the promotion rule makes r2 the rolled-out revision.
    const promoted = await live(name);
    expect(canaryPercentOf(promoted)).toBeUndefined();
    const settled = await untilTraffic(name, (isvc) => isvc.revisions.latestRolledout === r2);
    expect(trafficOf(settled)).toEqual({ [r2]: 100 });
    expect(settled.revisions).toMatchObject({ latestReady: r2, latestRolledout: r2, previousRolledout: r1 });

    // Registry: the same story.
    const row = await rowOf(name);
    expect(row.modelVersionId).toBe(versionIds.get(4));
    expect(rolloutOf(row)).toMatchObject({ phase: "promoted", finishedAt: expect.any(String) });
    expect((row.spec as { canaryTrafficPercent?: number }).canaryTrafficPercent).toBeUndefined();
    const [applied] = await requestsOf(name);
    expect(applied).toMatchObject({ status: "applied", promoteError: null, promoteAttempts: 1, appliedAt: expect.any(Date), approvals: [expect.objectContaining({ approverId: approver.id, decision: "approve", specFingerprint: fingerprint })] });
    expect(await actionsOf(name)).toEqual(["deployment.launched", "rollout.canary_started", "rollout.traffic_set", "promotion.requested", "promotion.approved", "rollout.promoted"]);
    expect((await audits(name, "rollout.promoted"))[0]).toMatchObject({ actorEmail: approver.email, after: { canaryPercent: 100, version: 4 } });
    expect(readTrafficSplit(settled, rolloutOf(row))).toMatchObject({ configuredPercent: null, actual: { canaryPercent: 100, stablePercent: 0 } });

    await expect(decidePromotion(approver, { requestId: id, decision: "approve" })).rejects.toMatchObject({ code: "CONFLICT" });
  }, 60_000);

  it("step 5b: rolling back after the promotion sends traffic back to the previous rolled-out revision", async () => {
    const result = await rollbackDeployment(engineer, { namespace: NS, name, reason: "Conversion dropped after v4 went to 100 %." });
    expect(result).toEqual({ servingVersion: 3 });
    expect(canaryPercentOf(await live(name))).toBe(0);
    const back = await untilTraffic(name, (isvc) => isvc.revisions.latestRolledout === r1 && trafficOf(isvc)[r1] === 100);
    expect(trafficOf(back)).toEqual({ [r2]: 0, [r1]: 100 });
    expect(back.revisions).toMatchObject({ latestCreated: r2, latestReady: r2, latestRolledout: r1, previousRolledout: r1 });

    const row = await rowOf(name);
    expect(row.modelVersionId).toBe(versionIds.get(3));
    expect(rolloutOf(row)).toMatchObject({ phase: "rolled_back" });
    expect((await audits(name, "rollout.rolled_back"))[0]).toMatchObject({ before: { phase: "promoted", version: 4 }, after: { phase: "rolled_back", canaryPercent: 0, version: 3 } });
    await expect(rollbackDeployment(engineer, { namespace: NS, name, reason: "again please" })).rejects.toMatchObject({ code: "CONFLICT" });
  }, 60_000);
});

describe("promotion requests that must not be applied as they were", () => {
  it("a change to the deployment after the request voids it; nobody decides on their own request", async () => {
    const name = "ranker-void";
    await launchReady(name);
    await startCanaryReady(name, 10);
    // An admin (on no team, but allowed) requests; the admin may not then approve it.
    const { id } = await requestPromotion(admin, { namespace: NS, name, expectedVersion: (await live(name)).changeVersion, note: "Ready to go." });
    await expect(decidePromotion(admin, { requestId: id, decision: "approve" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("You requested this promotion") });

    await setCanaryTraffic(engineer, { namespace: NS, name, expectedVersion: (await live(name)).changeVersion, percent: 20 });
    await expect(decidePromotion(approver, { requestId: id, decision: "approve" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("void") });
    const [request] = await requestsOf(name);
    expect(request).toMatchObject({ status: "void", statusReason: expect.stringContaining("changed after the request"), approvals: [] });
    // Nothing was promoted.
    expect(canaryPercentOf(await live(name))).toBe(20);
    expect(rolloutOf(await rowOf(name))?.phase).toBe("canary");
    expect(await audits(name, "rollout.promoted")).toHaveLength(0);

    // A new request on the new state can expire: past expiresAt nobody can approve it.
    const again = await requestPromotion(engineer, { namespace: NS, name, expectedVersion: (await live(name)).changeVersion, note: "At 20 % now." });
    await db.promotionRequest.update({ where: { id: again.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(decidePromotion(approver, { requestId: again.id, decision: "approve" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("expired") });
    expect(await db.promotionRequest.findUniqueOrThrow({ where: { id: again.id } })).toMatchObject({ status: "expired", statusReason: expect.stringContaining("Expired at") });
  }, 90_000);

  it("two approvers deciding at once promote once", async () => {
    const name = "ranker-race";
    await launchReady(name);
    await startCanaryReady(name, 10);
    const { id } = await requestPromotion(engineer, { namespace: NS, name, expectedVersion: (await live(name)).changeVersion, note: "Ship it." });
    const results = await Promise.allSettled([decidePromotion(approver, { requestId: id, decision: "approve" }), decidePromotion(admin, { requestId: id, decision: "approve" })]);
    expect(results.filter((r) => r.status === "fulfilled").map((r) => r.value)).toEqual([{ status: "applied", promoteError: null }]);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r.reason as { code?: string }).code)).toEqual(["CONFLICT"]);
    const [request] = await requestsOf(name);
    expect(request).toMatchObject({ status: "applied", promoteAttempts: 1 });
    expect(request!.approvals).toHaveLength(1);
    expect(await audits(name, "rollout.promoted")).toHaveLength(1);
    expect(canaryPercentOf(await live(name))).toBeUndefined();
  }, 90_000);

  it("a promote the cluster refuses leaves the request approved with the error, never applied; a retry after the fix applies it", async () => {
    const name = "ranker-fail";
    await launchReady(name);
    const { stable, canary } = await startCanaryReady(name, 10);
    const { id } = await requestPromotion(engineer, { namespace: NS, name, expectedVersion: (await live(name)).changeVersion, note: "Canary is healthy." });
    const { specFingerprint } = (await requestsOf(name))[0]!;

    // Between the approval and Gantry's patch, someone moves the share to 15 % on the cluster.
    hooks.beforeNextJsonPatch = async () => {
      await jsonPatchInferenceService(getClusterConnection(), NS, name, [{ op: "replace", path: "/spec/predictor/canaryTrafficPercent", value: 15 }]);
    };
    const decided = await decidePromotion(approver, { requestId: id, decision: "approve" });
    expect(hooks.beforeNextJsonPatch).toBeNull(); // the hook ran
    expect(decided).toEqual({ status: "approved", promoteError: expect.stringContaining("changed by someone else") });
    const failed = (await requestsOf(name))[0]!;
    expect(failed).toMatchObject({ status: "approved", promoteAttempts: 1, appliedAt: null, promoteError: expect.stringContaining("changed by someone else") });
    expect(canaryPercentOf(await live(name))).toBe(15); // the other person's value stands
    expect(rolloutOf(await rowOf(name))?.phase).toBe("canary");
    expect(await audits(name, "rollout.promote_failed")).toHaveLength(1);
    expect(await audits(name, "rollout.promoted")).toHaveLength(0);

    // Retrying before the cause is fixed fails the same way and counts the attempt.
    expect(await retryPromotion(engineer, { requestId: id })).toMatchObject({ status: "approved", promoteError: expect.stringContaining("changed by someone else") });
    expect((await requestsOf(name))[0]).toMatchObject({ status: "approved", promoteAttempts: 2 });
    await expect(retryPromotion(fraudEngineer, { requestId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // They put the approved share back: the cluster runs the approved spec again.
    await jsonPatchInferenceService(getClusterConnection(), NS, name, [{ op: "replace", path: "/spec/predictor/canaryTrafficPercent", value: 10 }]);
    expect((await live(name)).changeVersion).toBe(specFingerprint);
    expect(await retryPromotion(engineer, { requestId: id })).toEqual({ status: "applied", promoteError: null });
    expect((await requestsOf(name))[0]).toMatchObject({ status: "applied", promoteAttempts: 3, promoteError: null });
    expect(canaryPercentOf(await live(name))).toBeUndefined();
    const settled = await untilTraffic(name, (isvc) => isvc.revisions.latestRolledout === canary);
    expect(trafficOf(settled)).toEqual({ [canary]: 100 });
    expect(settled.revisions.previousRolledout).toBe(stable);
    expect(rolloutOf(await rowOf(name))?.phase).toBe("promoted");
  }, 90_000);
});

describe("rollback during a canary (step 5a)", () => {
  it("pins traffic to the stable revision, restores the stable version in the registry and voids open requests; other teams may not, approvers may, Prometheus down or not", async () => {
    const name = "ranker-rollback";
    await launchReady(name);
    const { stable, canary } = await startCanaryReady(name, 20);
    const { id } = await requestPromotion(engineer, { namespace: NS, name, expectedVersion: (await live(name)).changeVersion, note: "Looks fine so far." });

    await expect(rollbackDeployment(fraudEngineer, { namespace: NS, name, reason: "Not mine to do." })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("team search") });
    expect(canaryPercentOf(await live(name))).toBe(20);

    // Prometheus goes away (its port is closed): the rollback does not need it.
    const port = prometheus.port;
    await closePrometheusProxy();
    try {
      const evidence = await getDeploymentCanaryEvidence(approver, NS, name);
      expect(evidence.evidence).toMatchObject({ ok: false, reason: expect.stringContaining("refused the connection") });
      expect(await rollbackDeployment(approver, { namespace: NS, name, reason: "p95 doubled on v4." })).toEqual({ servingVersion: 3 });
    } finally {
      prometheus = await listenPrometheusProxy(sim.url, port);
    }

    expect(canaryPercentOf(await live(name))).toBe(0);
    const pinned = await untilTraffic(name, (isvc) => trafficOf(isvc)[stable] === 100);
    expect(trafficOf(pinned)).toEqual({ [canary]: 0, [stable]: 100 });
    expect(pinned.revisions).toMatchObject({ latestCreated: canary, latestReady: canary, latestRolledout: stable });

    const row = await rowOf(name);
    expect(row.modelVersionId).toBe(versionIds.get(3));
    expect(row.modelVersion.version).toBe(3);
    expect(rolloutOf(row)).toMatchObject({ phase: "rolled_back", finishedAt: expect.any(String) });
    expect(readTrafficSplit(pinned, rolloutOf(row))).toMatchObject({ configuredPercent: 0, actual: { canaryPercent: 0, stablePercent: 100 } });
    const [request] = await requestsOf(name);
    expect(request).toMatchObject({ id, status: "void", statusReason: expect.stringContaining("Rolled back by approver@gantry.dev") });
    const [event] = await audits(name, "rollout.rolled_back");
    expect(event).toMatchObject({ actorEmail: approver.email, before: { phase: "canary", canaryPercent: 20, version: 3 }, after: { phase: "rolled_back", canaryPercent: 0, version: 3, reason: "p95 doubled on v4." } });
    await expect(decidePromotion(approver, { requestId: id, decision: "approve" })).rejects.toMatchObject({ code: "CONFLICT" });
  }, 90_000);
});

describe("Standard mode", () => {
  it("refuses a canary and says why", async () => {
    const name = "ranker-standard";
    await launchDeployment(engineer, launchInput(name, { mode: "Standard" }));
    const expectedVersion = (await live(name)).changeVersion;
    const input = { namespace: NS, name, expectedVersion, version: 4, canaryPercent: 10 };
    await expect(startCanary(engineer, input)).rejects.toMatchObject({ code: "VALIDATION", message: STANDARD_MODE_CANARY });
    await expect(previewCanary(engineer, input)).rejects.toMatchObject({ code: "VALIDATION", message: STANDARD_MODE_CANARY });
    expect(canaryPercentOf(await live(name))).toBeUndefined();
    expect(rolloutOf(await rowOf(name))).toBeNull();
    expect(await actionsOf(name)).toEqual(["deployment.launched"]);
  }, 60_000);
});
