// Part of `npm install`: builds the app so that `npm start` serves within seconds.
// Set GANTRY_SKIP_BUILD=1 to skip it (for example when only the tests are wanted).
import { ensureProductionBuild } from "./lib/production-build";

if (process.env.GANTRY_SKIP_BUILD === "1") process.exit(0);
process.exit((await ensureProductionBuild((message) => process.stdout.write(`▸ ${message}\n`))) ? 0 : 1);
