import { CheckCircle2, Circle, Loader2, XCircle } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { TLaunchProgress } from "@/lib/domain/deployments/progress";
import { formatDuration } from "./phase-badge";

const ICONS = { done: CheckCircle2, active: Loader2, failed: XCircle, waiting: Circle } as const;
const COLORS = { done: "text-emerald-600", active: "text-brand-600 animate-spin", failed: "text-red-600", waiting: "text-slate-400" } as const;

export function ProgressSteps({ progress }: { progress: TLaunchProgress }) {
  const failed = progress.steps.some((s) => s.state === "failed");
  return (
    <div data-testid="progress">
      <div className="mb-4 flex items-center gap-3">
        <div
          className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
          role="progressbar"
          aria-valuenow={progress.percent}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label="Launch progress"
        >
          <div className={cn("h-full rounded-full transition-all", failed ? "bg-red-500" : progress.percent === 100 ? "bg-emerald-500" : "bg-brand-500")} style={{ width: `${progress.percent}%` }} />
        </div>
        <span className="w-12 text-right text-sm tabular-nums text-slate-600 dark:text-slate-400">{progress.percent} %</span>
      </div>
      <ol className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {progress.steps.map((step) => {
          const Icon = ICONS[step.state];
          return (
            <li key={step.key} data-testid={`step-${step.key}`} data-state={step.state} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
              <div className="flex items-start gap-2">
                <Icon aria-hidden className={cn("mt-0.5 size-4 shrink-0", COLORS[step.state])} />
                <div className="min-w-0">
                  <p className="text-sm font-medium">{step.label}</p>
                  <p className="text-xs text-slate-500">
                    {step.state === "waiting" ? "Not started" : step.state === "done" ? `Took ${formatDuration(step.durationMs)}` : step.state === "failed" ? "Stuck" : `Running for ${formatDuration(step.durationMs)}`}
                  </p>
                  {step.detail ? <p className="mt-1 break-words text-xs text-slate-600 dark:text-slate-400">{step.detail}</p> : null}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
