import type { LogSource } from "../api/server";

interface Line {
  ts: string;
  text: string;
}

interface ContainerLog {
  current: Line[];
  previous: Line[];
}

const MAX_LINES = 2000;

/** Container logs held in memory, with the previous instance kept for `kubectl logs -p`. */
export class LogStore implements LogSource {
  private readonly logs = new Map<string, ContainerLog>();
  private readonly followers = new Map<string, Set<{ onLine: (l: string) => void; end: () => void }>>();

  private key(ns: string, pod: string, container: string): string {
    return `${ns}/${pod}/${container}`;
  }

  append(ns: string, pod: string, container: string, lines: string[]): void {
    const key = this.key(ns, pod, container);
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = { current: [], previous: [] }));
    const ts = new Date().toISOString();
    for (const text of lines) {
      log.current.push({ ts, text });
      for (const f of this.followers.get(key) ?? []) f.onLine(text);
    }
    if (log.current.length > MAX_LINES) log.current.splice(0, log.current.length - MAX_LINES);
  }

  /** The container restarted: what it printed becomes the previous log. */
  restart(ns: string, pod: string, container: string): void {
    const log = this.logs.get(this.key(ns, pod, container));
    if (!log) return;
    log.previous = log.current;
    log.current = [];
  }

  endFollowers(ns: string, pod: string): void {
    for (const [key, set] of this.followers) {
      if (!key.startsWith(`${ns}/${pod}/`)) continue;
      for (const f of set) f.end();
      this.followers.delete(key);
    }
  }

  forget(ns: string, pod: string): void {
    this.endFollowers(ns, pod);
    for (const key of [...this.logs.keys()]) if (key.startsWith(`${ns}/${pod}/`)) this.logs.delete(key);
  }

  read(ns: string, pod: string, container: string | undefined, opts: { previous: boolean; tailLines?: number; timestamps: boolean }): string {
    const log = this.logs.get(this.key(ns, pod, container ?? ""));
    let lines = (opts.previous ? log?.previous : log?.current) ?? [];
    if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = lines.slice(Math.max(0, lines.length - opts.tailLines));
    return lines.map((l) => (opts.timestamps ? `${l.ts} ${l.text}\n` : `${l.text}\n`)).join("");
  }

  follow(ns: string, pod: string, container: string | undefined, onLine: (line: string) => void, end: () => void): () => void {
    const key = this.key(ns, pod, container ?? "");
    let set = this.followers.get(key);
    if (!set) this.followers.set(key, (set = new Set()));
    const entry = { onLine, end };
    set.add(entry);
    return () => set.delete(entry);
  }
}
