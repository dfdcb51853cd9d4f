import { createHash } from "node:crypto";
import { nodes, pods } from "../api/resources";
import type { Clock } from "../clock";
import type { EventRecorder } from "../events/recorder";
import { type FleetConfig, type GpuDevice, gpuDevices } from "../fleet/fleet";
import { upsertCondition } from "../scheduler/scheduler";
import { ApiError } from "../store/errors";
import { nowTimestamp, type Store } from "../store/store";
import type { KubeObject } from "../store/types";
import { LogStore } from "./logs";
import { type Workload, workloadFor } from "./workload";

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

type Stage = "creating" | "initializing" | "init-backoff" | "loading" | "crash-backoff" | "ready" | "terminating";

interface PodRun {
  namespace: string;
  name: string;
  node: string;
  devices: GpuDevice[];
  workload: Workload;
  stage: Stage;
  cancel: (() => void) | undefined;
}

/** A running pod as a metrics module sees it: where it runs and which GPUs it holds. */
export interface RunningPod {
  namespace: string;
  name: string;
  node: string;
  labels: Record<string, string>;
  ready: boolean;
  gpus: GpuDevice[];
}

const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
const TERMINATION_MS = 1000;

const podKey = (ns: string | undefined, name: string | undefined) => `${ns}/${name}`;

/**
 * The simulated kubelets of every node: takes bound pods through image pull, the
 * storage-initializer, model loading and readiness (or crash loops), writes their status,
 * events and logs, hands out GPU devices, and finishes graceful deletions.
 */
export class Kubelet {
  readonly logs = new LogStore();
  private readonly runs = new Map<string, PodRun>();
  private readonly devicesByNode = new Map<string, GpuDevice[]>();
  /** Pods tracked per node, so device allocation does not scan every pod in the cluster. */
  private readonly podsByNode = new Map<string, Set<string>>();
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly fleet: FleetConfig,
    private readonly recorder: EventRecorder,
  ) {}

  start(): void {
    this.store.onChange((ev) => {
      if (ev.rt !== pods) return;
      if (ev.type === "DELETED") return this.forget(ev.obj);
      setImmediate(() => this.sync(ev.obj.metadata.namespace, ev.obj.metadata.name));
    });
    for (const pod of this.store.list(pods)) this.sync(pod.metadata.namespace, pod.metadata.name);
  }

  stop(): void {
    this.stopped = true;
    for (const run of this.runs.values()) run.cancel?.();
  }

  /** Pods that hold a node, with their GPU devices (for metrics and dashboards). */
  runningPods(): RunningPod[] {
    return [...this.runs.values()].map((r) => {
      const pod = this.store.get(pods, r.namespace, r.name);
      return { namespace: r.namespace, name: r.name, node: r.node, labels: pod?.metadata.labels ?? {}, ready: r.stage === "ready", gpus: r.devices };
    });
  }

  podGpus(namespace: string, name: string): GpuDevice[] {
    return this.runs.get(podKey(namespace, name))?.devices ?? [];
  }

  private forget(pod: KubeObject): void {
    const key = podKey(pod.metadata.namespace, pod.metadata.name);
    const run = this.runs.get(key);
    run?.cancel?.();
    if (run) this.podsByNode.get(run.node)?.delete(key);
    this.runs.delete(key);
    this.logs.forget(pod.metadata.namespace ?? "", pod.metadata.name ?? "");
  }

  private sync(namespace: string | undefined, name: string | undefined): void {
    if (this.stopped) return;
    const pod = this.store.get(pods, namespace, name ?? "");
    if (!pod) return;
    const node = String(rec(pod.spec).nodeName ?? "");
    if (!node) return;
    const key = podKey(namespace, name);
    let run = this.runs.get(key);
    if (pod.metadata.deletionTimestamp) {
      if (run?.stage === "terminating") return;
      if (!run) run = this.track(pod, node);
      run.cancel?.();
      run.stage = "terminating";
      this.recorder.record(pod, "Normal", "Killing", `Stopping container ${String(arr(rec(pod.spec).containers)[0]?.name ?? "")}`, { component: "kubelet", host: node });
      this.logs.endFollowers(run.namespace, run.name);
      const r = run;
      run.cancel = this.clock.after(TERMINATION_MS, () => {
        try {
          this.store.delete(pods, r.namespace, r.name, { gracePeriodSeconds: 0 });
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
        }
      });
      return;
    }
    if (run) return;
    const phase = rec(pod.status).phase;
    if (phase === "Succeeded" || phase === "Failed") return;
    run = this.track(pod, node);
    this.resume(run, pod);
  }

  private track(pod: KubeObject, node: string): PodRun {
    const devices = this.allocateDevices(pod, node);
    const run: PodRun = {
      namespace: pod.metadata.namespace ?? "",
      name: pod.metadata.name ?? "",
      node,
      devices,
      workload: workloadFor(pod, devices, this.fleet.storage.known),
      stage: "creating",
      cancel: undefined,
    };
    const key = podKey(run.namespace, run.name);
    this.runs.set(key, run);
    let onNode = this.podsByNode.get(node);
    if (!onNode) this.podsByNode.set(node, (onNode = new Set()));
    onNode.add(key);
    return run;
  }

  /** Picks free device-plugin devices on the node for each extended resource requested. */
  private allocateDevices(pod: KubeObject, node: string): GpuDevice[] {
    const all = this.nodeDevices(node);
    if (!all.length) return [];
    const used = new Set<string>();
    for (const key of this.podsByNode.get(node) ?? []) for (const d of this.runs.get(key)?.devices ?? []) used.add(d.id);
    const wanted = new Map<string, number>();
    for (const c of arr(rec(pod.spec).containers)) {
      for (const [res, q] of Object.entries(rec(rec(c.resources).limits))) {
        if (res.startsWith("nvidia.com/")) wanted.set(res, (wanted.get(res) ?? 0) + Number(q));
      }
    }
    const picked: GpuDevice[] = [];
    for (const [res, n] of wanted) {
      picked.push(...all.filter((d) => d.resource === res && !used.has(d.id)).slice(0, n));
    }
    return picked;
  }

  private nodeDevices(node: string): GpuDevice[] {
    let devices = this.devicesByNode.get(node);
    if (!devices) {
      const obj = this.store.get(nodes, undefined, node);
      const poolName = obj?.metadata.labels?.["gantry.dev/pool"];
      const pool = this.fleet.pools.find((p) => p.name === poolName);
      devices = pool ? gpuDevices(pool, node) : [];
      this.devicesByNode.set(node, devices);
    }
    return devices;
  }

  /** Picks up where the pod's status says it is (a restarted sim resumes its pods). */
  private resume(run: PodRun, pod: KubeObject): void {
    const status = rec(pod.status);
    const main = arr(status.containerStatuses)[0];
    if (main?.ready) {
      run.stage = "ready";
      return;
    }
    if (main && rec(main.state).running) return this.startMain(run, false);
    if (main && rec(rec(main.state).waiting).reason === "CrashLoopBackOff") return this.crashBackoff(run, Number(main.restartCount ?? 1));
    this.create(run);
  }

  private create(run: PodRun): void {
    run.stage = "creating";
    const image = String(arr(rec(this.podOf(run)?.spec).containers)[0]?.image ?? "");
    this.writeStatus(run, (pod, status) => {
      const spec = rec(pod.spec);
      status.phase = "Pending";
      status.hostIP = this.nodeIp(run.node);
      status.hostIPs = [{ ip: status.hostIP }];
      status.startTime ??= nowTimestamp();
      status.conditions = this.conditions(status.conditions, { initialized: !arr(spec.initContainers).length, ready: false });
      status.initContainerStatuses = arr(spec.initContainers).map((c) => containerStatus(c, { waiting: { reason: "PodInitializing" } }, false, 0));
      status.containerStatuses = arr(spec.containers).map((c) => containerStatus(c, { waiting: { reason: arr(spec.initContainers).length ? "PodInitializing" : "ContainerCreating" } }, false, 0));
      if (!status.initContainerStatuses.length) delete status.initContainerStatuses;
    });
    this.event(run, "Normal", "Pulling", `Pulling image "${image}"`);
    run.cancel = this.clock.after(run.workload.pullMs, () => {
      this.event(run, "Normal", "Pulled", `Successfully pulled image "${image}" in ${(run.workload.pullMs / 1000).toFixed(3)}s (${(run.workload.pullMs / 1000).toFixed(3)}s including waiting). Image size: 2147483648 bytes.`);
      if (run.workload.download) this.initialize(run, 0);
      else this.startMain(run, true);
    });
  }

  private initialize(run: PodRun, restarts: number): void {
    const dl = run.workload.download;
    if (!dl) return this.startMain(run, true);
    run.stage = "initializing";
    this.event(run, "Normal", "Created", `Created container: ${dl.container}`);
    this.event(run, "Normal", "Started", `Started container ${dl.container}`);
    this.writeStatus(run, (_pod, status) => {
      status.initContainerStatuses = arr(status.initContainerStatuses).map((c) => (c.name === dl.container ? { ...c, state: { running: { startedAt: nowTimestamp() } }, started: true, restartCount: restarts } : c));
    });
    this.logs.append(run.namespace, run.name, dl.container, [`${new Date().toISOString()} kserve.storage INFO Copying contents of ${dl.uri} to local`]);
    run.cancel = this.clock.after(dl.ms, () => {
      if (dl.ok) {
        this.logs.append(run.namespace, run.name, dl.container, [`${new Date().toISOString()} kserve.storage INFO Successfully copied ${dl.uri} to /mnt/models`]);
        this.writeStatus(run, (_pod, status) => {
          status.initContainerStatuses = arr(status.initContainerStatuses).map((c) => (c.name === dl.container ? { ...c, ready: true, started: false, state: { terminated: { exitCode: 0, reason: "Completed", startedAt: nowTimestamp(), finishedAt: nowTimestamp() } } } : c));
        });
        return this.startMain(run, true);
      }
      const message = `RuntimeError: Failed to fetch model. No model found in ${dl.uri}.`;
      this.logs.append(run.namespace, run.name, dl.container, ["Traceback (most recent call last):", '  File "/storage-initializer/scripts/initializer-entrypoint", line 23, in <module>', message]);
      const terminated = { exitCode: 1, reason: "Error", message, startedAt: nowTimestamp(), finishedAt: nowTimestamp() };
      this.writeStatus(run, (_pod, status) => {
        status.initContainerStatuses = arr(status.initContainerStatuses).map((c) =>
          c.name === dl.container ? { ...c, started: false, restartCount: restarts + 1, lastState: { terminated }, state: { waiting: { reason: "CrashLoopBackOff", message: `back-off ${backoff(restarts + 1) / 1000}s restarting failed container=${dl.container} pod=${run.name}` } } } : c,
        );
      });
      this.event(run, "Warning", "BackOff", `Back-off restarting failed container ${dl.container} in pod ${run.name}_${run.namespace}(${this.podOf(run)?.metadata.uid ?? ""})`);
      run.stage = "init-backoff";
      run.cancel = this.clock.after(backoff(restarts + 1), () => {
        this.logs.restart(run.namespace, run.name, dl.container);
        this.initialize(run, restarts + 1);
      });
    });
  }

  private startMain(run: PodRun, fresh: boolean): void {
    run.stage = "loading";
    const pod = this.podOf(run);
    if (!pod) return;
    const main = arr(rec(pod.spec).containers)[0];
    const restarts = Number(arr(rec(pod.status).containerStatuses)[0]?.restartCount ?? 0);
    if (fresh) {
      for (const c of arr(rec(pod.spec).containers)) {
        this.event(run, "Normal", "Created", `Created container: ${String(c.name)}`);
        this.event(run, "Normal", "Started", `Started container ${String(c.name)}`);
      }
      this.logs.append(run.namespace, run.name, String(main?.name ?? ""), run.workload.startLogs);
    }
    this.writeStatus(run, (p, status) => {
      status.phase = "Running";
      status.podIP = this.podIp(run);
      status.podIPs = [{ ip: status.podIP }];
      status.conditions = this.conditions(status.conditions, { initialized: true, ready: false });
      status.containerStatuses = arr(rec(p.spec).containers).map((c, i) => {
        const prev = arr(status.containerStatuses)[i] ?? {};
        return { ...containerStatus(c, { running: { startedAt: nowTimestamp() } }, false, Number(prev.restartCount ?? 0)), started: true, ...(prev.lastState && Object.keys(rec(prev.lastState)).length ? { lastState: prev.lastState } : {}) };
      });
    });
    const crash = run.workload.crash;
    const loadMs = crash ? run.workload.loadMs * 0.7 : run.workload.loadMs;
    run.cancel = this.clock.after(loadMs, () => {
      if (crash) return this.crashMain(run, restarts + 1);
      run.stage = "ready";
      this.logs.append(run.namespace, run.name, String(main?.name ?? ""), run.workload.readyLogs);
      this.writeStatus(run, (p, status) => {
        const nodeReady = this.nodeReady(run.node);
        status.conditions = this.conditions(status.conditions, { initialized: true, ready: nodeReady });
        status.containerStatuses = arr(status.containerStatuses).map((c) => ({ ...c, ready: true }));
        void p;
      });
    });
  }

  private crashMain(run: PodRun, restartCount: number): void {
    const crash = run.workload.crash;
    if (!crash) return;
    const pod = this.podOf(run);
    const mainName = String(arr(rec(pod?.spec).containers)[0]?.name ?? "");
    this.logs.append(run.namespace, run.name, mainName, crash.logs);
    const terminated = { exitCode: crash.exitCode, reason: crash.reason, ...(crash.message ? { message: crash.message } : {}), startedAt: nowTimestamp(), finishedAt: nowTimestamp() };
    this.writeStatus(run, (_p, status) => {
      status.containerStatuses = arr(status.containerStatuses).map((c) =>
        c.name === mainName ? { ...c, ready: false, started: false, restartCount, lastState: { terminated }, state: { terminated } } : c,
      );
    });
    run.stage = "crash-backoff";
    run.cancel = this.clock.after(500, () => this.crashBackoff(run, restartCount));
  }

  private crashBackoff(run: PodRun, restartCount: number): void {
    run.stage = "crash-backoff";
    const pod = this.podOf(run);
    const mainName = String(arr(rec(pod?.spec).containers)[0]?.name ?? "");
    this.writeStatus(run, (_p, status) => {
      status.containerStatuses = arr(status.containerStatuses).map((c) =>
        c.name === mainName ? { ...c, ready: false, started: false, state: { waiting: { reason: "CrashLoopBackOff", message: `back-off ${backoff(restartCount) / 1000}s restarting failed container=${mainName} pod=${run.name}_${run.namespace}(${pod?.metadata.uid ?? ""})` } } } : c,
      );
    });
    this.event(run, "Warning", "BackOff", `Back-off restarting failed container ${mainName} in pod ${run.name}_${run.namespace}(${pod?.metadata.uid ?? ""})`);
    run.cancel = this.clock.after(backoff(restartCount), () => {
      this.logs.restart(run.namespace, run.name, mainName);
      this.logs.append(run.namespace, run.name, mainName, run.workload.startLogs);
      this.startMain(run, false);
    });
  }

  // ---- helpers -----------------------------------------------------------------------

  private podOf(run: PodRun): KubeObject | undefined {
    return this.store.get(pods, run.namespace, run.name);
  }

  private nodeReady(node: string): boolean {
    const obj = this.store.get(nodes, undefined, node);
    return arr(rec(obj?.status).conditions).find((c) => c.type === "Ready")?.status === "True";
  }

  private conditions(current: unknown, s: { initialized: boolean; ready: boolean }): Rec[] {
    const now = nowTimestamp();
    let list = upsertCondition(current, { type: "PodReadyToStartContainers", status: "True", lastProbeTime: null, lastTransitionTime: now });
    list = upsertCondition(list, { type: "Initialized", status: s.initialized ? "True" : "False", lastProbeTime: null, lastTransitionTime: now, ...(s.initialized ? {} : { reason: "ContainersNotInitialized", message: "containers with incomplete status: [storage-initializer]" }) });
    const notReady = { reason: "ContainersNotReady", message: "containers with unready status: [kserve-container]" };
    list = upsertCondition(list, { type: "Ready", status: s.ready ? "True" : "False", lastProbeTime: null, lastTransitionTime: now, ...(s.ready ? {} : notReady) });
    list = upsertCondition(list, { type: "ContainersReady", status: s.ready ? "True" : "False", lastProbeTime: null, lastTransitionTime: now, ...(s.ready ? {} : notReady) });
    const order = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];
    return list.sort((a, b) => order.indexOf(String(a.type)) - order.indexOf(String(b.type)));
  }

  private writeStatus(run: PodRun, mutate: (pod: KubeObject, status: Rec & { conditions?: unknown; initContainerStatuses?: Rec[]; containerStatuses?: Rec[] }) => void): void {
    const pod = this.store.getCopy(pods, run.namespace, run.name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const status = rec(pod.status);
    mutate(pod, status);
    pod.status = status;
    try {
      this.store.update(pods, pod, { subresource: "status" });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
    }
  }

  private event(run: PodRun, type: "Normal" | "Warning", reason: string, message: string): void {
    const pod = this.podOf(run);
    if (pod) this.recorder.record(pod, type, reason, message, { component: "kubelet", host: run.node });
  }

  private nodeIp(node: string): string {
    const obj = this.store.get(nodes, undefined, node);
    return String(arr(rec(obj?.status).addresses).find((a) => a.type === "InternalIP")?.address ?? "10.128.0.2");
  }

  private podIp(run: PodRun): string {
    const obj = this.store.get(nodes, undefined, run.node);
    const cidr = String(rec(obj?.spec).podCIDR ?? "10.4.0.0/24");
    const h = createHash("sha1").update(run.name).digest();
    return cidr.replace(/\.0\/24$/, `.${((h[0] ?? 0) % 250) + 2}`);
  }
}

function containerStatus(c: Rec, state: Rec, ready: boolean, restartCount: number): Rec {
  const image = String(c.image ?? "");
  return {
    name: c.name,
    image: image.includes(":") || image.includes("@") ? image : `${image}:latest`,
    imageID: state.running || state.terminated ? `${image.split(":")[0]}@sha256:${createHash("sha256").update(image).digest("hex")}` : "",
    ...(state.running ? { containerID: `containerd://${createHash("sha256").update(`${image}${Date.now()}`).digest("hex")}` } : {}),
    ready,
    started: Boolean(state.running),
    restartCount,
    state,
  };
}

function backoff(restarts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, restarts - 1), BACKOFF_MAX_MS);
}
