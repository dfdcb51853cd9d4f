import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as k8s from "@kubernetes/client-node";
import { type RunningSim, type StartSimOptions, startSim } from "../server";

export interface TestSim {
  sim: RunningSim;
  kc: k8s.KubeConfig;
  dataDir: string;
  core: k8s.CoreV1Api;
  custom: k8s.CustomObjectsApi;
  stop(): Promise<void>;
}

/** Starts a sim on a random port with a temp data dir and a fast clock. */
export async function startTestSim(opts: Partial<StartSimOptions> = {}): Promise<TestSim> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), "gantry-sim-"));
  const sim = await startSim({ port: 0, dataDir, timeScale: 0.01, quiet: true, ...opts });
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  return {
    sim,
    kc,
    dataDir,
    core: kc.makeApiClient(k8s.CoreV1Api),
    custom: kc.makeApiClient(k8s.CustomObjectsApi),
    stop: async () => {
      await sim.stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `fn` returns a truthy value; fails with the last value seen. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 20_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Raw HTTP against the sim, for checks client-node does not expose (status codes, tables). */
// Test assertions read arbitrary JSON shapes; typing each response would add nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;

export async function http(sim: RunningSim, method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: AnyJson; text: string }> {
  const res = await fetch(sim.url + urlPath, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text };
}
