import { nowTimestamp } from "../store/store";

// Knative-style condition sets as KServe writes them (see reference/kserve/STATUS.md §3).

export type Status = "True" | "False" | "Unknown";

export interface Condition {
  type: string;
  status: Status;
  severity?: "Info";
  reason?: string;
  message?: string;
  lastTransitionTime: string;
}

export interface ConditionInput {
  status: Status;
  reason?: string | undefined;
  message?: string | undefined;
}

/** Conditions that decide Ready; every other one is informational. */
const TERMINAL = new Set(["Ready", "PredictorReady", "IngressReady"]);

export class ConditionSet {
  private readonly out = new Map<string, Condition>();

  constructor(private readonly previous: Condition[] = []) {}

  set(type: string, input: ConditionInput): this {
    const prev = this.previous.find((c) => c.type === type);
    const same = prev && prev.status === input.status && (prev.reason ?? "") === (input.reason ?? "") && (prev.message ?? "") === (input.message ?? "");
    this.out.set(type, {
      type,
      status: input.status,
      ...(TERMINAL.has(type) ? {} : { severity: "Info" as const }),
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.message ? { message: input.message } : {}),
      lastTransitionTime: same && prev ? prev.lastTransitionTime : nowTimestamp(),
    });
    return this;
  }

  get(type: string): Condition | undefined {
    return this.out.get(type);
  }

  /** Ready from PredictorReady and IngressReady (knative.dev/pkg living condition set). */
  deriveReady(): this {
    const deps = ["PredictorReady", "IngressReady"].map((t) => this.out.get(t)).filter((c): c is Condition => !!c);
    const unhappy = deps.find((c) => c.status === "False") ?? deps.find((c) => c.status === "Unknown");
    if (!unhappy) return this.set("Ready", { status: "True" });
    return this.set("Ready", { status: unhappy.status, reason: unhappy.reason, message: unhappy.message });
  }

  /** Sorted by type, as KServe keeps them. */
  list(): Condition[] {
    return [...this.out.values()].sort((a, b) => a.type.localeCompare(b.type));
  }
}

/** True if all True; Unknown if any Unknown; else False (RoutesReady / LatestDeploymentReady). */
export function aggregate(of: Condition | undefined, name: string): ConditionInput {
  if (!of || of.status === "Unknown") return { status: "Unknown", reason: `${name} not ready` };
  if (of.status === "True") return { status: "True" };
  return { status: "False", reason: `${name} not ready` };
}
