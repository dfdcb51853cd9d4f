/**
 * Simulated delays. Every duration the controllers wait is a "cluster" duration; the time
 * scale turns it into wall-clock time (0.01 = 100x faster, for tests).
 */
export class Clock {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly scale: number) {}

  /** Wall-clock milliseconds for a simulated duration. */
  real(simMs: number): number {
    return Math.max(0, simMs * this.scale);
  }

  after(simMs: number, fn: () => void): () => void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, this.real(simMs));
    t.unref();
    this.timers.add(t);
    return () => {
      clearTimeout(t);
      this.timers.delete(t);
    };
  }

  every(realMs: number, fn: () => void): () => void {
    const t = setInterval(fn, realMs);
    t.unref();
    return () => clearInterval(t);
  }

  cancelAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
