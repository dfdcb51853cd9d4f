"use client";

import { CheckCircle2, CircleDashed } from "lucide-react";
import { EvidenceTable } from "@/components/approvals/evidence-table";
import { VerdictBadge } from "@/components/approvals/verdict-badge";
import { TimeSeriesChart } from "@/components/charts";
import { CANARY_COLOR, STABLE_COLOR } from "@/components/charts/format";
import type { TCanaryEvidenceView } from "@/lib/services/rollouts/get-canary-evidence";
import type { TEvidenceLine } from "@/lib/services/rollouts/get-canary-evidence";


const lines = (series: TEvidenceLine[], labels: { canary: string; stable: string }) =>
  series.map((l) => ({ name: `${l.side} ${l.side === "canary" ? labels.canary : labels.stable}`, points: l.points, color: l.side === "canary" ? CANARY_COLOR : STABLE_COLOR, dashed: l.side === "canary" }));

/** Canary vs stable over the canary's lifetime: the verdict, the figures, charts and what promotion waits for. */
export function CanaryEvidencePanel({ data, isLoading, labels }: { data: TCanaryEvidenceView | undefined; isLoading: boolean; labels: { canary: string; stable: string } }) {
  if (!data) return <div role="status" aria-label="Loading the canary evidence" className="h-40 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />;
  const { evidence, requirements } = data;
  return (
    <div className="space-y-4" data-testid="canary-evidence">
      {requirements.length ? (
        <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label="What promotion waits for" data-testid="requirements">
          {requirements.map((r) => (
            <li key={r.label} className="flex items-center gap-1.5">
              {r.met ? <CheckCircle2 className="size-4 text-emerald-600" aria-hidden /> : <CircleDashed className="size-4 text-amber-600" aria-hidden />}
              <span>{r.label}</span>
              <span className="text-xs text-slate-500">({r.detail})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {!evidence ? null : !evidence.ok ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100">
          No comparison yet: {evidence.reason}. Rollback does not need metrics and works regardless.
        </p>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-3" data-testid="verdict">
            <VerdictBadge verdict={evidence.verdict.overall} />
            <p className="text-sm">{evidence.verdict.summary}</p>
            {isLoading ? <span className="text-xs text-slate-500">refreshing…</span> : null}
          </div>
          {evidence.verdict.overall === "worse" ? (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100">
              {labels.canary} is doing worse than {labels.stable} on its share of traffic. Roll back unless you know why; rollback needs no approval.
            </p>
          ) : null}
          <EvidenceTable metrics={evidence} canaryLabel={labels.canary} stableLabel={labels.stable} />
          <div className="grid gap-3 lg:grid-cols-3">
            <TimeSeriesChart title="Latency p95" unit="seconds" lines={lines(evidence.series.p95, labels)} startMs={evidence.fromMs} endMs={evidence.toMs} height={160} />
            <TimeSeriesChart title="Error rate" unit="ratio" lines={lines(evidence.series.errorRate, labels)} startMs={evidence.fromMs} endMs={evidence.toMs} height={160} />
            <TimeSeriesChart title="Requests/s" unit="reqps" lines={lines(evidence.series.requestRate, labels)} startMs={evidence.fromMs} endMs={evidence.toMs} height={160} />
          </div>
          <details className="text-sm">
            <summary className="cursor-pointer font-medium text-brand-700 dark:text-brand-100">How is this computed?</summary>
            <div className="mt-2 space-y-2 text-slate-600 dark:text-slate-400">
              <p>{evidence.verdict.errorRate.explanation}</p>
              <p>{evidence.verdict.latency.explanation}</p>
              {data.methodNotes.map((note) => (
                <p key={note}>{note}</p>
              ))}
            </div>
          </details>
        </>
      )}
    </div>
  );
}
