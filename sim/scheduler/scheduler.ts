import { nodes, pods } from "../api/resources";
import type { Clock } from "../clock";
import type { EventRecorder } from "../events/recorder";
import { ApiError } from "../store/errors";
import { nowTimestamp, type Store } from "../store/store";
import type { KubeObject } from "../store/types";
import type { ChangeEvent } from "../store/watch";
import { type FitResult, type NodeState, type Taint, fitsNode, nodeScore, podRequests, podRequirements, unschedulableMessage } from "./fit";
import { parseQuantity } from "./quantity";

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {});

const isTerminal = (pod: KubeObject): boolean => {
  const phase = rec(pod.status).phase;
  return phase === "Succeeded" || phase === "Failed";
};

/** Requests held on each node by its non-terminal pods, kept up to date from store changes. */
export class NodeUsage {
  private readonly byNode = new Map<string, { requested: Record<string, number>; pods: number }>();
  private readonly contribution = new Map<string, { node: string; requests: Record<string, number> }>();

  constructor(store: Store) {
    for (const pod of store.list(pods)) this.apply(pod, undefined);
    store.onChange((ev) => {
      if (ev.rt !== pods) return;
      this.apply(ev.type === "DELETED" ? undefined : ev.obj, ev.obj);
    });
  }

  private apply(pod: KubeObject | undefined, ref: KubeObject | undefined): void {
    const key = `${(pod ?? ref)?.metadata.namespace}/${(pod ?? ref)?.metadata.name}`;
    const prev = this.contribution.get(key);
    if (prev) {
      const u = this.byNode.get(prev.node);
      if (u) {
        for (const [r, v] of Object.entries(prev.requests)) u.requested[r] = (u.requested[r] ?? 0) - v;
        u.pods--;
      }
      this.contribution.delete(key);
    }
    const node = pod ? String(rec(pod.spec).nodeName ?? "") : "";
    if (!pod || !node || isTerminal(pod)) return;
    const requests = podRequests(rec(pod.spec));
    let u = this.byNode.get(node);
    if (!u) this.byNode.set(node, (u = { requested: {}, pods: 0 }));
    for (const [r, v] of Object.entries(requests)) u.requested[r] = (u.requested[r] ?? 0) + v;
    u.pods++;
    this.contribution.set(key, { node, requests });
  }

  of(node: string): { requested: Record<string, number>; pods: number } {
    return this.byNode.get(node) ?? { requested: {}, pods: 0 };
  }
}

export function nodeState(node: KubeObject, usage: NodeUsage): NodeState {
  const allocatable: Record<string, number> = {};
  for (const [k, v] of Object.entries(rec(rec(node.status).allocatable))) allocatable[k] = parseQuantity(v);
  const u = usage.of(node.metadata.name ?? "");
  return {
    name: node.metadata.name ?? "",
    labels: node.metadata.labels ?? {},
    taints: (rec(node.spec).taints as Taint[] | undefined) ?? [],
    unschedulable: Boolean(rec(node.spec).unschedulable),
    allocatable,
    requested: u.requested,
    podCount: u.pods,
  };
}

/**
 * Binds pending pods to nodes. Runs whenever something that could change the outcome
 * happens (new pod, node change, pod gone) and also periodically, like the scheduler's
 * unschedulable-queue flush.
 */
export class Scheduler {
  readonly usage: NodeUsage;
  private scheduled = false;
  private stopTick: (() => void) | undefined;
  private readonly lastFailure = new Map<string, { message: string; at: number }>();
  /** Unbound pods, tracked from changes so a pass does not scan every pod. */
  private readonly pending = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
  ) {
    this.usage = new NodeUsage(store);
  }

  start(): void {
    for (const p of this.store.list(pods)) if (!rec(p.spec).nodeName) this.pending.add(`${p.metadata.namespace}/${p.metadata.name}`);
    this.store.onChange((ev) => this.onChange(ev));
    this.stopTick = this.clock.every(2000, () => this.kick());
    this.kick();
  }

  stop(): void {
    this.stopTick?.();
  }

  private onChange(ev: ChangeEvent): void {
    if (ev.rt === nodes) this.kick();
    else if (ev.rt === pods) {
      const key = `${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`;
      if (ev.type === "DELETED" || rec(ev.obj.spec).nodeName) this.pending.delete(key);
      else this.pending.add(key);
      const freed = ev.type === "DELETED" || (isTerminal(ev.obj) && !(ev.old && isTerminal(ev.old)));
      const pending = ev.type === "ADDED" && !rec(ev.obj.spec).nodeName;
      if (freed || pending) this.kick();
      if (ev.type === "DELETED") this.lastFailure.delete(`${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`);
    }
  }

  private kick(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.scheduleAll();
    });
  }

  private scheduleAll(): void {
    const pending = [...this.pending]
      .map((key) => {
        const [ns = "", name = ""] = key.split("/");
        return this.store.get(pods, ns, name);
      })
      .filter((p): p is KubeObject => !!p)
      .filter((p) => !rec(p.spec).nodeName && !p.metadata.deletionTimestamp && !isTerminal(p) && (rec(p.spec).schedulerName ?? "default-scheduler") === "default-scheduler")
      .sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)));
    if (!pending.length) return;
    const allNodes = this.store.list(nodes).sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
    for (const pod of pending) this.scheduleOne(pod, allNodes);
  }

  private scheduleOne(pod: KubeObject, allNodes: KubeObject[]): void {
    const req = podRequirements(rec(pod.spec));
    const results: FitResult[] = [];
    let best: { node: KubeObject; score: number } | undefined;
    for (const node of allNodes) {
      const state = nodeState(node, this.usage);
      const r = fitsNode(req, state);
      results.push(r);
      if (r.fits) {
        const score = nodeScore(req, state);
        if (!best || score < best.score) best = { node, score };
      }
    }
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (best) {
      this.bind(pod, best.node);
      this.lastFailure.delete(key);
      return;
    }
    const message = unschedulableMessage(allNodes.length, results);
    const last = this.lastFailure.get(key);
    const now = Date.now();
    if (last && last.message === message && now - last.at < this.clock.real(60_000) + 1000) return;
    this.lastFailure.set(key, { message, at: now });
    this.markUnschedulable(pod, message);
    this.recorder.record(pod, "Warning", "FailedScheduling", message, { component: "default-scheduler" });
  }

  private bind(pod: KubeObject, node: KubeObject): void {
    const copy = this.store.getCopy(pods, pod.metadata.namespace, pod.metadata.name ?? "");
    if (!copy || rec(copy.spec).nodeName) return;
    const nodeName = node.metadata.name ?? "";
    rec(copy.spec).nodeName = nodeName;
    const status = rec(copy.status);
    status.conditions = upsertCondition(status.conditions, { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: nowTimestamp() });
    copy.status = status;
    try {
      // Binding writes spec.nodeName; the pod condition goes through the status subresource.
      const bound = this.store.update(pods, { ...copy, status: pod.status }, {});
      this.store.update(pods, { ...bound, status }, { subresource: "status" });
    } catch (err) {
      if (err instanceof ApiError && (err.code === 404 || err.code === 409)) return;
      throw err;
    }
    this.recorder.record(pod, "Normal", "Scheduled", `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`, { component: "default-scheduler" });
  }

  private markUnschedulable(pod: KubeObject, message: string): void {
    const copy = this.store.getCopy(pods, pod.metadata.namespace, pod.metadata.name ?? "");
    if (!copy) return;
    const status = rec(copy.status);
    status.conditions = upsertCondition(status.conditions, { type: "PodScheduled", status: "False", lastProbeTime: null, lastTransitionTime: nowTimestamp(), reason: "Unschedulable", message });
    copy.status = status;
    try {
      this.store.update(pods, copy, { subresource: "status" });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
    }
  }
}

/** Replaces the condition of the same type, keeping lastTransitionTime if status is unchanged. */
export function upsertCondition(conditions: unknown, next: Rec): Rec[] {
  const list = Array.isArray(conditions) ? (conditions as Rec[]).slice() : [];
  const i = list.findIndex((c) => c.type === next.type);
  if (i < 0) return [...list, next];
  const prev = list[i] ?? {};
  const unchanged = prev.status === next.status && prev.reason === next.reason && prev.message === next.message;
  list[i] = unchanged ? prev : { ...next, lastTransitionTime: prev.status === next.status ? prev.lastTransitionTime : next.lastTransitionTime };
  return list;
}
