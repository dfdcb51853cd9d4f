import { MetricDelta } from "@/components/models/metric-delta";
import { formatCount, VERDICT_METHOD_NOTES } from "@/lib/domain/rollouts/canary-verdict";
import type { TEvidenceSnapshot } from "@/lib/services/rollouts/request-promotion";
import { EvidenceTable } from "./evidence-table";
import { formatAgo, formatMinutes, formatTimestamp } from "./format";
import { VerdictBadge } from "./verdict-badge";

// The evidence a promotion request was made with, as an approver needs it: the verdict and why,
// canary next to stable, how much data there was against how much the tests need, and what the
// registry says changed between the two versions. A snapshot: it does not move after the request.

export function EvidenceSummary({ evidence, now }: { evidence: TEvidenceSnapshot; now: number }) {
  const { metrics, versions } = evidence;
  const canaryLabel = `Canary v${versions.canary.version}`;
  const stableLabel = `Stable v${versions.stable.version}`;
  return (
    <section aria-label="Evidence" className="space-y-4" data-testid="evidence">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Taken{" "}
        <time dateTime={evidence.takenAt} title={formatTimestamp(evidence.takenAt)}>
          {formatAgo(evidence.takenAt, now)}
        </time>
        , when the canary had run for <strong className="font-medium text-slate-900 dark:text-slate-100">{formatMinutes(evidence.durationMinutes)}</strong>
        {evidence.canaryRequests !== null ? (
          <>
            {" "}
            and served <strong className="font-medium text-slate-900 dark:text-slate-100">{formatCount(evidence.canaryRequests)} requests</strong>
          </>
        ) : null}
        {evidence.canaryPercent !== null ? ` at ${evidence.canaryPercent} % of traffic` : null}.
      </p>

      {metrics.ok ? (
        <div className="flex flex-wrap items-start gap-2">
          <VerdictBadge verdict={metrics.verdict.overall} />
          <p className="min-w-0 flex-1 basis-72 text-sm font-medium" data-testid="verdict-summary">
            {metrics.verdict.summary}
          </p>
        </div>
      ) : null}

      <div className="grid items-start gap-4 lg:grid-cols-[auto_minmax(0,1fr)]">
        <EvidenceTable metrics={metrics} canaryLabel={canaryLabel} stableLabel={stableLabel} />
        {metrics.ok ? (
          <dl className="space-y-3 text-sm">
            <Explanation term="Error rate" verdict={metrics.verdict.errorRate.verdict}>
              {metrics.verdict.errorRate.explanation}
            </Explanation>
            <Explanation term="Latency (p95)" verdict={metrics.verdict.latency.verdict}>
              {metrics.verdict.latency.explanation}
            </Explanation>
            <div>
              <dt className="font-medium">Sample size</dt>
              <dd className="mt-0.5 text-slate-600 dark:text-slate-400" data-testid="sample-size">
                {formatCount(metrics.verdict.errorRate.canary.requests)} canary and {formatCount(metrics.verdict.errorRate.stable.requests)} stable requests; the error-rate test needs at least{" "}
                {formatCount(metrics.verdict.errorRate.minimumRequestsPerArm)} per revision. {formatCount(metrics.verdict.latency.windows)} matched latency windows; at least{" "}
                {formatCount(metrics.verdict.latency.minimumWindows)} needed.
              </dd>
            </div>
          </dl>
        ) : null}
      </div>

      <MetricDiff evidence={evidence} />

      <details className="group rounded-md border border-slate-200 text-sm dark:border-slate-800">
        <summary className="cursor-pointer px-3 py-2 font-medium text-brand-700 select-none hover:underline dark:text-brand-100">How is this computed?</summary>
        <div className="space-y-2 border-t border-slate-200 px-3 py-3 text-slate-700 dark:border-slate-800 dark:text-slate-300">
          {VERDICT_METHOD_NOTES.map((note) => (
            <p key={note}>{note}</p>
          ))}
          {metrics.ok ? (
            <ul className="list-disc space-y-1 pl-5 text-xs text-slate-500">
              <li>Error rate: {metrics.verdict.errorRate.method}.</li>
              <li>Latency: {metrics.verdict.latency.method}.</li>
            </ul>
          ) : null}
        </div>
      </details>
    </section>
  );
}

function Explanation({ term, verdict, children }: { term: string; verdict: Parameters<typeof VerdictBadge>[0]["verdict"]; children: string }) {
  return (
    <div>
      <dt className="flex flex-wrap items-center gap-2 font-medium">
        {term} <VerdictBadge verdict={verdict} />
      </dt>
      <dd className="mt-0.5 text-slate-600 dark:text-slate-400">{children}</dd>
    </div>
  );
}

/** The registry metrics of both versions, the canary's with its change from stable. */
function MetricDiff({ evidence }: { evidence: TEvidenceSnapshot }) {
  const { stable, canary, metricDiff } = evidence.versions;
  return (
    <div className="text-sm">
      <h4 className="font-medium">
        Registry metrics, v{stable.version} → v{canary.version}
      </h4>
      {metricDiff.length === 0 ? (
        <p className="mt-1 text-slate-500">The canary version has no metrics in the registry.</p>
      ) : (
        <div className="mt-1 overflow-x-auto">
          <table className="text-left tabular-nums" data-testid="metric-diff">
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-6 font-medium">
                  Metric
                </th>
                <th scope="col" className="py-1 pr-6 text-right font-medium">
                  v{stable.version}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  v{canary.version}
                </th>
              </tr>
            </thead>
            <tbody>
              {metricDiff.map((delta) => (
                <tr key={delta.name}>
                  <th scope="row" className="py-0.5 pr-6 font-mono text-xs font-normal">
                    {delta.name}
                  </th>
                  <td className="py-0.5 pr-6 text-right font-mono">{delta.previous === null ? <span className="text-slate-400">—</span> : formatRegistryValue(delta.previous)}</td>
                  <td className="py-0.5 text-right">
                    <MetricDelta delta={delta} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** As MetricDelta shows the canary's value, so the two columns line up. */
function formatRegistryValue(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(4)).toString();
}
