import { Watch, type KubeConfig } from "@kubernetes/client-node";
import { applyWatchEvent, stateFromList, type TCacheState } from "./watch-events";

// A shared, server-side informer: one list and one long-running watch per kind and cluster,
// however many pages and browser tabs read from it. Reads are served from memory. When the
// cluster goes away the last known state stays readable, marked with its age and the error.

type TListResponse<TRaw> = { items: TRaw[]; metadata?: { resourceVersion?: string } };

export type TWatchCacheStatus = "syncing" | "live" | "disconnected";

export type TWatchCacheSnapshot<T> = {
  items: T[];
  status: TWatchCacheStatus;
  /** When the cache last heard from the API server (list, event or bookmark). */
  lastContactAt: Date | null;
  error: string | null;
  /** Bumped on every change, so readers can tell whether anything moved. */
  revision: number;
};

export type TWatchCacheOptions<TRaw, T> = {
  name: string;
  kubeConfig: KubeConfig;
  /** API path to watch, e.g. /api/v1/nodes or /api/v1/pods (all namespaces). */
  watchPath: string;
  list: () => Promise<TListResponse<TRaw>>;
  reshape: (raw: TRaw) => T;
};

const RETRY_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000];
const WATCH_TIMEOUT_SECONDS = 300;

export class WatchCache<TRaw extends { metadata?: { name?: string; namespace?: string; resourceVersion?: string } }, T> {
  private state: TCacheState<T> = { items: new Map(), resourceVersion: "" };
  private status: TWatchCacheStatus = "syncing";
  private lastContactAt: Date | null = null;
  private error: string | null = null;
  private revision = 0;
  private failures = 0;
  private started = false;
  private stopped = false;
  private abort: AbortController | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly syncWaiters = new Set<() => void>();

  constructor(private readonly options: TWatchCacheOptions<TRaw, T>) {}

  /** Starts listing and watching; safe to call many times. */
  start(): this {
    if (!this.started) {
      this.started = true;
      void this.relist();
    }
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  snapshot(): TWatchCacheSnapshot<T> {
    return {
      items: [...this.state.items.values()].map((entry) => entry.value),
      status: this.status,
      lastContactAt: this.lastContactAt,
      error: this.error,
      revision: this.revision,
    };
  }

  /** Called after every change (and on connection state changes). Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the first list has arrived, or after timeoutMs with whatever is known. */
  async waitForFirstSync(timeoutMs: number): Promise<void> {
    if (this.lastContactAt || this.status === "disconnected") return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.syncWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.syncWaiters.add(done);
    });
  }

  private notify(): void {
    this.revision += 1;
    for (const listener of this.listeners) listener();
  }

  private settleWaiters(): void {
    for (const waiter of [...this.syncWaiters]) waiter();
  }

  private async relist(): Promise<void> {
    if (this.stopped) return;
    try {
      const response = await this.options.list();
      this.state = stateFromList(response.items, response.metadata?.resourceVersion ?? "", this.options.reshape);
      this.markContact();
      this.notify();
      this.settleWaiters();
      await this.watch();
    } catch (error) {
      this.fail(error);
    }
  }

  private async watch(): Promise<void> {
    if (this.stopped) return;
    let expired = false;
    const watch = new Watch(this.options.kubeConfig);
    this.abort = await watch.watch(
      this.options.watchPath,
      { resourceVersion: this.state.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: WATCH_TIMEOUT_SECONDS },
      (type, object) => {
        const outcome = applyWatchEvent(this.state, type, object, this.options.reshape);
        if (outcome.kind === "expired") {
          expired = true;
          this.abort?.abort();
          return;
        }
        this.markContact();
        if (outcome.kind === "changed") this.notify();
      },
      (error: unknown) => {
        if (this.stopped) return;
        // 410 Gone: our resourceVersion is too old; start over from a fresh list.
        if (expired) return void this.relist();
        if (error && !isAbort(error)) return this.fail(error);
        // The server closed the watch (its timeout): resume from where we are.
        void this.watch().catch((watchError: unknown) => this.fail(watchError));
      },
    );
  }

  private markContact(): void {
    const wasDown = this.status !== "live";
    this.status = "live";
    this.error = null;
    this.failures = 0;
    this.lastContactAt = new Date();
    if (wasDown) this.notify();
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    this.status = "disconnected";
    this.error = describeError(error);
    this.notify();
    this.settleWaiters();
    const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)] ?? 10_000;
    this.failures += 1;
    this.retryTimer = setTimeout(() => void this.relist(), delay);
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || /aborted/i.test(error.message));
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ? `${error.message} (${cause.code})` : error.message;
  }
  return String(error);
}
