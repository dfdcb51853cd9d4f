// The canary traffic slider commits a burst of moves as ONE patch: a "commit coalescer".
// Pure logic: no React, no I/O; the commit itself and the timers are injected.

export type TCommitResult = { ok: true; percent: number } | { ok: false; message: string; currentPercent?: number };

/** idle: nothing to send; waiting: a value is held (quiet timer running or pointer down); saving: a commit is in flight. */
export type TCommitQueueState = "idle" | "waiting" | "saving";

export type TCommitQueue = {
  /** A keyboard/step change: (re)start the quiet timer; commits the latest value after `quietMs`. */
  schedule(percent: number): void;
  /** A pointer drag in progress: remember the value and hold any quiet timer; the next flush() commits it. */
  preview(percent: number): void;
  /** Pointer released: commit the latest scheduled/previewed value now. */
  flush(percent?: number): void;
  /** The value last confirmed by the server. */
  committed(): number;
  /** Where the queue is; also reported through `onStateChange`. */
  state(): TCommitQueueState;
  /**
   * The server reports a value (e.g. a page refresh). Adopted as committed() only when the queue is
   * idle, so a later move back to the old value is not mistaken for "no change". Returns whether adopted.
   */
  sync(percent: number): boolean;
  /** Stops the timer; pending values are dropped and a late result is ignored. */
  dispose(): void;
};

export type TCommitQueueOptions = {
  initial: number;
  /** Quiet time after the last schedule() before committing; default 600 ms. */
  quietMs?: number;
  commit: (percent: number) => Promise<TCommitResult>;
  onSettled?: (result: TCommitResult) => void;
  onStateChange?: (state: TCommitQueueState) => void;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

export const DEFAULT_QUIET_MS = 600;

export const STEP_PERCENTS = [5, 10, 25, 50, 75] as const;

/** A whole percent in 0..min(ceiling, 100); NaN counts as 0. */
export function clampToCeiling(percent: number, ceiling: number): number {
  const top = Math.min(100, Math.max(0, Number.isFinite(ceiling) ? Math.floor(ceiling) : 100));
  if (!Number.isFinite(percent)) return 0;
  return Math.min(top, Math.max(0, Math.round(percent)));
}

/**
 * What the slider shows after the native range input reports `raw`, given the value it shows now.
 * Values above the ceiling cannot be chosen. When the current value is already above it (an approved
 * promotion), a drag is ignored until it reaches the allowed range, and a key press down (arrow,
 * PageDown) lands on the ceiling; nothing moves it further up. Returns null when the move is refused.
 */
export function resolveSliderInput(input: { raw: number; current: number; ceiling: number; isDragging: boolean }): number | null {
  const { raw, current, ceiling, isDragging } = input;
  const next = clampToCeiling(raw, ceiling);
  if (raw <= ceiling || current <= ceiling) return next === current ? null : next;
  if (isDragging || raw >= current) return null;
  return next;
}

export function createCommitQueue(opts: TCommitQueueOptions): TCommitQueue {
  const quietMs = opts.quietMs ?? DEFAULT_QUIET_MS;
  const setTimer = opts.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const clearTimer = opts.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  let committedValue = opts.initial;
  /** The latest value not yet handed to commit(). */
  let pending: number | null = null;
  /** Set while the quiet timer runs: pending waits for it. */
  let timer: { handle: unknown } | null = null;
  /** Set while the pointer is down: pending waits for flush(). */
  let held = false;
  let inFlight = false;
  let disposed = false;
  let reported: TCommitQueueState = "idle";

  const state = (): TCommitQueueState => (inFlight ? "saving" : pending !== null ? "waiting" : "idle");

  const report = () => {
    const now = state();
    if (disposed || now === reported) return;
    reported = now;
    opts.onStateChange?.(now);
  };

  const stopTimer = () => {
    if (timer) clearTimer(timer.handle);
    timer = null;
  };

  const send = () => {
    if (disposed || inFlight || pending === null) return;
    const value = pending;
    pending = null;
    if (value === committedValue) return;
    inFlight = true;
    let promise: Promise<TCommitResult>;
    try {
      promise = opts.commit(value);
    } catch (e) {
      promise = Promise.reject(e);
    }
    promise.then(settle, (e: unknown) => settle({ ok: false, message: e instanceof Error ? e.message : "Could not save the traffic split." }));
  };

  const settle = (result: TCommitResult) => {
    inFlight = false;
    if (disposed) return;
    if (result.ok) {
      committedValue = result.percent;
    } else {
      // Whatever failed, the user's later moves were made on a value that did not stick: drop them.
      if (result.currentPercent !== undefined) committedValue = result.currentPercent;
      pending = null;
      held = false;
      stopTimer();
    }
    opts.onSettled?.(result);
    // Values that arrived meanwhile go now, unless their quiet timer or the pointer still holds them.
    if (!timer && !held) send();
    report();
  };

  return {
    schedule(percent) {
      if (disposed) return;
      pending = percent;
      held = false;
      stopTimer();
      const entry: { handle: unknown } = { handle: undefined };
      timer = entry;
      entry.handle = setTimer(() => {
        if (timer !== entry) return;
        timer = null;
        send();
        report();
      }, quietMs);
      report();
    },
    preview(percent) {
      if (disposed) return;
      pending = percent;
      held = true;
      stopTimer();
      report();
    },
    flush(percent) {
      if (disposed) return;
      if (percent !== undefined) pending = percent;
      held = false;
      stopTimer();
      send();
      report();
    },
    committed: () => committedValue,
    state,
    sync(percent) {
      if (disposed || state() !== "idle") return false;
      committedValue = percent;
      return true;
    },
    dispose() {
      disposed = true;
      stopTimer();
      pending = null;
      held = false;
    },
  };
}
