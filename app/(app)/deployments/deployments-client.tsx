"use client";

import { useQuery } from "@tanstack/react-query";
import { Plus, Rocket } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { deploymentsQuery, type TDeploymentFilters } from "@/components/deployments/deployment-queries";
import { PhaseBadge } from "@/components/deployments/phase-badge";
import { ClusterStatusBanner } from "@/components/gpu/cluster-status-banner";
import { formatAge } from "@/components/gpu/format";
import { useClusterEvents } from "@/components/live/use-cluster-events";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

const SCOPES = [
  { value: "all", label: "All" },
  { value: "team", label: "My teams" },
  { value: "mine", label: "Mine" },
] as const;

const STATUSES = ["", "Ready", "Loading", "Pending", "Failed", "Stopped", "Updating", "Missing"] as const;

const th = "px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-slate-500 whitespace-nowrap";
const td = "px-3 py-2 align-top";

export function DeploymentsClient({ clusterKey, initialFilters, canLaunch }: { clusterKey: string; initialFilters: TDeploymentFilters; canLaunch: boolean }) {
  const stream = useClusterEvents();
  const router = useRouter();
  const pathname = usePathname();
  const [filters, setFilters] = useState(initialFilters);
  const { data, dataUpdatedAt } = useQuery(deploymentsQuery(clusterKey, filters));
  const isFiltered = filters.scope !== "all" || filters.q !== "" || filters.environment !== "" || filters.status !== "";

  const update = (next: Partial<TDeploymentFilters>) => {
    const merged = { ...filters, ...next };
    setFilters(merged);
    const params = new URLSearchParams(Object.entries(merged).filter(([, v]) => v !== "" && v !== "all") as [string, string][]);
    router.replace(`${pathname}${params.size ? `?${params.toString()}` : ""}`, { scroll: false });
  };

  return (
    <>
      <PageHeader
        title="Deployments"
        description="KServe InferenceServices launched from registered model versions, with their live status from the cluster."
        actions={
          canLaunch ? (
            <Button asChild>
              <Link href="/deployments/new" data-testid="new-deployment">
                <Plus className="size-4" aria-hidden /> Launch a deployment
              </Link>
            </Button>
          ) : null
        }
      />
      {data ? <ClusterStatusBanner status={data.status} stream={stream} /> : null}
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <div className="inline-flex rounded-md border border-slate-300 p-0.5 dark:border-slate-700" role="group" aria-label="Whose deployments">
          {SCOPES.map((scope) => (
            <button
              key={scope.value}
              type="button"
              aria-pressed={filters.scope === scope.value}
              onClick={() => update({ scope: scope.value })}
              className={cn("rounded px-3 py-1 text-sm", filters.scope === scope.value ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800")}
            >
              {scope.label}
            </button>
          ))}
        </div>
        <input
          type="search"
          value={filters.q}
          onChange={(e) => update({ q: e.target.value })}
          placeholder="Search name, model, team, pool…"
          aria-label="Search deployments"
          className="h-9 w-64 rounded-md border border-slate-300 bg-white px-3 text-sm dark:border-slate-700 dark:bg-slate-950"
        />
        <select value={filters.environment} onChange={(e) => update({ environment: e.target.value as TDeploymentFilters["environment"] })} aria-label="Environment" className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950">
          <option value="">All environments</option>
          <option value="prod">prod</option>
          <option value="staging">staging</option>
          <option value="dev">dev</option>
        </select>
        <select value={filters.status} onChange={(e) => update({ status: e.target.value })} aria-label="Status" className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950">
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status || "Any status"}
            </option>
          ))}
        </select>
        {data ? (
          <span className="text-sm text-slate-500" data-testid="count">
            {data.deployments.length} of {data.total}
          </span>
        ) : null}
      </div>
      {data?.unmanaged.length ? (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100">
          {data.unmanaged.length} InferenceService{data.unmanaged.length === 1 ? " is" : "s are"} labelled as managed by Gantry but missing from the registry:{" "}
          {data.unmanaged.slice(0, 5).map((u) => `${u.namespace}/${u.name}`).join(", ")}
          {data.unmanaged.length > 5 ? "…" : ""}. Ask a platform admin to adopt or remove them.
        </p>
      ) : null}
      {!data || data.deployments.length === 0 ? (
        <EmptyState icon={Rocket} title={isFiltered ? "Nothing matches these filters" : "No deployments yet"}>
          {isFiltered ? "Clear the search, or pick another scope, environment or status." : "Launch a registered model version onto a GPU pool: the wizard shows the exact YAML before anything is applied."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-sm" data-testid="deployments-table">
            <thead className="bg-slate-50 dark:bg-slate-950/50">
              <tr>
                <th className={th}>Deployment</th>
                <th className={th}>Status</th>
                <th className={th}>Model</th>
                <th className={th}>Traffic</th>
                <th className={th}>Replicas</th>
                <th className={th}>Pool</th>
                <th className={th}>Environment</th>
                <th className={th}>Team</th>
                <th className={th}>Age</th>
              </tr>
            </thead>
            <tbody>
              {data.deployments.map((d) => (
                <tr key={d.id} className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/40">
                  <td className={td}>
                    <Link href={`/deployments/${encodeURIComponent(d.namespace)}/${encodeURIComponent(d.name)}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                      {d.name}
                    </Link>
                    <div className="text-xs text-slate-500">{d.namespace}</div>
                  </td>
                  <td className={td}>
                    <div className="flex flex-col items-start gap-1">
                      <PhaseBadge phase={d.phase} />
                      {d.hasDrift ? <Badge tone="warning">Changed outside Gantry</Badge> : null}
                    </div>
                  </td>
                  <td className={td}>
                    {d.model} <span className="text-slate-500">v{d.version}</span>
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{d.traffic}</td>
                  <td className={`${td} tabular-nums`}>
                    {d.replicas.ready}/{d.replicas.desired}
                  </td>
                  <td className={td}>{d.pool}</td>
                  <td className={td}>{d.environment}</td>
                  <td className={td}>{d.team}</td>
                  <td className={`${td} whitespace-nowrap text-slate-500`}>{formatAge(d.createdAt, dataUpdatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
