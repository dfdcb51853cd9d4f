import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatBytes } from "@/lib/domain/models/estimate-gpu-memory";
import type { TModelVersionDetail } from "@/lib/services/models/get-model-detail";
import { MetricDelta } from "./metric-delta";
import { VersionStatusBadge } from "./version-status-badge";

type TRow = { label: string; render: (version: TModelVersionDetail) => ReactNode };

/**
 * Versions side by side, newest on the left: one column per version, one row per fact, each
 * metric with its change since the previous version. `actions` renders a column's controls.
 */
export function VersionComparison({ versions, actions }: { versions: TModelVersionDetail[]; actions?: (version: TModelVersionDetail) => ReactNode }) {
  const metricNames = [...new Set(versions.flatMap((version) => Object.keys(version.metrics)))].sort();
  const rows: TRow[] = [
    { label: "Status", render: (v) => <VersionStatusBadge status={v.status} /> },
    { label: "Aliases", render: (v) => (v.aliases.length ? <span className="flex flex-wrap gap-1">{v.aliases.map((a) => <Badge key={a} tone="info">{a}</Badge>)}</span> : <Muted>—</Muted>) },
    {
      label: "Deployed at",
      render: (v) =>
        v.deployedAt.length ? (
          <ul className="space-y-0.5">
            {v.deployedAt.map((d) => (
              <li key={`${d.namespace}/${d.name}`} className="font-mono text-xs">
                {d.namespace}/{d.name} <Badge>{d.environment}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <Muted>none</Muted>
        ),
    },
    ...metricNames.map((name): TRow => ({ label: name, render: (v) => <MetricDelta delta={v.metricDeltas.find((d) => d.name === name)} /> })),
    { label: "Storage", render: (v) => <span className="font-mono text-xs break-all">{v.storageUri}</span> },
    { label: "Format · runtime", render: (v) => <>{v.modelFormat}{v.runtimeHint ? <Muted> · {v.runtimeHint}</Muted> : null}</> },
    { label: "Artifact size", render: (v) => formatBytes(v.artifactSizeBytes) },
    {
      label: "GPU memory",
      render: (v) =>
        v.gpuMemoryBytes === null ? <Muted>unknown</Muted> : v.gpuMemoryBytes === 0 ? <>none (CPU){v.gpuMemoryEstimated ? <Estimated /> : null}</> : <>{formatBytes(v.gpuMemoryBytes)}{v.gpuMemoryEstimated ? <Estimated /> : null}</>,
    },
    {
      label: "Training run",
      render: (v) =>
        v.trainingRunId ? (
          v.trainingRunUrl ? (
            <a href={v.trainingRunUrl} className="text-brand-700 hover:underline dark:text-brand-100" target="_blank" rel="noreferrer">
              {v.trainingRunId}
            </a>
          ) : (
            v.trainingRunId
          )
        ) : (
          <Muted>—</Muted>
        ),
    },
    { label: "Dataset", render: (v) => (v.dataset ? <span className="font-mono text-xs break-all">{v.dataset}</span> : <Muted>—</Muted>) },
    { label: "Git commit", render: (v) => (v.gitCommit ? <span className="font-mono text-xs">{v.gitCommit.slice(0, 12)}</span> : <Muted>—</Muted>) },
    { label: "Parent", render: (v) => (v.parentVersion ? `v${v.parentVersion}` : <Muted>—</Muted>) },
    {
      label: "Registered",
      render: (v) => (
        <>
          <time dateTime={v.registeredAt}>{v.registeredAt.slice(0, 10)}</time>
          <div className="text-xs text-slate-500">{v.registeredBy ?? "unknown"}</div>
        </>
      ),
    },
  ];

  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="version-comparison">
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            <th scope="col" className="sticky left-0 w-44 bg-white px-4 py-2 text-xs font-medium text-slate-500 uppercase dark:bg-slate-900">
              Version
            </th>
            {versions.map((v) => (
              <th key={v.version} scope="col" className="min-w-48 px-4 py-2 text-base font-semibold" data-testid={`version-column-${v.version}`}>
                v{v.version}
                {v.comparedWith ? <span className="ml-2 text-xs font-normal text-slate-500">vs v{v.comparedWith}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.label} data-testid={`version-row-${row.label}`} className="align-top">
              <th scope="row" className="sticky left-0 bg-white px-4 py-2 text-xs font-medium text-slate-500 dark:bg-slate-900">
                {row.label}
              </th>
              {versions.map((v) => (
                <td key={v.version} className="px-4 py-2">
                  {row.render(v)}
                </td>
              ))}
            </tr>
          ))}
          {actions ? (
            <tr>
              <th scope="row" className="sticky left-0 bg-white px-4 py-2 text-xs font-medium text-slate-500 dark:bg-slate-900">
                Actions
              </th>
              {versions.map((v) => (
                <td key={v.version} className="px-4 py-2">
                  {actions(v)}
                </td>
              ))}
            </tr>
          ) : null}
        </tbody>
      </table>
    </Card>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <span className="text-slate-400">{children}</span>;
}

function Estimated() {
  return (
    <Badge tone="warning" className="ml-1">
      estimated
    </Badge>
  );
}
