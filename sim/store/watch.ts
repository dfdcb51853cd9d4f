import { gone } from "./errors";
import type { KubeObject, ResourceType } from "./types";

export type EventType = "ADDED" | "MODIFIED" | "DELETED";

/** One committed change. `bytes` is the object's serialized JSON, shared by every watcher. */
export interface ChangeEvent {
  type: EventType;
  rt: ResourceType;
  obj: KubeObject;
  old: KubeObject | undefined;
  rv: number;
  bytes: Buffer;
}

export interface Watcher {
  namespace: string | undefined;
  matches: (obj: KubeObject) => boolean;
  /** Receives the event type as this watcher sees it (selector moves become ADDED/DELETED). */
  send: (type: EventType, ev: ChangeEvent) => void;
}

interface TypeChannel {
  history: ChangeEvent[];
  /** Events with rv <= compactedRv are gone; a watch from before that gets 410. */
  compactedRv: number;
  watchers: Set<Watcher>;
}

/**
 * Fans committed changes out to watchers and keeps a bounded history per resource type so
 * that a watch can resume from a resourceVersion, as the watch cache of kube-apiserver does.
 */
export class WatchHub {
  private readonly channels = new Map<string, TypeChannel>();

  constructor(private readonly historyLimit = 20_000) {}

  private channel(key: string): TypeChannel {
    let ch = this.channels.get(key);
    if (!ch) {
      ch = { history: [], compactedRv: 0, watchers: new Set() };
      this.channels.set(key, ch);
    }
    return ch;
  }

  /** Sets the oldest resumable version, e.g. after loading a snapshot without history. */
  compactAll(rv: number): void {
    for (const ch of this.channels.values()) ch.compactedRv = Math.max(ch.compactedRv, rv);
    this.baseRv = rv;
  }
  private baseRv = 0;

  publish(key: string, ev: ChangeEvent): void {
    const ch = this.channel(key);
    if (ch.compactedRv < this.baseRv) ch.compactedRv = this.baseRv;
    ch.history.push(ev);
    if (ch.history.length > this.historyLimit) {
      const drop = ch.history.splice(0, Math.floor(this.historyLimit / 4));
      ch.compactedRv = drop[drop.length - 1]?.rv ?? ch.compactedRv;
    }
    for (const w of ch.watchers) deliver(w, ev);
  }

  /**
   * Registers a watcher; replays history after `sinceRv` first. Throws 410 Gone when the
   * requested version has been compacted away.
   */
  subscribe(key: string, watcher: Watcher, sinceRv: number | undefined): () => void {
    const ch = this.channel(key);
    if (ch.compactedRv < this.baseRv) ch.compactedRv = this.baseRv;
    if (sinceRv !== undefined) {
      if (sinceRv < ch.compactedRv) {
        throw gone(`too old resource version: ${sinceRv} (${ch.compactedRv + 1})`);
      }
      for (let i = firstAfter(ch.history, sinceRv); i < ch.history.length; i++) {
        const ev = ch.history[i];
        if (ev) deliver(watcher, ev);
      }
    }
    ch.watchers.add(watcher);
    return () => ch.watchers.delete(watcher);
  }

  watcherCount(): number {
    let n = 0;
    for (const ch of this.channels.values()) n += ch.watchers.size;
    return n;
  }
}

function firstAfter(history: ChangeEvent[], rv: number): number {
  let lo = 0;
  let hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((history[mid]?.rv ?? 0) <= rv) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function deliver(w: Watcher, ev: ChangeEvent): void {
  if (w.namespace !== undefined && ev.obj.metadata.namespace !== w.namespace) return;
  const nowMatches = w.matches(ev.obj);
  if (ev.type === "MODIFIED" && ev.old) {
    const wasMatching = w.matches(ev.old);
    if (nowMatches && wasMatching) w.send("MODIFIED", ev);
    else if (nowMatches) w.send("ADDED", ev);
    else if (wasMatching) w.send("DELETED", ev);
    return;
  }
  if (nowMatches) w.send(ev.type, ev);
}
