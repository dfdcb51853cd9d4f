"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { GpuPoolMetricsPanel } from "@/components/charts";
import { CapacityBar, CapacityLegend } from "@/components/gpu/capacity-bar";
import { ClusterStatusBanner } from "@/components/gpu/cluster-status-banner";
import { FitCheckForm } from "@/components/gpu/fit-check-form";
import { formatGpuCount, plural } from "@/components/gpu/format";
import { gpuPoolQuery } from "@/components/gpu/gpu-pool-queries";
import { NodeGrid } from "@/components/gpu/node-grid";
import { PriceEditor } from "@/components/gpu/price-editor";
import { useClusterEvents } from "@/components/live/use-cluster-events";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { costPerHour, formatUsd } from "@/lib/domain/gpu/cost";
import { describeTaint } from "@/lib/domain/gpu/fit";
import type { TGpuPoolNode } from "@/lib/domain/gpu/pool-views";
import { describeGpuModel } from "@/lib/domain/gpu/resources";

const TH = "px-3 py-2 font-medium";
const TD = "px-3 py-2 align-top";

export function GpuPoolClient({ clusterKey, name, canManagePrices }: { clusterKey: string; name: string; canManagePrices: boolean }) {
  const stream = useClusterEvents();
  const { data } = useQuery(gpuPoolQuery(clusterKey, name));
  if (!data) return null;
  const back = (
    <Link href="/gpu-pools" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:underline dark:text-slate-400">
      <ArrowLeft aria-hidden className="size-4" /> All GPU pools
    </Link>
  );
  if (!data.pool) {
    return (
      <>
        {back}
        <PageHeader title={name} />
        <ClusterStatusBanner status={data.status} stream={stream} />
      </>
    );
  }
  const { summary, nodes } = data.pool;
  const gpuName = describeGpuModel(summary.gpu?.product ?? null, summary.gpu?.memoryMiB ?? null);
  const isShared = (summary.gpu?.replicasPerGpu ?? 1) > 1;
  return (
    <>
      {back}
      <PageHeader
        title={summary.name}
        description={
          <>
            {gpuName ?? "No GPUs"}
            {isShared ? `, time-sliced: each GPU is shared by ${summary.gpu?.replicasPerGpu} pods` : ""}
            {summary.label ? (
              <span className="block text-xs">
                Nodes with the label <code className="font-mono">{summary.label}={summary.name}</code>
              </span>
            ) : null}
          </>
        }
        actions={canManagePrices ? <PriceEditor pool={summary.name} price={summary.pricePerGpuHour} /> : undefined}
      />
      <ClusterStatusBanner status={data.status} stream={stream} />

      {summary.physicalGpus > 0 ? (
        <div className="mb-4">
          <GpuPoolMetricsPanel pool={summary.name} />
        </div>
      ) : null}

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
        <Card className="p-5 xl:col-span-2">
          <h2 className="mb-3 text-base font-semibold">Capacity</h2>
          <CapacityBar bar={summary.bar} />
          <dl className="mt-4 grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
            <Figure label="Nodes" value={`${summary.readyNodeCount}/${summary.nodeCount} Ready${summary.cordonedNodeCount ? `, ${summary.cordonedNodeCount} cordoned` : ""}`} />
            <Figure label="Physical GPUs" value={String(summary.physicalGpus)} />
            <Figure
              label={isShared ? "Replicas: capacity / allocatable / requested / free" : "GPUs: capacity / allocatable / requested / free"}
              value={`${summary.units.capacity} / ${summary.units.allocatable} / ${summary.units.requested} / ${summary.units.free}`}
            />
            <Figure
              label="Cost per hour of what is allocated"
              value={summary.costPerHour !== null && summary.pricePerGpuHour !== null ? `${formatUsd(summary.costPerHour)} (${formatUsd(summary.pricePerGpuHour)}/GPU-h)` : "no price set"}
            />
            {summary.mig.map((slices) => (
              <Figure key={slices.profile} label={`MIG ${slices.profile} slices: allocatable / requested / free`} value={`${slices.allocatable} / ${slices.requested} / ${slices.free}`} />
            ))}
          </dl>
          {summary.taints.length ? (
            <div className="mt-4 text-sm">
              <span className="text-xs text-slate-500">Taints (pods must tolerate them): </span>
              {summary.taints.map(({ taint, nodeCount }) => (
                <Badge key={describeTaint(taint)} className="mr-1 font-mono">
                  {describeTaint(taint)}
                  {nodeCount < summary.nodeCount ? ` on ${nodeCount}` : ""}
                </Badge>
              ))}
            </div>
          ) : null}
        </Card>
        <Card className="p-5 text-sm">
          <h2 className="mb-1 text-base font-semibold">GPU utilization</h2>
          <p className="text-slate-600 dark:text-slate-400">
            How busy the allocated GPUs really are (DCGM metrics) will show here once Gantry reads Prometheus. Allocation above is what pods have reserved, not what they use.
          </p>
        </Card>
      </div>

      <section className="mt-6">
        <div className="mb-2 flex flex-wrap items-end justify-between gap-2">
          <h2 className="text-base font-semibold">Nodes at a glance</h2>
          <CapacityLegend />
        </div>
        <p className="mb-3 text-xs text-slate-500">
          One tile per node, one square per GPU{isShared ? " (split into its time-sliced replicas)" : ""}
          {summary.mig.length ? "; dashed groups are MIG slices of partitioned GPUs" : ""}.
        </p>
        <NodeGrid nodes={nodes} />
      </section>

      {summary.pendingPodCount ? (
        <section className="mt-6">
          <h2 className="mb-2 text-base font-semibold">Waiting for this pool ({summary.pendingPodCount})</h2>
          <Card className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="pending-pods">
              <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800">
                <tr>
                  <th className={TH}>Pod</th>
                  <th className={TH}>Deployment</th>
                  <th className={TH}>Why the scheduler has not placed it</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {summary.pendingPods.map((pod) => (
                  <tr key={`${pod.namespace}/${pod.name}`}>
                    <td className={`${TD} font-mono text-xs`}>{pod.namespace}/{pod.name}</td>
                    <td className={TD}>{pod.owner?.name ?? "—"}</td>
                    <td className={`${TD} text-slate-600 dark:text-slate-400`}>{pod.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </section>
      ) : null}

      <section className="mt-6">
        <h2 className="mb-2 text-base font-semibold">Nodes</h2>
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="node-table">
            <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800">
              <tr>
                <th className={TH}>Node</th>
                <th className={TH}>State</th>
                <th className={TH}>{isShared ? "Replicas allocated / total" : "GPUs allocated / total"}</th>
                <th className={TH}>MIG layout</th>
                <th className={TH}>CPU requested</th>
                <th className={TH}>Pods and deployments</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {nodes.map((node) => (
                <NodeRow key={node.name} node={node} />
              ))}
            </tbody>
          </table>
        </Card>
      </section>

      {summary.deployments.length ? (
        <section className="mt-6">
          <h2 className="mb-2 text-base font-semibold">Deployments on this pool</h2>
          <Card className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="pool-deployments">
              <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800">
                <tr>
                  <th className={TH}>Deployment</th>
                  <th className={TH}>Pods</th>
                  <th className={TH}>GPUs held</th>
                  <th className={TH}>Cost per hour</th>
                  <th className={TH}>Nodes</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {summary.deployments.map((deployment) => {
                  const cost = costPerHour(deployment.gpuEquivalents, summary.pricePerGpuHour);
                  return (
                    <tr key={`${deployment.namespace}/${deployment.name}`}>
                      <td className={TD}>
                        <span className="font-medium">{deployment.name}</span> <span className="text-xs text-slate-500">in {deployment.namespace}</span>
                      </td>
                      <td className={TD}>{deployment.pods}</td>
                      <td className={TD}>{formatGpuCount(deployment.gpuEquivalents)}</td>
                      <td className={TD}>{cost === null ? "—" : `${formatUsd(cost)}/h`}</td>
                      <td className={`${TD} font-mono text-xs`}>{deployment.nodes.join(", ")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Card>
        </section>
      ) : null}

      <section className="mt-6">
        <FitCheckForm pool={summary.name} migProfiles={summary.mig.map((slices) => slices.profile)} />
      </section>
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}

function NodeRow({ node }: { node: TGpuPoolNode }) {
  const { units, mig } = node.gpus;
  return (
    <tr id={`node-${node.name}`} data-testid={`node-row-${node.name}`} className="scroll-mt-4 target:bg-brand-50 dark:target:bg-brand-700/20">
      <td className={`${TD} font-mono text-xs`}>{node.name}</td>
      <td className={TD}>
        <div className="flex flex-wrap gap-1">
          <Badge tone={node.isReady ? "success" : "danger"}>{node.isReady ? "Ready" : "NotReady"}</Badge>
          {node.isUnschedulable ? <Badge tone="warning">cordoned</Badge> : null}
          {node.problems
            .filter((problem) => problem.type !== "Ready")
            .map((problem) => (
              <Badge key={problem.type} tone="danger">
                {problem.type}
              </Badge>
            ))}
        </div>
      </td>
      <td className={`${TD} tabular-nums`}>{units.capacity ? `${units.requested} / ${units.allocatable}${units.capacity !== units.allocatable ? ` (${units.capacity} installed)` : ""}` : "—"}</td>
      <td className={TD}>{mig.length ? mig.map((slices) => `${slices.requested}/${slices.allocatable} × ${slices.profile}`).join(", ") : "—"}</td>
      <td className={`${TD} tabular-nums`}>
        {Number(node.cpu.requested.toFixed(2))} / {Number(node.cpu.allocatable.toFixed(2))} cores
      </td>
      <td className={TD}>
        {node.pods.length ? (
          <ul className="space-y-0.5">
            {node.pods.slice(0, 8).map((pod) => (
              <li key={`${pod.namespace}/${pod.name}`} className="text-xs">
                <span className="font-mono">{pod.name}</span>
                {pod.owner ? <span className="text-slate-500"> · {pod.owner.name}</span> : null}
                {pod.gpuRequest ? <span className="text-slate-500"> · {pod.gpuRequest}</span> : null}
              </li>
            ))}
            {node.podCount > 8 ? <li className="text-xs text-slate-500">and {plural(node.podCount - 8, "more pod")}</li> : null}
          </ul>
        ) : (
          <span className="text-slate-500">none</span>
        )}
      </td>
    </tr>
  );
}
