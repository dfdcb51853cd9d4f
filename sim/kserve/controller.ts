import type { Clock } from "../clock";
import type { EventRecorder } from "../events/recorder";
import type { FleetConfig } from "../fleet/fleet";
import type { Kubelet } from "../kubelet/kubelet";
import type { Store } from "../store/store";

export class KServeController {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly fleet: FleetConfig,
    private readonly kubelet: Kubelet,
    private readonly recorder: EventRecorder,
  ) {}
  start(): void {
    void this.store;
    void this.clock;
    void this.fleet;
    void this.kubelet;
    void this.recorder;
  }
  stop(): void {}
}
