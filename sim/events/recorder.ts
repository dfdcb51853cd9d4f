import { randomBytes } from "node:crypto";
import { events } from "../api/resources";
import { ApiError } from "../store/errors";
import { nowTimestamp, type Store } from "../store/store";
import type { KubeObject } from "../store/types";

export interface EventSource {
  component: string;
  host?: string;
}

const MAX_EVENTS = 20_000;

/**
 * Records core/v1 Events the way client-go's recorder does: repeated events about the same
 * object, reason and message are folded into one with a rising count.
 */
export class EventRecorder {
  private readonly recent = new Map<string, { namespace: string; name: string }>();

  constructor(private readonly store: Store) {}

  record(obj: KubeObject, type: "Normal" | "Warning", reason: string, message: string, source: EventSource): void {
    const namespace = obj.metadata.namespace || "default";
    const key = `${obj.metadata.uid}|${reason}|${message}|${source.component}`;
    const now = nowTimestamp();
    const seen = this.recent.get(key);
    if (seen) {
      const existing = this.store.getCopy(events, seen.namespace, seen.name);
      if (existing) {
        existing.count = Number(existing.count ?? 1) + 1;
        existing.lastTimestamp = now;
        this.store.update(events, existing);
        return;
      }
    }
    const name = `${obj.metadata.name}.${randomBytes(8).toString("hex")}`;
    const event: KubeObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace },
      involvedObject: {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: obj.metadata.resourceVersion,
      },
      reason,
      message,
      source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? "",
    };
    try {
      this.store.create(events, event);
    } catch (err) {
      // The namespace may be going away; events are best effort, as in Kubernetes.
      if (err instanceof ApiError) return;
      throw err;
    }
    this.recent.set(key, { namespace, name });
    if (this.recent.size > MAX_EVENTS) this.prune();
  }

  /** Keeps the event store bounded, oldest first (Kubernetes expires them after an hour). */
  private prune(): void {
    const drop = [...this.recent.entries()].slice(0, MAX_EVENTS / 4);
    for (const [key, ref] of drop) {
      this.recent.delete(key);
      try {
        this.store.delete(events, ref.namespace, ref.name);
      } catch {
        /* already gone */
      }
    }
  }
}
