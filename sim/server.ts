import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import path from "node:path";
import { renderKubeconfig } from "./api/kubeconfig";
import { ALL_TYPES } from "./api/resources";
import { ApiHandler } from "./api/server";
import { Clock } from "./clock";
import { EventRecorder } from "./events/recorder";
import { loadFleet } from "./fleet/fleet";
import { NodeLifecycleController } from "./fleet/node-lifecycle";
import { seedCluster } from "./fleet/seed";
import { KServeController } from "./kserve/controller";
import { Kubelet } from "./kubelet/kubelet";
import { createMetricsHandler, isMetricsPath } from "./metrics/http";
import { MetricsModel } from "./metrics/model";
import { Scheduler } from "./scheduler/scheduler";
import { Persistence } from "./store/persistence";
import { Store } from "./store/store";

export interface StartSimOptions {
  /** 0 picks a free port. */
  port?: number;
  dataDir: string;
  fleetFile?: string;
  /** Multiplies every simulated delay: 0.01 runs 100x faster. */
  timeScale?: number;
  quiet?: boolean;
  /** Interval of watch bookmarks (for clients that ask for them). */
  bookmarkIntervalMs?: number;
  /** Skip writing state.json (the benchmark seeds far more than a demo needs). */
  persist?: boolean;
  /** Seed of the synthetic traffic (same seed, same cluster history → same series). */
  metricsSeed?: string;
  /** Grid of the samples the Prometheus API evaluates over (a scrape interval); default 15 s. */
  metricsIntervalMs?: number;
}

export interface RunningSim {
  url: string;
  port: number;
  kubeconfigPath: string;
  stop(): Promise<void>;
  /** In-process handles for tests and future modules (metrics); not part of the HTTP surface. */
  internals: { store: Store; kubelet: Kubelet; clock: Clock; metrics: MetricsModel };
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is already in use on 127.0.0.1; pass a different --port`);
  }
}

function loadOrCreateToken(dataDir: string): string {
  const file = path.join(dataDir, "token");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const token = randomBytes(24).toString("hex");
  writeFileSync(file, token + "\n", { mode: 0o600 });
  return token;
}

export async function startSim(opts: StartSimOptions): Promise<RunningSim> {
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const log = opts.quiet ? () => undefined : (msg: string) => console.log(msg);
  const clock = new Clock(opts.timeScale ?? 1);
  const fleet = loadFleet(opts.fleetFile);

  const store = new Store();
  for (const rt of ALL_TYPES) store.register(rt);
  const persistence = new Persistence(store, dataDir);
  const restored = opts.persist === false ? false : persistence.load();
  if (opts.persist !== false) persistence.attach();
  seedCluster(store, fleet);
  if (restored) store.collectOrphans();

  const recorder = new EventRecorder(store);
  const kubelet = new Kubelet(store, clock, fleet, recorder);
  const scheduler = new Scheduler(store, clock, recorder);
  const nodeLifecycle = new NodeLifecycleController(store, clock, recorder);
  const kserve = new KServeController(store, clock, fleet, kubelet, recorder);
  kubelet.start();
  scheduler.start();
  nodeLifecycle.start();
  kserve.start();

  const token = loadOrCreateToken(dataDir);
  const api = new ApiHandler(store, { token, logs: kubelet.logs, ...(opts.bookmarkIntervalMs ? { bookmarkIntervalMs: opts.bookmarkIntervalMs } : {}) });
  const metrics = new MetricsModel(store, kubelet, fleet, { seed: opts.metricsSeed ?? "gantry" });
  const metricsHandler = createMetricsHandler(metrics, opts.metricsIntervalMs ?? 15_000);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!isMetricsPath(url.pathname)) return api.handle(req, res);
    metricsHandler(req, res, url).catch((err: unknown) => {
      console.error("sim: metrics error", err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 65_000;
  const sockets = new Set<Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  const stopControllers = () => {
    kserve.stop();
    nodeLifecycle.stop();
    scheduler.stop();
    kubelet.stop();
  };

  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      reject(err.code === "EADDRINUSE" ? new PortInUseError(opts.port ?? 0) : err);
    });
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      const addr = server.address();
      resolve(typeof addr === "object" && addr ? addr.port : 0);
    });
  }).catch((err: unknown) => {
    stopControllers();
    throw err;
  });

  const url = `http://127.0.0.1:${port}`;
  const kubeconfigPath = path.join(dataDir, "kubeconfig");
  writeFileSync(kubeconfigPath, renderKubeconfig(url, token), { mode: 0o600 });
  log(`sim: ${restored ? "restored state from" : "new cluster in"} ${dataDir} (${store.count(ALL_TYPES[1]!)} nodes, time scale ${clock.scale})`);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      stopControllers();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      if (opts.persist !== false) await persistence.flush();
    })());

  return { url, port, kubeconfigPath, stop, internals: { store, kubelet, clock, metrics } };
}
