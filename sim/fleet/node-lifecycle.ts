import { nodes, pods } from "../api/resources";
import type { Clock } from "../clock";
import type { EventRecorder } from "../events/recorder";
import { type Taint, type Toleration, tolerates } from "../scheduler/fit";
import { upsertCondition } from "../scheduler/scheduler";
import { ApiError } from "../store/errors";
import { nowTimestamp, type Store } from "../store/store";
import type { KubeObject } from "../store/types";

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {});

const NOT_READY = "node.kubernetes.io/not-ready";
const UNREACHABLE = "node.kubernetes.io/unreachable";
const UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
const MANAGED = new Set([NOT_READY, UNREACHABLE, UNSCHEDULABLE]);

function readyStatus(node: KubeObject): string {
  const conditions = (rec(node.status).conditions as Rec[] | undefined) ?? [];
  return String(conditions.find((c) => c.type === "Ready")?.status ?? "Unknown");
}

/** The taints the node lifecycle controller keeps on a node, from its conditions and cordon. */
export function conditionTaints(node: KubeObject): Taint[] {
  const taints: Taint[] = [];
  const ready = readyStatus(node);
  if (ready === "False") taints.push({ key: NOT_READY, effect: "NoSchedule" }, { key: NOT_READY, effect: "NoExecute" });
  if (ready === "Unknown") taints.push({ key: UNREACHABLE, effect: "NoSchedule" }, { key: UNREACHABLE, effect: "NoExecute" });
  if (rec(node.spec).unschedulable) taints.push({ key: UNSCHEDULABLE, effect: "NoSchedule" });
  return taints;
}

/**
 * Node lifecycle + taint manager: taints NotReady and cordoned nodes, marks their pods not
 * ready, and evicts pods that do not tolerate a NoExecute taint (after tolerationSeconds).
 */
export class NodeLifecycleController {
  private readonly evictions = new Map<string, () => void>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
  ) {}

  start(): void {
    this.store.onChange((ev) => {
      if (ev.rt === nodes && ev.type !== "DELETED") setImmediate(() => this.reconcileNode(ev.obj.metadata.name ?? ""));
      if (ev.rt === pods && ev.type === "DELETED") {
        const key = `${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`;
        this.evictions.get(key)?.();
        this.evictions.delete(key);
      }
      if (ev.rt === pods && ev.type !== "DELETED") {
        const nodeName = String(rec(ev.obj.spec).nodeName ?? "");
        const oldNode = ev.old ? String(rec(ev.old.spec).nodeName ?? "") : "";
        if (nodeName && nodeName !== oldNode) setImmediate(() => this.checkPod(ev.obj.metadata.namespace, ev.obj.metadata.name ?? "", nodeName));
      }
    });
    for (const node of this.store.list(nodes)) this.reconcileNode(node.metadata.name ?? "");
  }

  stop(): void {
    for (const cancel of this.evictions.values()) cancel();
    this.evictions.clear();
  }

  private reconcileNode(name: string): void {
    const node = this.store.getCopy(nodes, undefined, name);
    if (!node) return;
    const spec = rec(node.spec);
    const wanted = conditionTaints(node);
    const others = ((spec.taints as Taint[] | undefined) ?? []).filter((t) => !MANAGED.has(t.key));
    const current = ((spec.taints as Taint[] | undefined) ?? []).filter((t) => MANAGED.has(t.key));
    const same = current.length === wanted.length && wanted.every((w) => current.some((c) => c.key === w.key && c.effect === w.effect));
    if (!same) {
      const now = nowTimestamp();
      const taints = [...others, ...wanted.map((t) => ({ ...t, ...(t.effect === "NoExecute" ? { timeAdded: now } : {}) }))];
      if (taints.length) spec.taints = taints;
      else delete spec.taints;
      node.spec = spec;
      try {
        this.store.update(nodes, node);
      } catch (err) {
        if (err instanceof ApiError && err.code === 409) return void setImmediate(() => this.reconcileNode(name));
        throw err;
      }
      return; // the update triggers another pass with the new taints
    }
    const ready = readyStatus(node) === "True";
    const noExecute = ((spec.taints as Taint[] | undefined) ?? []).filter((t) => t.effect === "NoExecute");
    for (const pod of this.store.list(pods).filter((p) => rec(p.spec).nodeName === name)) {
      if (!ready) this.markPodNotReady(pod);
      this.handleNoExecute(pod, noExecute, node);
    }
  }

  /** A pod landed on a node: only a NotReady or NoExecute-tainted node needs any action. */
  private checkPod(namespace: string | undefined, name: string, nodeName: string): void {
    const node = this.store.get(nodes, undefined, nodeName);
    const pod = this.store.get(pods, namespace, name);
    if (!node || !pod) return;
    const noExecute = ((rec(node.spec).taints as Taint[] | undefined) ?? []).filter((t) => t.effect === "NoExecute");
    const ready = readyStatus(node) === "True";
    if (ready && !noExecute.length) return;
    if (!ready) this.markPodNotReady(pod);
    this.handleNoExecute(pod, noExecute, node);
  }

  private markPodNotReady(pod: KubeObject): void {
    const copy = this.store.getCopy(pods, pod.metadata.namespace, pod.metadata.name ?? "");
    if (!copy || copy.metadata.deletionTimestamp) return;
    const status = rec(copy.status);
    status.conditions = upsertCondition(status.conditions, { type: "Ready", status: "False", lastProbeTime: null, lastTransitionTime: nowTimestamp(), reason: "NodeNotReady" });
    copy.status = status;
    try {
      this.store.update(pods, copy, { subresource: "status" });
    } catch {
      /* gone or changed; the next pass will see it */
    }
  }

  private handleNoExecute(pod: KubeObject, taints: Taint[], node: KubeObject): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (!taints.length) {
      this.evictions.get(key)?.();
      this.evictions.delete(key);
      return;
    }
    if (this.evictions.has(key)) return;
    const tolerations = (rec(pod.spec).tolerations as (Toleration & { tolerationSeconds?: number })[] | undefined) ?? [];
    let waitSeconds = Infinity;
    for (const taint of taints) {
      const matching = tolerations.filter((t) => tolerates(t, taint));
      if (!matching.length) {
        waitSeconds = 0;
        break;
      }
      const bounded = matching.filter((t) => t.tolerationSeconds !== undefined).map((t) => Math.max(0, t.tolerationSeconds ?? 0));
      if (bounded.length === matching.length) waitSeconds = Math.min(waitSeconds, Math.min(...bounded));
    }
    if (waitSeconds === Infinity) return;
    const evict = () => {
      this.evictions.delete(key);
      const current = this.store.get(pods, pod.metadata.namespace, pod.metadata.name ?? "");
      if (!current || rec(current.spec).nodeName !== node.metadata.name) return;
      this.recorder.record(current, "Normal", "TaintManagerEviction", `Marking for deletion Pod ${key}`, { component: "taint-eviction-controller" });
      try {
        this.store.delete(pods, pod.metadata.namespace, pod.metadata.name ?? "", { gracePeriodSeconds: 0 });
      } catch {
        /* already gone */
      }
    };
    if (waitSeconds === 0) {
      this.evictions.set(key, () => undefined);
      setImmediate(evict);
    } else {
      this.evictions.set(key, this.clock.after(waitSeconds * 1000, evict));
    }
  }
}
