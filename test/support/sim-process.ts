// Starts the embedded cluster as a separate process, exactly as `npm start` does, so app
// tests reach it only through its kubeconfig over HTTP (the app never imports sim/).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnUntilReady, stopChild } from "../../scripts/lib/child-process";

export type TSimProcess = {
  url: string;
  port: number;
  dataDir: string;
  kubeconfigPath: string;
  /** Stops the process; the data directory is removed unless keepData is set (to restart on it). */
  stop: (options?: { keepData?: boolean }) => Promise<void>;
};

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export async function startSimProcess(
  options: { timeScale?: number; fleetFile?: string; port?: number; dataDir?: string } = {},
): Promise<TSimProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "gantry-test-sim-"));
  const args = ["sim/main.ts", "--port", String(options.port ?? 0), "--data", dataDir, "--time-scale", String(options.timeScale ?? 0.02)];
  if (options.fleetFile) args.push("--fleet", options.fleetFile);
  const sim = await spawnUntilReady(path.join(REPO_ROOT, "node_modules/.bin/tsx"), args, {
    name: "sim",
    ready: /sim ready on (\S+)/,
    timeoutMs: 60_000,
  });
  const kubeconfigLine = sim.lines.find((line) => line.startsWith("kubeconfig:"));
  if (!kubeconfigLine) throw new Error("sim did not print its kubeconfig path");
  const url = sim.match[1]!;
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    kubeconfigPath: kubeconfigLine.slice("kubeconfig:".length).trim(),
    stop: async ({ keepData = false } = {}) => {
      await stopChild(sim.child);
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
