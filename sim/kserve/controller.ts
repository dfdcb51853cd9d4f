import { createHash } from "node:crypto";
import { clusterServingRuntimes, inferenceServices, pods, revisions, servingRuntimes } from "../api/resources";
import type { Clock } from "../clock";
import type { EventRecorder } from "../events/recorder";
import type { FleetConfig } from "../fleet/fleet";
import type { Kubelet } from "../kubelet/kubelet";
import { ApiError } from "../store/errors";
import { canonicalJson, type Store } from "../store/store";
import type { KubeObject, OwnerReference } from "../store/types";
import { aggregate, type Condition, ConditionSet } from "./conditions";
import { buildPredictorPodSpec, type PredictorPodSpec, RuntimeResolutionError } from "./pod-template";

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

export const ISVC_LABEL = "serving.kserve.io/inferenceservice";
const REVISION_LABEL = "serving.knative.dev/revision";
const DEPLOYMENT_MODE = "serving.kserve.io/deploymentMode";
const STOP = "serving.kserve.io/stop";
/** Knative keeps an idle revision for the stable window plus the scale-to-zero grace period. */
const SCALE_TO_ZERO_AFTER_MS = 90_000;
/** Kubernetes' default progressDeadlineSeconds for the Standard-mode Deployment. */
const PROGRESS_DEADLINE_MS = 600_000;

export interface TrafficTarget {
  revisionName: string;
  latestRevision: boolean;
  percent: number;
  tag?: string;
  url?: string;
}

type RevisionState = { phase: "Ready" | "Pending" | "Failed"; message?: string; failure?: Rec & { location: string } };

/** Mode resolution, first match wins: recorded status, annotation (legacy names mapped), default. */
export function deploymentMode(isvc: KubeObject): "Knative" | "Standard" {
  const recorded = rec(isvc.status).deploymentMode;
  const value = String(recorded ?? isvc.metadata.annotations?.[DEPLOYMENT_MODE] ?? "Knative");
  return value === "Standard" || value === "RawDeployment" ? "Standard" : "Knative";
}

const hash = (value: unknown, len = 10): string => createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, len);
const randomPodSuffix = (): string => Math.random().toString(36).slice(2, 7).padEnd(5, "x");

const podReady = (p: KubeObject): boolean => arr(rec(p.status).conditions).some((c) => c.type === "Ready" && c.status === "True");

/**
 * The KServe InferenceService controller with the Knative pieces it relies on (Configuration,
 * Revisions, Route, autoscaler), simulated. Behaviour follows reference/kserve/STATUS.md.
 */
export class KServeController {
  private readonly queue = new Set<string>();
  private flushScheduled = false;
  private readonly rollouts = new Map<string, { hash: string; since: number }>();
  private readonly timers = new Map<string, () => void>();
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly fleet: FleetConfig,
    private readonly kubelet: Kubelet,
    private readonly recorder: EventRecorder,
  ) {}

  start(): void {
    this.store.onChange((ev) => {
      if (ev.rt === inferenceServices) this.enqueue(ev.obj.metadata.namespace, ev.obj.metadata.name);
      else if (ev.rt === pods) {
        const owner = ev.obj.metadata.labels?.[ISVC_LABEL];
        if (owner) this.enqueue(ev.obj.metadata.namespace, owner);
      } else if (ev.rt === clusterServingRuntimes || ev.rt === servingRuntimes) {
        for (const isvc of this.store.list(inferenceServices)) this.enqueue(isvc.metadata.namespace, isvc.metadata.name);
      }
    });
    for (const isvc of this.store.list(inferenceServices)) this.enqueue(isvc.metadata.namespace, isvc.metadata.name);
  }

  stop(): void {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
  }

  private enqueue(namespace: string | undefined, name: string | undefined): void {
    if (!namespace || !name) return;
    this.queue.add(`${namespace}/${name}`);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const keys = [...this.queue];
      this.queue.clear();
      for (const key of keys) {
        const [ns = "", n = ""] = key.split("/");
        try {
          this.reconcile(ns, n);
        } catch (err) {
          if (err instanceof ApiError && (err.code === 409 || err.code === 404)) this.enqueue(ns, n);
          else console.error(`sim: kserve reconcile ${key} failed`, err);
        }
      }
    });
  }

  /** Re-runs a reconcile after a simulated delay (scale to zero, progress deadline). */
  private requeueAfter(namespace: string, name: string, simMs: number): void {
    const key = `${namespace}/${name}`;
    if (this.timers.has(key)) return;
    this.timers.set(key, this.clock.after(simMs, () => {
      this.timers.delete(key);
      this.enqueue(namespace, name);
    }));
  }

  private reconcile(namespace: string, name: string): void {
    if (this.stopped) return;
    const isvc = this.store.get(inferenceServices, namespace, name);
    if (!isvc || isvc.metadata.deletionTimestamp) return;
    const mode = deploymentMode(isvc);
    if (isvc.metadata.annotations?.[STOP] === "true") return this.reconcileStopped(isvc, mode);
    let template: PredictorPodSpec;
    try {
      template = buildPredictorPodSpec(this.store, isvc, mode === "Knative");
    } catch (err) {
      if (err instanceof RuntimeResolutionError) return this.reconcileInvalid(isvc, mode, err);
      throw err;
    }
    if (mode === "Knative") this.reconcileKnative(isvc, template);
    else this.reconcileStandard(isvc, template);
  }

  // ---- pods --------------------------------------------------------------------------

  private ownerRef(isvc: KubeObject): OwnerReference {
    return { apiVersion: "serving.kserve.io/v1beta1", kind: "InferenceService", name: isvc.metadata.name ?? "", uid: isvc.metadata.uid ?? "", controller: true, blockOwnerDeletion: true };
  }

  private podsOf(isvc: KubeObject): KubeObject[] {
    return this.store.list(pods, isvc.metadata.namespace).filter((p) => p.metadata.labels?.[ISVC_LABEL] === isvc.metadata.name);
  }

  private podAnnotations(isvc: KubeObject): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(isvc.metadata.annotations ?? {})) if (!k.startsWith("kubectl.kubernetes.io/")) out[k] = v;
    Object.assign(out, rec(rec(rec(isvc.spec).predictor).annotations));
    out["kubectl.kubernetes.io/default-container"] = "kserve-container";
    return out;
  }

  /** Creates or deletes pods so that `current` (one group) has `desired` members. */
  private scalePods(current: KubeObject[], desired: number, make: () => KubeObject): void {
    const live = current.filter((p) => !p.metadata.deletionTimestamp);
    for (let i = live.length; i < desired; i++) this.store.create(pods, make());
    if (live.length > desired) {
      const victims = [...live].sort((a, b) => Number(podReady(a)) - Number(podReady(b))).slice(0, live.length - desired);
      for (const p of victims) this.deletePod(p);
    }
  }

  private deletePod(p: KubeObject): void {
    try {
      this.store.delete(pods, p.metadata.namespace, p.metadata.name ?? "");
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 404)) throw err;
    }
  }

  private failureOf(p: KubeObject): { message: string; failure: Rec & { location: string } } | undefined {
    const status = rec(p.status);
    for (const c of [...arr(status.initContainerStatuses), ...arr(status.containerStatuses)]) {
      if (Number(c.restartCount ?? 0) < 2 || c.ready) continue;
      const term = rec(rec(c.lastState).terminated);
      const detail = String(term.message || term.reason || "Error");
      return {
        message: `Container failed with: ${detail}`,
        failure: { location: p.metadata.name ?? "", reason: "ModelLoadFailed", message: detail, exitCode: Number(term.exitCode ?? 1), time: String(term.finishedAt ?? "") },
      };
    }
    const sched = arr(status.conditions).find((c) => c.type === "PodScheduled" && c.status === "False");
    if (sched) return { message: String(sched.message ?? "Unschedulable"), failure: { location: p.metadata.name ?? "", reason: "ModelLoadFailed", message: String(sched.message ?? "") } };
    return undefined;
  }

  // ---- Knative mode ------------------------------------------------------------------

  private reconcileKnative(isvc: KubeObject, template: PredictorPodSpec): void {
    const ns = isvc.metadata.namespace ?? "";
    const name = isvc.metadata.name ?? "";
    const predictor = rec(rec(isvc.spec).predictor);
    const { canaryTrafficPercent: _c, ...templateFields } = predictor;
    const templateHash = hash({ templateFields, annotations: this.podAnnotations(isvc), labels: isvc.metadata.labels ?? {} });

    // Configuration: a new revision for every pod-template change.
    let revs = this.store.list(revisions, ns).filter((r) => r.metadata.labels?.[ISVC_LABEL] === name).sort((a, b) => Number(rec(a.spec).number) - Number(rec(b.spec).number));
    const latest = revs[revs.length - 1];
    if (!latest || rec(latest.spec).templateHash !== templateHash) {
      const number = Number(rec(latest?.spec).number ?? 0) + 1;
      const revName = `${name}-predictor-${String(number).padStart(5, "0")}`;
      this.store.create(revisions, {
        apiVersion: "internal.sim/v1",
        kind: "Revision",
        metadata: { name: revName, namespace: ns, labels: { [ISVC_LABEL]: name }, ownerReferences: [this.ownerRef(isvc)] },
        spec: { number, templateHash, podSpec: template.spec, minReplicas: predictor.minReplicas ?? 1, maxReplicas: predictor.maxReplicas ?? 0 },
        status: {},
      });
      this.recorder.record(isvc, "Normal", "RevisionCreated", `Created revision ${revName}`, { component: "kserve-controller" });
      revs = this.store.list(revisions, ns).filter((r) => r.metadata.labels?.[ISVC_LABEL] === name).sort((a, b) => Number(rec(a.spec).number) - Number(rec(b.spec).number));
    }
    const latestCreated = revs[revs.length - 1];
    if (!latestCreated) return;
    const allPods = this.podsOf(isvc);
    const podsOfRev = (rev: string) => allPods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === rev);

    // Revision readiness from its pods; readiness is sticky once reached (scale to zero keeps it).
    const states = new Map<string, RevisionState>();
    for (const rev of revs) {
      const revName = rev.metadata.name ?? "";
      const revPods = podsOfRev(revName).filter((p) => !p.metadata.deletionTimestamp);
      const readyCount = revPods.filter(podReady).length;
      const revStatus = rec(rev.status);
      if (readyCount > 0 && !revStatus.readySince) {
        const copy = this.store.getCopy(revisions, ns, revName);
        if (copy) {
          copy.status = { ...rec(copy.status), readySince: Date.now() };
          this.store.update(revisions, copy);
        }
      }
      const everReady = readyCount > 0 || Boolean(revStatus.readySince);
      const failed = readyCount === 0 ? revPods.map((p) => this.failureOf(p)).find((f) => f) : undefined;
      if (readyCount > 0 || (everReady && !failed)) states.set(revName, { phase: "Ready" });
      else if (failed) states.set(revName, { phase: "Failed", message: failed.message, failure: { ...failed.failure, modelRevisionName: revName } });
      else states.set(revName, { phase: "Pending" });
    }

    const prevStatus = rec(isvc.status);
    const prevPredictor = rec(rec(prevStatus.components).predictor);
    const latestCreatedName = latestCreated.metadata.name ?? "";
    const latestState = states.get(latestCreatedName) ?? { phase: "Pending" as const };
    // Knative only advances latestReady when the latest created revision becomes ready.
    let latestReady = prevPredictor.latestReadyRevision as string | undefined;
    if (latestState.phase === "Ready") latestReady = latestCreatedName;
    if (latestReady && !states.has(latestReady)) latestReady = undefined;

    // Route: traffic split and the rollout bookkeeping (promotion / roll-back rules).
    let latestRolledout = prevPredictor.latestRolledoutRevision as string | undefined;
    let previousRolledout = prevPredictor.previousRolledoutRevision as string | undefined;
    const canary = predictor.canaryTrafficPercent as number | undefined;
    const domain = this.fleet.cluster.domain;
    const buildTraffic = (): TrafficTarget[] => {
      if (!latestReady) return [];
      const tagRouting = isvc.metadata.annotations?.["serving.kserve.io/enable-tag-routing"] === "true";
      const latestTarget = (percent: number): TrafficTarget => ({
        ...(tagRouting ? { tag: "latest" } : {}),
        revisionName: latestReady ?? "",
        latestRevision: true,
        percent,
        ...(tagRouting ? { url: `http://latest-${name}-predictor.${ns}.${domain}` } : {}),
      });
      if (canary !== undefined && latestRolledout) {
        const split: TrafficTarget[] = [latestTarget(canary)];
        if (canary < 100) split.push({ tag: "prev", revisionName: latestRolledout, latestRevision: false, percent: 100 - canary, url: `http://prev-${name}-predictor.${ns}.${domain}` });
        return split;
      }
      return [latestTarget(100)];
    };
    let traffic = buildTraffic();
    for (let pass = 0; pass < 3; pass++) {
      const latestEntry = traffic.find((t) => t.latestRevision && t.revisionName === latestReady);
      if (!latestEntry) break;
      if (latestRolledout !== latestReady && latestEntry.percent === 100) {
        previousRolledout = latestRolledout;
        latestRolledout = latestReady;
      } else if (
        latestRolledout === latestReady &&
        latestReady === latestCreatedName &&
        latestEntry.percent < 100 &&
        traffic.filter((t) => t.revisionName === latestReady).reduce((n, t) => n + t.percent, 0) === 100 &&
        previousRolledout
      ) {
        latestRolledout = previousRolledout;
      } else break;
      traffic = buildTraffic();
    }

    // Autoscaler: pods for routed revisions and for the latest one; idle min-0 revisions go to zero.
    let earliestZero: number | undefined;
    for (const rev of revs) {
      const revName = rev.metadata.name ?? "";
      const routed = traffic.some((t) => t.revisionName === revName && t.percent > 0) || revName === latestCreatedName;
      const min = Number(rec(rev.spec).minReplicas ?? 1);
      let desired = routed ? Math.max(min, 1) : 0;
      const readySince = Number(rec(rev.status).readySince ?? 0);
      if (routed && min === 0 && readySince) {
        const idleFor = Date.now() - readySince;
        if (idleFor >= this.clock.real(SCALE_TO_ZERO_AFTER_MS)) desired = 0;
        else earliestZero = Math.min(earliestZero ?? Infinity, SCALE_TO_ZERO_AFTER_MS - idleFor / Math.max(this.clock.scale, 1e-9));
      }
      this.scalePods(podsOfRev(revName), desired, () => this.knativePod(isvc, rev));
    }
    if (earliestZero !== undefined) this.requeueAfter(ns, name, Math.max(earliestZero, 100));

    // Status, copied from the simulated Knative Service as KServe does.
    const conds = new ConditionSet(arr(prevStatus.conditions) as unknown as Condition[]);
    const configReady =
      latestState.phase === "Ready" ? { status: "True" as const }
      : latestState.phase === "Failed" ? { status: "False" as const, reason: "RevisionFailed", message: `Revision "${latestCreatedName}" failed with message: ${latestState.message ?? ""}` }
      : { status: "Unknown" as const };
    const routeReady = traffic.length ? { status: "True" as const }
      : { status: latestState.phase === "Failed" ? "False" as const : "Unknown" as const, reason: "RevisionMissing", message: `Configuration "${name}-predictor" does not have any ready Revision.` };
    conds.set("PredictorConfigurationReady", configReady).set("PredictorRouteReady", routeReady);
    const ksvcReady = configReady.status === "False" ? configReady : routeReady.status === "False" ? routeReady : configReady.status === "Unknown" ? configReady : routeReady;
    conds.set("PredictorReady", ksvcReady);
    const ksvcIsReady = ksvcReady.status === "True";
    const predictorUrl = ksvcIsReady ? `http://${name}-predictor.${ns}.${domain}` : (prevPredictor.url as string | undefined);
    const predictorAddress = ksvcIsReady ? { url: `http://${name}-predictor.${ns}.svc.cluster.local` } : prevPredictor.address;
    conds.set("IngressReady", predictorUrl ? { status: "True" } : { status: ksvcReady.status === "False" ? "False" : "Unknown", reason: "Predictor ingress not created", message: "Predictor ingress not created" });
    conds.set("LatestDeploymentReady", aggregate(conds.get("PredictorConfigurationReady"), "PredictorConfigurationReady"));
    conds.set("RoutesReady", aggregate(conds.get("PredictorRouteReady"), "PredictorRouteReady"));
    conds.set("Stopped", { status: "False" });
    conds.deriveReady();

    const latestPods = podsOfRev(latestCreatedName);
    const servingPods = allPods.filter((p) => traffic.some((t) => t.percent > 0 && t.revisionName === p.metadata.labels?.[REVISION_LABEL]));
    const anyRunning = latestPods.some((p) => rec(p.status).phase === "Running");
    const target = latestState.phase === "Ready" ? "Loaded" : latestState.phase === "Failed" ? "FailedToLoad" : anyRunning ? "Loading" : "Pending";
    const modelStatus: Rec = {
      transitionStatus: latestState.phase === "Ready" ? "UpToDate" : latestState.phase === "Failed" ? "BlockedByFailedLoad" : "InProgress",
      states: { activeModelState: latestReady ? "Loaded" : target === "FailedToLoad" ? "FailedToLoad" : target, targetModelState: target },
      copies: { failedCopies: latestState.phase === "Failed" ? latestPods.filter((p) => this.failureOf(p)).length : 0, totalCopies: servingPods.filter(podReady).length },
      ...(latestState.failure ? { lastFailureInfo: latestState.failure } : {}),
    };

    const status: Rec = {
      observedGeneration: isvc.metadata.generation ?? 1,
      conditions: conds.list(),
      ...(predictorUrl ? { url: `http://${name}.${ns}.${domain}`, address: { url: `http://${name}.${ns}.svc.cluster.local` } } : {}),
      components: {
        predictor: {
          latestCreatedRevision: latestCreatedName,
          ...(latestReady ? { latestReadyRevision: latestReady } : {}),
          ...(latestRolledout ? { latestRolledoutRevision: latestRolledout } : {}),
          ...(previousRolledout ? { previousRolledoutRevision: previousRolledout } : {}),
          ...(traffic.length ? { traffic } : {}),
          ...(predictorUrl ? { url: predictorUrl } : {}),
          ...(predictorAddress ? { address: predictorAddress } : {}),
        },
      },
      modelStatus,
      deploymentMode: "Knative",
      ...this.runtimeStatus(template),
    };
    this.writeStatus(isvc, status);
  }

  private knativePod(isvc: KubeObject, rev: KubeObject): KubeObject {
    const name = isvc.metadata.name ?? "";
    const revName = rev.metadata.name ?? "";
    const podSpec = structuredClone(rec(rev.spec).podSpec) as Rec;
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: `${revName}-deployment-${hash(rev.spec, 10)}-${randomPodSuffix()}`,
        namespace: isvc.metadata.namespace ?? "",
        labels: {
          ...isvc.metadata.labels,
          ...(rec(rec(isvc.spec).predictor).labels as Record<string, string> | undefined),
          [ISVC_LABEL]: name,
          component: "predictor",
          app: revName,
          "serving.knative.dev/configuration": `${name}-predictor`,
          "serving.knative.dev/configurationGeneration": String(rec(rev.spec).number),
          [REVISION_LABEL]: revName,
          "serving.knative.dev/revisionUID": rev.metadata.uid ?? "",
          "serving.knative.dev/service": `${name}-predictor`,
          "serving.kserve.io/component": "predictor",
        },
        annotations: this.podAnnotations(isvc),
        ownerReferences: [this.ownerRef(isvc)],
      },
      spec: podSpec,
    };
  }

  // ---- Standard (RawDeployment) mode -------------------------------------------------

  private reconcileStandard(isvc: KubeObject, template: PredictorPodSpec): void {
    const ns = isvc.metadata.namespace ?? "";
    const name = isvc.metadata.name ?? "";
    const predictor = rec(rec(isvc.spec).predictor);
    // canaryTrafficPercent is not part of the pod template and is ignored in this mode.
    const templateHash = hash({ spec: template.spec, annotations: this.podAnnotations(isvc) });
    const desired = Math.max(Number(predictor.minReplicas ?? 1), 1);
    const key = `${ns}/${name}`;
    const rollout = this.rollouts.get(key);
    if (!rollout || rollout.hash !== templateHash) this.rollouts.set(key, { hash: templateHash, since: Date.now() });
    const since = this.rollouts.get(key)?.since ?? Date.now();

    const all = this.podsOf(isvc).filter((p) => !p.metadata.deletionTimestamp);
    const current = all.filter((p) => p.metadata.labels?.["pod-template-hash"] === templateHash);
    const old = all.filter((p) => p.metadata.labels?.["pod-template-hash"] !== templateHash);
    this.scalePods(current, desired, () => this.standardPod(isvc, template, templateHash));
    const newReady = current.filter(podReady).length;
    // Rolling update: old pods go once the new ReplicaSet is fully available.
    if (newReady >= desired) for (const p of old) this.deletePod(p);
    const available = newReady > 0 || old.some(podReady);
    const deadlinePassed = Date.now() - since >= this.clock.real(PROGRESS_DEADLINE_MS);
    if (newReady < desired && !deadlinePassed) this.requeueAfter(ns, name, PROGRESS_DEADLINE_MS - (Date.now() - since) / Math.max(this.clock.scale, 1e-9) + 10);
    const failure = newReady === 0 ? current.map((p) => this.failureOf(p)).find((f) => f) : undefined;

    const prevStatus = rec(isvc.status);
    const conds = new ConditionSet(arr(prevStatus.conditions) as unknown as Condition[]);
    const rsName = `${name}-predictor-${templateHash}`;
    let predictorReady;
    if (newReady < desired && deadlinePassed) predictorReady = { status: "False" as const, reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${rsName}" has timed out progressing.` };
    else if (available) predictorReady = { status: "True" as const };
    else if (failure) predictorReady = { status: "False" as const, reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." };
    else predictorReady = { status: "Unknown" as const, reason: "ReplicaSetUpdated", message: `ReplicaSet "${rsName}" is progressing.` };
    conds.set("PredictorReady", predictorReady);
    const prevComponent = rec(rec(prevStatus.components).predictor);
    const domain = this.fleet.cluster.domain;
    const everReady = predictorReady.status === "True" || Boolean(prevComponent.url);
    conds.set("IngressReady", everReady ? { status: "True" } : { status: "False", reason: "Predictor ingress not created", message: "Predictor ingress not created" });
    conds.set("Stopped", { status: "False" });
    conds.deriveReady();

    const first = [...current, ...old][0];
    const firstReady = first ? podReady(first) : false;
    const firstFailure = first ? this.failureOf(first) : undefined;
    const target = firstReady ? "Loaded" : firstFailure ? "FailedToLoad" : first && rec(first.status).phase === "Running" ? "Loading" : "Pending";
    const status: Rec = {
      observedGeneration: isvc.metadata.generation ?? 1,
      conditions: conds.list(),
      ...(everReady ? { url: `http://${name}-${ns}.${domain}` } : {}),
      address: { url: `http://${name}-predictor.${ns}.svc.cluster.local` },
      components: { predictor: everReady ? { url: `http://${name}-predictor-${ns}.${domain}` } : {} },
      modelStatus: {
        transitionStatus: target === "Loaded" ? "UpToDate" : target === "FailedToLoad" ? "BlockedByFailedLoad" : "InProgress",
        states: { activeModelState: target, targetModelState: target },
        copies: { failedCopies: all.filter((p) => this.failureOf(p)).length, totalCopies: all.filter(podReady).length },
        ...(firstFailure ? { lastFailureInfo: firstFailure.failure } : {}),
      },
      deploymentMode: "Standard",
      ...this.runtimeStatus(template),
    };
    this.writeStatus(isvc, status);
  }

  private standardPod(isvc: KubeObject, template: PredictorPodSpec, templateHash: string): KubeObject {
    const name = isvc.metadata.name ?? "";
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: `${name}-predictor-${templateHash}-${randomPodSuffix()}`,
        namespace: isvc.metadata.namespace ?? "",
        labels: {
          ...isvc.metadata.labels,
          ...(rec(rec(isvc.spec).predictor).labels as Record<string, string> | undefined),
          app: `isvc.${name}-predictor`,
          [ISVC_LABEL]: name,
          component: "predictor",
          "serving.kserve.io/component": "predictor",
          "pod-template-hash": templateHash,
        },
        annotations: this.podAnnotations(isvc),
        ownerReferences: [this.ownerRef(isvc)],
      },
      spec: structuredClone(template.spec),
    };
  }

  // ---- stop, invalid spec, status write ----------------------------------------------

  private reconcileStopped(isvc: KubeObject, mode: string): void {
    for (const p of this.podsOf(isvc)) this.deletePod(p);
    const conds = new ConditionSet(arr(rec(isvc.status).conditions) as unknown as Condition[]);
    conds.set("IngressReady", { status: "False", reason: "Stopped", message: "The inference service is stopped" });
    conds.set("PredictorReady", { status: "False", reason: "Stopped", message: "The inference service is stopped" });
    conds.set("Stopped", { status: "True" });
    conds.deriveReady();
    this.writeStatus(isvc, { conditions: conds.list(), deploymentMode: mode });
  }

  private reconcileInvalid(isvc: KubeObject, mode: string, err: RuntimeResolutionError): void {
    const conds = new ConditionSet(arr(rec(isvc.status).conditions) as unknown as Condition[]);
    conds.set("PredictorReady", { status: "False", reason: "ReconcileFailed", message: err.message });
    conds.set("IngressReady", { status: "False", reason: "Predictor ingress not created", message: "Predictor ingress not created" });
    conds.set("Stopped", { status: "False" });
    conds.deriveReady();
    this.writeStatus(isvc, {
      ...rec(isvc.status),
      observedGeneration: isvc.metadata.generation ?? 1,
      conditions: conds.list(),
      modelStatus: {
        transitionStatus: "InvalidSpec",
        states: { activeModelState: "", targetModelState: "FailedToLoad" },
        copies: { failedCopies: 0 },
        lastFailureInfo: { reason: err.reason, message: err.message },
      },
      deploymentMode: mode,
    });
    this.recorder.record(isvc, "Warning", "InternalError", err.message, { component: "kserve-controller" });
  }

  private runtimeStatus(template: PredictorPodSpec): Rec {
    if (!template.runtime) return {};
    return template.runtime.cluster ? { clusterServingRuntimeName: template.runtime.name } : { servingRuntimeName: template.runtime.name };
  }

  private writeStatus(isvc: KubeObject, status: Rec): void {
    const copy = this.store.getCopy(inferenceServices, isvc.metadata.namespace, isvc.metadata.name ?? "");
    if (!copy) return;
    copy.status = status;
    this.store.update(inferenceServices, copy, { subresource: "status" });
    void this.kubelet;
  }
}
