import { formatMetric } from "@/components/charts/format";
import { cn } from "@/components/ui/cn";
import { formatCount, formatPercent } from "@/lib/domain/rollouts/canary-verdict";
import type { TCanaryEvidence, TRevisionStats } from "@/lib/services/rollouts/get-canary-evidence";

// Canary next to stable over the same time range, one row per figure, the canary column
// highlighted. Works in server and client components (no hooks). When Prometheus could not be
// asked, it says so instead of showing empty cells.

type TRow = { label: string; hint?: string; value: (stats: TRevisionStats) => string | null };

const ROWS: TRow[] = [
  { label: "Requests", value: (s) => (s.requests === null ? null : formatCount(s.requests)) },
  { label: "Error rate", value: (s) => (s.errorRate === null ? null : `${formatPercent(s.errorRate)}${s.errors !== null ? ` (${formatCount(s.errors)})` : ""}`), hint: "failed requests, with their count" },
  { label: "Latency p50", value: (s) => seconds(s.p50Seconds) },
  { label: "Latency p95", value: (s) => seconds(s.p95Seconds) },
  { label: "Latency p99", value: (s) => seconds(s.p99Seconds) },
  { label: "Requests/s", value: (s) => (s.requestsPerSecond === null ? null : formatMetric("reqps", s.requestsPerSecond)) },
  { label: "GPU utilization", value: (s) => (s.gpuUtilPercent === null ? null : formatMetric("percent", s.gpuUtilPercent)) },
];

function seconds(value: number | null): string | null {
  return value === null ? null : formatMetric("seconds", value, true);
}

export function EvidenceTable({ metrics, canaryLabel, stableLabel }: { metrics: TCanaryEvidence; canaryLabel: string; stableLabel: string }) {
  if (!metrics.ok) {
    return (
      <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200" data-testid="evidence-unavailable">
        Metrics unavailable: {metrics.reason}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm tabular-nums" data-testid="evidence-table">
        <caption className="sr-only">
          {canaryLabel} compared with {stableLabel} over the same time range
        </caption>
        <thead className="border-b border-slate-200 text-xs text-slate-500 dark:border-slate-800">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">
              <span className="sr-only">Metric</span>
            </th>
            <th scope="col" className="bg-brand-50 px-3 py-1.5 text-right font-semibold text-brand-700 dark:bg-brand-700/20 dark:text-brand-100">
              {canaryLabel}
            </th>
            <th scope="col" className="px-3 py-1.5 text-right font-medium">
              {stableLabel}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {ROWS.map((row) => (
            <tr key={row.label}>
              <th scope="row" className="px-3 py-1.5 font-normal whitespace-nowrap text-slate-600 dark:text-slate-400" title={row.hint}>
                {row.label}
              </th>
              <Cell value={row.value(metrics.canary)} isCanary />
              <Cell value={row.value(metrics.stable)} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ value, isCanary = false }: { value: string | null; isCanary?: boolean }) {
  return (
    <td className={cn("px-3 py-1.5 text-right whitespace-nowrap", isCanary && "bg-brand-50/60 font-medium dark:bg-brand-700/10")}>
      {value ?? (
        <span className="text-slate-400" title="No data from Prometheus">
          —<span className="sr-only">no data</span>
        </span>
      )}
    </td>
  );
}
