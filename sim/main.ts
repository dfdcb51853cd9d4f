import path from "node:path";
import { parseArgs } from "node:util";
import { resetState } from "./store/persistence";
import { PortInUseError, startSim } from "./server";

// CLI: npm run sim -- --port 6443 --data .data/sim [--fleet fleet.yaml] [--time-scale 0.1]

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "6443" },
    data: { type: "string", default: ".data/sim" },
    fleet: { type: "string" },
    "time-scale": { type: "string", default: "1" },
    reset: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run sim -- [--port <p>] [--data <dir>] [--fleet <file>] [--time-scale <x>] [--reset]

  --port        API port on 127.0.0.1 (0 picks a free one; default 6443)
  --data        data directory for state.json and the kubeconfig (default .data/sim)
  --fleet       fleet YAML describing node pools (default sim/fleet/default-fleet.yaml)
  --time-scale  multiply simulated delays (0.01 = 100x faster; default 1)
  --reset       empty the data directory's cluster state and exit`);
  process.exit(0);
}

const dataDir = path.resolve(values.data);

if (values.reset) {
  resetState(dataDir);
  console.log(`sim: state in ${dataDir} removed`);
  process.exit(0);
}

const port = Number(values.port);
const timeScale = Number(values["time-scale"]);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`sim: invalid --port ${values.port}`);
  process.exit(2);
}
if (!(timeScale > 0)) {
  console.error(`sim: invalid --time-scale ${values["time-scale"]}`);
  process.exit(2);
}

try {
  const sim = await startSim({
    port,
    dataDir,
    timeScale,
    quiet: values.quiet,
    ...(values.fleet ? { fleetFile: path.resolve(values.fleet) } : {}),
  });
  console.log(`kubeconfig: ${sim.kubeconfigPath}`);
  console.log(`sim ready on ${sim.url}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`sim: ${signal} received, saving state`);
    sim.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("sim: error while stopping", err);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
} catch (err) {
  if (err instanceof PortInUseError) console.error(`sim: ${err.message}`);
  else console.error("sim: failed to start:", err);
  process.exit(1);
}
