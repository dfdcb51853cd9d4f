import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
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

/** Runs `next build` when the build is stale; returns false if the build failed. */
export function ensureProductionBuild(log: (message: string) => void): boolean {
  if (!isBuildStale()) return true;
  log("building the app (next build; only when sources changed)…");
  const result = spawnSync(path.join(REPO_ROOT, "node_modules/.bin/next"), ["build"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return result.status === 0;
}
