import { Badge } from "@/components/ui/badge";
import type { TPhaseView } from "@/lib/domain/deployments/status";

const TONE = { good: "success", busy: "info", warn: "warning", bad: "danger", idle: "neutral" } as const;

export function PhaseBadge({ phase }: { phase: TPhaseView }) {
  return (
    <Badge tone={TONE[phase.tone]} className="whitespace-nowrap">
      <span data-testid="phase">{phase.label}</span>
    </Badge>
  );
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "";
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 100) / 10;
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
