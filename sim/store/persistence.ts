import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { writeFile, rename } from "node:fs/promises";
import path from "node:path";
import type { Store } from "./store";

export const stateFile = (dataDir: string): string => path.join(dataDir, "state.json");

/**
 * Keeps `state.json` in the data directory in step with the store: writes are debounced,
 * atomic (temp file + rename) and flushed on stop, so a restart resumes where it left off.
 */
export class Persistence {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;

  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    private readonly debounceMs = 500,
  ) {}

  /** Loads the previous state; returns false when there was none. */
  load(): boolean {
    mkdirSync(this.dataDir, { recursive: true });
    const file = stateFile(this.dataDir);
    if (!existsSync(file)) return false;
    this.store.restore(readFileSync(file, "utf8"));
    return true;
  }

  attach(): void {
    this.store.onCommit = () => this.markDirty();
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writeAsync();
    }, this.debounceMs);
    this.timer.unref();
  }

  private async writeAsync(): Promise<void> {
    if (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    const file = stateFile(this.dataDir);
    const tmp = `${file}.tmp`;
    this.writing = writeFile(tmp, this.store.snapshot())
      .then(() => rename(tmp, file))
      .catch((err: unknown) => console.error("sim: could not write state", err))
      .finally(() => {
        this.writing = undefined;
      });
    await this.writing;
  }

  /** Synchronous final write, safe to call from a signal handler. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing) await this.writing;
    const file = stateFile(this.dataDir);
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, this.store.snapshot());
    renameSync(tmp, file);
    this.dirty = false;
  }
}

/** Empties the simulator state in a data directory (the kubeconfig stays valid). */
export function resetState(dataDir: string): void {
  rmSync(stateFile(dataDir), { force: true });
  rmSync(`${stateFile(dataDir)}.tmp`, { force: true });
}
