import { AlertTriangle, Flame, Gauge, Snowflake } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/session";
import type { TDeploymentSignals } from "@/lib/domain/metrics/alerts";
import { getFleetOverview } from "@/lib/services/overview/get-fleet-overview";

export const metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

const ms = (s: number | null) => (s === null ? "–" : s < 1 ? `${Math.round(s * 1000)} ms` : `${s.toFixed(2)} s`);
const pct = (r: number | null) => (r === null ? "–" : `${(r * 100).toFixed(2)} %`);
const href = (d: { namespace: string; name: string }) => `/deployments/${encodeURIComponent(d.namespace)}/${encodeURIComponent(d.name)}`;

function Panel({ title, count, children, testId }: { title: string; count?: number; children: ReactNode; testId?: string }) {
  return (
    <Card className="p-4" data-testid={testId}>
      <h2 className="mb-3 flex items-center gap-2 text-sm font-semibold">
        {title}
        {count !== undefined ? <Badge tone={count ? "warning" : "success"}>{count}</Badge> : null}
      </h2>
      {children}
    </Card>
  );
}

const Empty = ({ children }: { children: ReactNode }) => <p className="text-sm text-slate-500 dark:text-slate-400">{children}</p>;

export default async function OverviewPage() {
  const actor = await requirePageActor("fleet.view");
  const o = await getFleetOverview(actor);
  const canSetSlo = hasPermission(actor.role, "deployment.manage");
  return (
    <>
      <PageHeader title="Overview" description={`The serving fleet at a glance: ${o.deploymentCount} deployment${o.deploymentCount === 1 ? "" : "s"}. Every item links to its page.`} />
      {o.clusterReason ? <p className="mb-4 text-sm text-amber-700 dark:text-amber-400">Cluster unavailable: {o.clusterReason}</p> : null}

      <section aria-label="Compound alerts" className="mb-6" data-testid="compound-alerts">
        <h2 className="mb-2 flex items-center gap-2 text-base font-semibold">
          <AlertTriangle aria-hidden className="size-4 text-amber-600" /> Compound alerts
        </h2>
        {o.metricsReason ? (
          <p className="text-sm text-amber-700 dark:text-amber-400">Metrics unavailable: {o.metricsReason}.</p>
        ) : o.alerts.length === 0 ? (
          <Empty>None: no deployment has GPUs over 85 % while its p99 is above its SLO, and no GPUs sat under 10 % for the last hour.</Empty>
        ) : (
          <ul className="grid gap-2 md:grid-cols-2">
            {o.alerts.map((a) => (
              <li key={`${a.kind}/${a.namespace}/${a.name}`}>
                <Link href={href(a)} className="flex items-start gap-3 rounded-lg border border-slate-200 bg-white p-3 hover:border-brand-500 dark:border-slate-800 dark:bg-slate-900" data-testid="compound-alert">
                  {a.kind === "hot-and-slow" ? <Flame aria-hidden className="mt-0.5 size-5 text-red-600" /> : <Snowflake aria-hidden className="mt-0.5 size-5 text-sky-600" />}
                  <span className="text-sm">
                    <span className="font-medium">
                      {a.namespace}/{a.name}
                    </span>
                    <br />
                    {a.kind === "hot-and-slow"
                      ? `GPU ${Math.round(a.gpuUtilPercent)} % and p99 ${ms(a.p99Seconds)} over its ${a.sloP99Ms} ms SLO`
                      : `GPUs allocated but at most ${Math.round(a.gpuUtilMaxHourPercent)} % busy in the last hour`}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Panel title="Not Ready" count={o.notReady.length} testId="not-ready">
          {o.notReady.length ? (
            <ul className="space-y-1 text-sm">
              {o.notReady.map((d) => (
                <li key={`${d.namespace}/${d.name}`} className="flex flex-wrap items-center justify-between gap-x-2 gap-y-0.5">
                  <Link className="break-all text-brand-600 hover:underline dark:text-brand-100" href={href(d)}>
                    {d.namespace}/{d.name}
                  </Link>
                  <Badge tone={d.tone === "bad" ? "danger" : d.tone === "warn" ? "warning" : "info"}>{d.label}</Badge>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>Every deployment is Ready.</Empty>
          )}
        </Panel>
        <Panel title="Live canaries" count={o.canaries.length} testId="canaries">
          {o.canaries.length ? (
            <ul className="space-y-1 text-sm">
              {o.canaries.map((d) => (
                <li key={`${d.namespace}/${d.name}`}>
                  <Link className="text-brand-600 hover:underline dark:text-brand-100" href={href(d)}>
                    {d.namespace}/{d.name}
                  </Link>
                  <span className="ml-2 text-xs text-slate-500">{d.traffic}</span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>No canary is taking traffic.</Empty>
          )}
        </Panel>
        <Panel title="Pending approvals" count={o.pendingApprovals}>
          <Link className="text-sm text-brand-600 hover:underline dark:text-brand-100" href="/approvals">
            {o.pendingApprovals ? `${o.pendingApprovals} promotion request${o.pendingApprovals === 1 ? "" : "s"} waiting` : "Nothing waiting for approval"}
          </Link>
        </Panel>
        <Panel title="GPU pools at risk" count={o.poolsAtRisk.length} testId="pools-at-risk">
          {o.poolsAtRisk.length ? (
            <ul className="space-y-1 text-sm">
              {o.poolsAtRisk.map((p) => (
                <li key={p.name}>
                  <Link className="text-brand-600 hover:underline dark:text-brand-100" href={`/gpu-pools/${encodeURIComponent(p.name)}`}>
                    {p.name}
                  </Link>
                  <span className="ml-2 text-xs text-slate-500">
                    {Math.round(p.allocatedPercent)} % allocated{p.pendingPodCount ? ` · ${p.pendingPodCount} pending pod${p.pendingPodCount === 1 ? "" : "s"}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>No pool is over 90 % allocated or has pending pods.</Empty>
          )}
        </Panel>
      </div>

      <div className="mt-4 grid gap-4 md:grid-cols-2">
        {(
          [
            ["Slowest: top 5 by p99", o.topP99, (s: TDeploymentSignals) => ms(s.p99Seconds), "top-p99"],
            ["Most errors: top 5 by error rate", o.topErrors, (s: TDeploymentSignals) => pct(s.errorRatio), "top-errors"],
          ] as const
        ).map(([title, rows, fmt, testId]) => (
          <Panel key={title} title={title} testId={testId}>
            {o.metricsReason ? (
              <Empty>Metrics unavailable: {o.metricsReason}.</Empty>
            ) : rows.length ? (
              <table className="w-full text-sm">
                <tbody>
                  {rows.map((s) => {
                    const slo = o.slos.find((x) => x.namespace === s.namespace && x.name === s.name);
                    return (
                      <tr key={`${s.namespace}/${s.name}`} className="border-t border-slate-100 first:border-0 dark:border-slate-800">
                        <td className="py-1.5">
                          <Link className="text-brand-600 hover:underline dark:text-brand-100" href={href(s)}>
                            {s.namespace}/{s.name}
                          </Link>
                        </td>
                        <td className="py-1.5 text-right font-mono text-xs">{fmt(s)}</td>
                        <td className="py-1.5 pl-3 text-right text-xs text-slate-500">{slo ? (testId === "top-p99" ? `SLO ${slo.p99LatencyMs} ms` : `SLO ${(slo.errorRateRatio * 100).toFixed(2)} %`) : "no SLO"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ) : (
              <Empty>No traffic measured in the last 5 minutes.</Empty>
            )}
          </Panel>
        ))}
      </div>

      <section aria-label="SLOs" className="mt-6">
        <h2 className="mb-2 flex items-center gap-2 text-base font-semibold">
          <Gauge aria-hidden className="size-4" /> SLOs
        </h2>
        <Card className="p-4">
          {o.slos.length ? (
            <table className="mb-4 w-full text-sm" data-testid="slo-table">
              <thead>
                <tr className="text-left text-xs text-slate-500">
                  <th className="pb-1 font-medium">Deployment</th>
                  <th className="pb-1 font-medium">p99 target</th>
                  <th className="pb-1 font-medium">Error-rate target</th>
                </tr>
              </thead>
              <tbody>
                {o.slos.map((s) => (
                  <tr key={`${s.namespace}/${s.name}`} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="py-1.5">
                      <Link className="text-brand-600 hover:underline dark:text-brand-100" href={href(s)}>
                        {s.namespace}/{s.name}
                      </Link>
                    </td>
                    <td className="py-1.5">{s.p99LatencyMs} ms</td>
                    <td className="py-1.5">{(s.errorRateRatio * 100).toFixed(2)} %</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No SLOs yet. Without one, a deployment cannot raise the &ldquo;hot GPUs and slow&rdquo; alert.</Empty>
          )}
          {canSetSlo ? <p className="mt-3 text-sm text-slate-500">Set or change an SLO on the deployment&apos;s page.</p> : null}
        </Card>
      </section>
    </>
  );
}
