import { CircleCheck, CircleHelp, CircleMinus, CircleX, type LucideIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { TVerdict } from "@/lib/domain/rollouts/canary-verdict";

// The canary verdict in one word and one colour: better is green, worse red, no significant
// difference grey, not enough data amber. The icon repeats the meaning for colour-blind eyes.

const VERDICTS: Record<TVerdict, { label: string; tone: "success" | "danger" | "neutral" | "warning"; icon: LucideIcon }> = {
  better: { label: "Canary better", tone: "success", icon: CircleCheck },
  worse: { label: "Canary worse", tone: "danger", icon: CircleX },
  no_difference: { label: "No significant difference", tone: "neutral", icon: CircleMinus },
  not_enough_data: { label: "Not enough data", tone: "warning", icon: CircleHelp },
};

export const VERDICT_LABELS: Record<TVerdict, string> = {
  better: VERDICTS.better.label,
  worse: VERDICTS.worse.label,
  no_difference: VERDICTS.no_difference.label,
  not_enough_data: VERDICTS.not_enough_data.label,
};

export function VerdictBadge({ verdict }: { verdict: TVerdict }) {
  const { label, tone, icon: Icon } = VERDICTS[verdict];
  return (
    <Badge tone={tone} className="gap-1 whitespace-nowrap">
      <Icon aria-hidden className="size-3.5" />
      <span data-testid="verdict" data-verdict={verdict}>
        {label}
      </span>
    </Badge>
  );
}
