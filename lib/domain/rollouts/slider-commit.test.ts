import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { STEP_PERCENTS, clampToCeiling, createCommitQueue, resolveSliderInput, type TCommitQueueState, type TCommitResult } from "./slider-commit";

/** A commit whose promises the test settles by hand, in order. */
function manualCommit() {
  const calls: { percent: number; resolve: (r: TCommitResult) => void; reject: (e: unknown) => void }[] = [];
  const commit = vi.fn(
    (percent: number) =>
      new Promise<TCommitResult>((resolve, reject) => {
        calls.push({ percent, resolve, reject });
      }),
  );
  return { commit, calls };
}

const okCommit = () => vi.fn(async (percent: number): Promise<TCommitResult> => ({ ok: true, percent }));

describe("createCommitQueue", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("commits 10 rapid schedule() calls once, with the last value, after the quiet time", async () => {
    const commit = okCommit();
    const onSettled = vi.fn();
    const queue = createCommitQueue({ initial: 0, commit, onSettled });
    for (let i = 1; i <= 10; i++) {
      if (i > 1) await vi.advanceTimersByTimeAsync(100);
      queue.schedule(i);
    }
    expect(commit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(599);
    expect(commit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(commit).toHaveBeenCalledTimes(1);
    expect(commit).toHaveBeenCalledWith(10);
    expect(queue.committed()).toBe(10);
    expect(onSettled).toHaveBeenCalledWith({ ok: true, percent: 10 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(commit).toHaveBeenCalledTimes(1);
  });

  it("honours a custom quietMs", async () => {
    const commit = okCommit();
    const queue = createCommitQueue({ initial: 0, quietMs: 50, commit });
    queue.schedule(30);
    await vi.advanceTimersByTimeAsync(50);
    expect(commit).toHaveBeenCalledWith(30);
  });

  it("flush() commits immediately and cancels the quiet timer", async () => {
    const commit = okCommit();
    const queue = createCommitQueue({ initial: 0, commit });
    queue.schedule(20);
    queue.flush(25);
    expect(commit).toHaveBeenCalledTimes(1);
    expect(commit).toHaveBeenCalledWith(25);
    await vi.advanceTimersByTimeAsync(1000);
    expect(commit).toHaveBeenCalledTimes(1);
    expect(queue.committed()).toBe(25);
  });

  it("flush() without a value commits the latest scheduled or previewed one", async () => {
    const commit = okCommit();
    const queue = createCommitQueue({ initial: 0, commit });
    queue.preview(10);
    queue.preview(40);
    await vi.advanceTimersByTimeAsync(5000);
    expect(commit).not.toHaveBeenCalled();
    queue.flush();
    expect(commit).toHaveBeenCalledExactlyOnceWith(40);
    await vi.advanceTimersByTimeAsync(0);
    queue.flush();
    expect(commit).toHaveBeenCalledTimes(1);
  });

  it("never commits a value equal to the last committed one", async () => {
    const commit = okCommit();
    const queue = createCommitQueue({ initial: 25, commit });
    queue.flush(25);
    queue.schedule(30);
    queue.schedule(25);
    await vi.advanceTimersByTimeAsync(1000);
    expect(commit).not.toHaveBeenCalled();
    expect(queue.state()).toBe("idle");
  });

  it("sends only the latest of the values that arrive during a commit: exactly 2 commits", async () => {
    const { commit, calls } = manualCommit();
    const queue = createCommitQueue({ initial: 0, commit });
    queue.flush(10);
    expect(queue.state()).toBe("saving");
    queue.flush(20);
    queue.schedule(30);
    queue.flush(40);
    await vi.advanceTimersByTimeAsync(1000);
    expect(commit).toHaveBeenCalledTimes(1);
    calls[0]!.resolve({ ok: true, percent: 10 });
    await vi.advanceTimersByTimeAsync(0);
    expect(commit).toHaveBeenCalledTimes(2);
    expect(commit).toHaveBeenLastCalledWith(40);
    calls[1]!.resolve({ ok: true, percent: 40 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(commit).toHaveBeenCalledTimes(2);
    expect(queue.committed()).toBe(40);
    expect(queue.state()).toBe("idle");
  });

  it("a value scheduled during a commit still waits for its quiet time", async () => {
    const { commit, calls } = manualCommit();
    const queue = createCommitQueue({ initial: 0, commit });
    queue.flush(10);
    queue.schedule(15);
    calls[0]!.resolve({ ok: true, percent: 10 });
    await vi.advanceTimersByTimeAsync(0);
    expect(commit).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(600);
    expect(commit).toHaveBeenCalledTimes(2);
    expect(commit).toHaveBeenLastCalledWith(15);
  });

  it("after a commit, skips a coalesced value that equals what the server confirmed", async () => {
    const { commit, calls } = manualCommit();
    const queue = createCommitQueue({ initial: 0, commit });
    queue.flush(10);
    queue.flush(20);
    queue.flush(10);
    calls[0]!.resolve({ ok: true, percent: 10 });
    await vi.advanceTimersByTimeAsync(0);
    expect(commit).toHaveBeenCalledTimes(1);
  });

  it("a failure carrying currentPercent resets committed() to it and drops the pending value", async () => {
    const { commit, calls } = manualCommit();
    const onSettled = vi.fn();
    const queue = createCommitQueue({ initial: 25, commit, onSettled });
    queue.flush(30);
    queue.schedule(35);
    calls[0]!.resolve({ ok: false, message: "Someone else changed the traffic split.", currentPercent: 40 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(commit).toHaveBeenCalledTimes(1);
    expect(queue.committed()).toBe(40);
    expect(queue.state()).toBe("idle");
    expect(onSettled).toHaveBeenCalledWith({ ok: false, message: "Someone else changed the traffic split.", currentPercent: 40 });
    // The server's value is now the baseline: moving to it is no change, moving back to 25 is.
    queue.flush(40);
    expect(commit).toHaveBeenCalledTimes(1);
    queue.flush(25);
    expect(commit).toHaveBeenCalledTimes(2);
  });

  it("a failure without currentPercent keeps committed() and drops the pending value", async () => {
    const { commit, calls } = manualCommit();
    const queue = createCommitQueue({ initial: 25, commit });
    queue.flush(30);
    queue.flush(35);
    calls[0]!.resolve({ ok: false, message: "Forbidden" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(commit).toHaveBeenCalledTimes(1);
    expect(queue.committed()).toBe(25);
  });

  it("turns a rejected commit into a failed result", async () => {
    const commit = vi.fn(async (_percent: number): Promise<TCommitResult> => {
      throw new Error("network down");
    });
    const onSettled = vi.fn();
    const queue = createCommitQueue({ initial: 0, commit, onSettled });
    queue.flush(10);
    await vi.advanceTimersByTimeAsync(0);
    expect(onSettled).toHaveBeenCalledWith({ ok: false, message: "network down" });
    expect(queue.committed()).toBe(0);
    expect(queue.state()).toBe("idle");
  });

  it("reports its state changes", async () => {
    const { commit, calls } = manualCommit();
    const states: TCommitQueueState[] = [];
    const queue = createCommitQueue({ initial: 0, commit, onStateChange: (s) => states.push(s) });
    queue.schedule(10);
    await vi.advanceTimersByTimeAsync(600);
    calls[0]!.resolve({ ok: true, percent: 10 });
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(["waiting", "saving", "idle"]);
  });

  it("adopts a server value only when idle", async () => {
    const { commit, calls } = manualCommit();
    const queue = createCommitQueue({ initial: 25, commit });
    expect(queue.sync(40)).toBe(true);
    expect(queue.committed()).toBe(40);
    queue.flush(25);
    expect(commit).toHaveBeenCalledWith(25);
    expect(queue.sync(60)).toBe(false);
    calls[0]!.resolve({ ok: true, percent: 25 });
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.committed()).toBe(25);
  });

  it("uses injected timers", () => {
    const timers: (() => void)[] = [];
    const cleared: unknown[] = [];
    const commit = okCommit();
    const queue = createCommitQueue({
      initial: 0,
      commit,
      setTimer: (callback) => timers.push(callback),
      clearTimer: (handle) => cleared.push(handle),
    });
    queue.schedule(5);
    queue.schedule(10);
    expect(cleared).toEqual([1]);
    timers[0]!(); // a cleared timer that fires anyway is ignored
    expect(commit).not.toHaveBeenCalled();
    timers[1]!();
    expect(commit).toHaveBeenCalledExactlyOnceWith(10);
  });

  it("does nothing after dispose()", async () => {
    const { commit, calls } = manualCommit();
    const onSettled = vi.fn();
    const queue = createCommitQueue({ initial: 0, commit, onSettled });
    queue.flush(10);
    queue.schedule(20);
    queue.dispose();
    calls[0]!.resolve({ ok: true, percent: 10 });
    await vi.advanceTimersByTimeAsync(1000);
    queue.flush(30);
    expect(commit).toHaveBeenCalledTimes(1);
    expect(onSettled).not.toHaveBeenCalled();
  });
});

describe("clampToCeiling", () => {
  it("keeps whole percents within 0..ceiling", () => {
    expect(clampToCeiling(60, 50)).toBe(50);
    expect(clampToCeiling(30, 50)).toBe(30);
    expect(clampToCeiling(-5, 50)).toBe(0);
    expect(clampToCeiling(24.6, 100)).toBe(25);
    expect(clampToCeiling(120, 100)).toBe(100);
    expect(clampToCeiling(120, 150)).toBe(100);
    expect(clampToCeiling(Number.NaN, 50)).toBe(0);
  });

  it("offers the usual steps", () => {
    expect(STEP_PERCENTS).toEqual([5, 10, 25, 50, 75]);
  });
});

describe("resolveSliderInput", () => {
  it("accepts values up to the ceiling and stops at it", () => {
    expect(resolveSliderInput({ raw: 30, current: 25, ceiling: 50, isDragging: true })).toBe(30);
    expect(resolveSliderInput({ raw: 70, current: 25, ceiling: 50, isDragging: true })).toBe(50);
    expect(resolveSliderInput({ raw: 51, current: 50, ceiling: 50, isDragging: false })).toBeNull();
  });

  it("above the ceiling (an approved promotion) only lets the value go down, into the allowed range", () => {
    expect(resolveSliderInput({ raw: 79, current: 80, ceiling: 50, isDragging: true })).toBeNull();
    expect(resolveSliderInput({ raw: 45, current: 80, ceiling: 50, isDragging: true })).toBe(45);
    expect(resolveSliderInput({ raw: 79, current: 80, ceiling: 50, isDragging: false })).toBe(50);
    expect(resolveSliderInput({ raw: 70, current: 80, ceiling: 50, isDragging: false })).toBe(50);
    expect(resolveSliderInput({ raw: 81, current: 80, ceiling: 50, isDragging: false })).toBeNull();
  });
});
