// The rollout timeline of a deployment, from its audit events: who did what and when, and the
// canary share after each step (for the traffic-over-time chart). Pure: events in, entries out.

export type TRolloutAuditEvent = { id: string; at: Date; actorEmail: string; action: string; before: unknown; after: unknown };

export type TTimelineEntry = { id: string; at: string; actor: string; action: string; title: string; detail: string | null; tone: "info" | "good" | "bad" | "warn" };

export type TTrafficStep = { at: string; canaryPercent: number; label: string };

export const ROLLOUT_ACTIONS = [
  "deployment.launched",
  "rollout.canary_started",
  "rollout.traffic_set",
  "promotion.requested",
  "promotion.approved",
  "promotion.rejected",
  "promotion.cancelled",
  "rollout.promoted",
  "rollout.promote_failed",
  "rollout.rolled_back",
] as const;

const rec = (value: unknown): Record<string, unknown> => (value && typeof value === "object" ? (value as Record<string, unknown>) : {});
const num = (value: unknown): number | null => (typeof value === "number" ? value : null);
const text = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

function describe(e: TRolloutAuditEvent): Omit<TTimelineEntry, "id" | "at" | "actor" | "action"> {
  const before = rec(e.before);
  const after = rec(e.after);
  switch (e.action) {
    case "deployment.launched":
      return { title: "Launched", detail: null, tone: "info" };
    case "rollout.canary_started":
      return { title: `Canary v${num(after.version) ?? "?"} started at ${num(after.canaryPercent) ?? "?"} % (stable v${num(before.version) ?? "?"})`, detail: null, tone: "info" };
    case "rollout.traffic_set":
      return { title: `Canary share ${num(before.canaryPercent) ?? 0} % → ${num(after.canaryPercent) ?? 0} %`, detail: null, tone: "info" };
    case "promotion.requested":
      return { title: "Promotion requested", detail: text(after.note), tone: "info" };
    case "promotion.approved":
      return { title: after.status === "approved" ? "Approved (final approval)" : "Approved", detail: text(after.comment), tone: "good" };
    case "promotion.rejected":
      return { title: "Rejected", detail: text(after.comment), tone: "bad" };
    case "promotion.cancelled":
      return { title: "Request withdrawn", detail: null, tone: "warn" };
    case "rollout.promoted":
      return { title: `Promoted v${num(after.version) ?? "?"} to 100 %`, detail: null, tone: "good" };
    case "rollout.promote_failed":
      return { title: "Promotion failed", detail: text(after.error), tone: "bad" };
    case "rollout.rolled_back":
      return { title: `Rolled back to v${num(after.version) ?? "?"}`, detail: text(after.reason), tone: "bad" };
    default:
      return { title: e.action, detail: null, tone: "info" };
  }
}

/** Newest first, as the page lists them. */
export function buildTimeline(events: TRolloutAuditEvent[]): TTimelineEntry[] {
  return [...events].sort((a, b) => b.at.getTime() - a.at.getTime()).map((e) => ({ id: e.id, at: e.at.toISOString(), actor: e.actorEmail, action: e.action, ...describe(e) }));
}

/** The canary share over time, oldest first: each step the share it set (promotion = 100, rollback = 0). */
export function buildTrafficSteps(events: TRolloutAuditEvent[]): TTrafficStep[] {
  const steps: TTrafficStep[] = [];
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const after = rec(e.after);
    const percent = e.action === "rollout.promoted" ? 100 : e.action === "rollout.rolled_back" ? 0 : e.action === "rollout.canary_started" || e.action === "rollout.traffic_set" ? num(after.canaryPercent) : null;
    if (percent === null) continue;
    steps.push({ at: e.at.toISOString(), canaryPercent: percent, label: describe(e).title });
  }
  return steps;
}
