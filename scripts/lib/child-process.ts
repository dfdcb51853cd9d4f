import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

/** True when something already listens on 127.0.0.1:port. */
export function isPortInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Spawns a long-running child with its output prefixed, and resolves once a line matching
 * `ready` appears. Rejects with the child's last lines if it exits first or times out, so a
 * failed start never hangs.
 */
export function spawnUntilReady(
  command: string,
  args: string[],
  options: { name: string; ready: RegExp; env?: NodeJS.ProcessEnv; timeoutMs: number; echo?: boolean },
): Promise<{ child: ChildProcess; match: RegExpMatchArray; lines: string[] }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so stopping it also stops what it started (tsx runs the script in
    // a grandchild process, which a signal to the wrapper alone can leave behind).
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    trackedGroups.add(child);
    child.once("exit", () => trackedGroups.delete(child));
    const lines: string[] = [];
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`${options.name} did not become ready within ${options.timeoutMs / 1000} s`)), options.timeoutMs);
    const finish = (error: Error | null, match?: RegExpMatchArray) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        signalGroup(child, "SIGTERM");
        reject(new Error(`${error.message}\n--- last output of ${options.name} ---\n${lines.slice(-25).join("\n")}`));
      } else resolve({ child, match: match!, lines });
    };
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (!line.trim()) continue;
        lines.push(line);
        if (lines.length > 200) lines.shift();
        if (options.echo || settled) process.stdout.write(`[${options.name}] ${line}\n`);
        const match = line.match(options.ready);
        if (match) finish(null, match);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => finish(new Error(`${options.name} exited (${signal ?? `code ${code}`}) before it was ready`)));
    child.once("error", (error) => finish(error));
  });
}

const trackedGroups = new Set<ChildProcess>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

// Detached groups outlive their parent unless told otherwise: on any exit of this process,
// stop whatever it started.
process.once("exit", () => {
  for (const child of trackedGroups) signalGroup(child, "SIGTERM");
});

/** Sends SIGTERM to the child's process group and waits, escalating to SIGKILL after a grace period. */
export function stopChild(child: ChildProcess | undefined, graceMs = 8_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    signalGroup(child, "SIGTERM");
  });
}
