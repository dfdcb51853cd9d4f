import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { TModelListRow } from "@/lib/services/models/list-models";
import { VersionStatusBadge } from "./version-status-badge";

export function ModelListTable({ models }: { models: TModelListRow[] }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="models-table">
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Model</th>
            <th scope="col" className="px-4 py-2 font-medium">Team</th>
            <th scope="col" className="px-4 py-2 font-medium">Task · framework</th>
            <th scope="col" className="px-4 py-2 font-medium">Latest version</th>
            <th scope="col" className="px-4 py-2 font-medium">Deployments</th>
            <th scope="col" className="px-4 py-2 font-medium">Updated</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {models.map((model) => (
            <tr key={model.name} data-testid={`model-row-${model.name}`} className="align-top">
              <td className="max-w-md px-4 py-3">
                <Link href={`/models/${model.name}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                  {model.name}
                </Link>
                {model.description ? <p className="mt-0.5 line-clamp-2 text-xs text-slate-600 dark:text-slate-400">{model.description}</p> : null}
                {model.tags.length ? (
                  <div className="mt-1 flex flex-wrap gap-1">
                    {model.tags.map((tag) => (
                      <Badge key={tag}>{tag}</Badge>
                    ))}
                  </div>
                ) : null}
              </td>
              <td className="px-4 py-3">{model.team}</td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-700 dark:text-slate-300">
                {model.task}
                <div className="text-xs text-slate-500">{model.framework}</div>
              </td>
              <td className="px-4 py-3 whitespace-nowrap">
                {model.latestVersion ? (
                  <span className="flex items-center gap-2">
                    v{model.latestVersion.version} <VersionStatusBadge status={model.latestVersion.status} />
                  </span>
                ) : (
                  <span className="text-slate-400">none yet</span>
                )}
                <div className="text-xs text-slate-500">
                  {model.versionCount} version{model.versionCount === 1 ? "" : "s"}
                </div>
              </td>
              <td className="px-4 py-3">{model.deploymentCount ? <Badge tone="info">{model.deploymentCount} live</Badge> : <span className="text-slate-400">none</span>}</td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-600 dark:text-slate-400">
                <time dateTime={model.updatedAt}>{model.updatedAt.slice(0, 10)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
