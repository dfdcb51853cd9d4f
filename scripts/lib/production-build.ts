import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "package-lock.json"];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** True when there is no production build, or a source file is newer than it. */
export function isBuildStale(): boolean {
  const buildId = path.join(REPO_ROOT, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const newestSource = Math.max(...SOURCES.map((source) => newestMtime(path.join(REPO_ROOT, source))));
  return newestSource > statSync(buildId).mtimeMs;
}

const LOCK_DIR = path.join(REPO_ROOT, ".next-build.lock");
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Runs `next build` when the build is stale; returns false if the build failed. Two starts
 * at once (the e2e servers, say) must not build into .next together: the first takes a lock
 * (mkdir is atomic), the others wait for it and then find the build fresh.
 */
export async function ensureProductionBuild(log: (message: string) => void): Promise<boolean> {
  if (!isBuildStale()) return true;
  while (!tryLock()) {
    log("waiting for another build of the app to finish…");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  try {
    if (!isBuildStale()) return true;
    log("building the app (next build; only when sources changed)…");
    const result = spawnSync(path.join(REPO_ROOT, "node_modules/.bin/next"), ["build"], {
      cwd: REPO_ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    return result.status === 0;
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK_DIR);
    return true;
  } catch {
    // A lock left by a killed build is taken over after a while.
    if (existsSync(LOCK_DIR) && Date.now() - statSync(LOCK_DIR).mtimeMs > STALE_LOCK_MS) rmSync(LOCK_DIR, { recursive: true, force: true });
    return false;
  }
}
