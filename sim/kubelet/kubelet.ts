import type { LogSource } from "../api/server";
import type { Clock } from "../clock";
import type { EventRecorder } from "../events/recorder";
import type { FleetConfig } from "../fleet/fleet";
import type { Store } from "../store/store";

export class Kubelet {
  readonly logs: LogSource = { read: () => "", follow: (_n, _p, _c, _l, end) => { end(); return () => undefined; } };
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly fleet: FleetConfig,
    private readonly recorder: EventRecorder,
  ) {}
  start(): void {
    void this.store; void this.clock; void this.fleet; void this.recorder;
  }
  stop(): void {}
}
