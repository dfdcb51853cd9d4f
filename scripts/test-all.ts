// `npm test`: type-check, lint, unit + integration tests (Vitest, real PostgreSQL and the
// sim/ cluster), then end-to-end tests (Playwright in Debian's Chromium). Every stage runs,
// even after a failure, so one run shows everything that is wrong; the exit code is non-zero
// if any stage failed. The last line sums up the tests as "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const resultsDir = path.join(root, "test-results");

type TStage = { name: string; command: string; args: string[]; counts?: () => { passed: number; failed: number; skipped: number } };

function vitestCounts() {
  const report = JSON.parse(readFileSync(path.join(resultsDir, "vitest-results.json"), "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightCounts() {
  const report = JSON.parse(readFileSync(path.join(resultsDir, "e2e-results.json"), "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
}

const stages: TStage[] = [
  { name: "type-check", command: bin("tsc"), args: ["--noEmit"] },
  { name: "lint", command: bin("eslint"), args: ["--max-warnings=0", "."] },
  {
    name: "unit + integration (vitest)",
    command: bin("vitest"),
    args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(resultsDir, "vitest-results.json")}`],
    counts: vitestCounts,
  },
  { name: "end-to-end (playwright)", command: bin("playwright"), args: ["test"], counts: playwrightCounts },
];

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const summary: string[] = [];
let anyFailed = false;

for (const stage of stages) {
  process.stdout.write(`\n━━ ${stage.name} ━━\n`);
  const started = Date.now();
  const result = spawnSync(stage.command, stage.args, { cwd: root, stdio: "inherit", env: { ...process.env, FORCE_COLOR: process.env.CI ? "0" : "1" } });
  const ok = result.status === 0;
  anyFailed ||= !ok;
  let detail = "";
  if (stage.counts) {
    try {
      const counts = stage.counts();
      totals.passed += counts.passed;
      totals.failed += counts.failed;
      totals.skipped += counts.skipped;
      detail = ` (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)`;
    } catch {
      detail = " (no results recorded)";
      if (!ok) totals.failed += 1;
    }
  } else if (!ok) totals.failed += 1;
  summary.push(`${ok ? "✔" : "✖"} ${stage.name}${detail} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

process.stdout.write(`\n━━ summary ━━\n${summary.join("\n")}\n`);
if (!existsSync(path.join(resultsDir, "e2e-results.json"))) process.stdout.write("(the e2e stage recorded no results)\n");
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(anyFailed ? 1 : 0);
