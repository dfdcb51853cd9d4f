"use client";

import { useQuery } from "@tanstack/react-query";
import { Cpu } from "lucide-react";
import Link from "next/link";
import { CapacityLegend } from "@/components/gpu/capacity-bar";
import { ClusterStatusBanner } from "@/components/gpu/cluster-status-banner";
import { GpuPoolCard } from "@/components/gpu/gpu-pool-card";
import { gpuPoolsQuery } from "@/components/gpu/gpu-pool-queries";
import { useClusterEvents } from "@/components/live/use-cluster-events";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export function GpuPoolsClient({ clusterKey }: { clusterKey: string }) {
  const stream = useClusterEvents();
  const { data } = useQuery(gpuPoolsQuery(clusterKey));
  if (!data) return null;
  const gpuPools = data.pools.filter((pool) => pool.gpu);
  const cpuPools = data.pools.filter((pool) => !pool.gpu);
  return (
    <>
      <PageHeader
        title="GPU pools"
        description="Node pools of the cluster by GPU type: what is allocated to pods, what is free for new deployments, and what waits. Bars count GPUs; a time-sliced replica or a MIG slice counts as its share of one GPU."
      />
      <ClusterStatusBanner status={data.status} stream={stream} />
      {gpuPools.length === 0 ? (
        <EmptyState icon={Cpu} title="No GPU pools to show yet">
          {data.status.state === "live"
            ? "The cluster has no nodes with NVIDIA GPUs. Nodes appear here, grouped into pools by their node-pool label, as soon as they join."
            : "Node pools of the cluster appear here grouped by GPU type, with capacity, free GPUs, pending pods and the cost per hour of what is allocated."}
        </EmptyState>
      ) : (
        <>
          <div className="mb-3 flex items-center justify-between">
            <CapacityLegend />
          </div>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 2xl:grid-cols-3" data-testid="pool-cards">
            {gpuPools.map((pool) => (
              <GpuPoolCard key={pool.name} pool={pool} />
            ))}
          </div>
        </>
      )}
      {cpuPools.length ? (
        <section className="mt-8">
          <h2 className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-300">Pools without GPUs</h2>
          <ul className="flex flex-wrap gap-2 text-sm">
            {cpuPools.map((pool) => (
              <li key={pool.name} className="rounded-md border border-slate-200 bg-white px-3 py-1.5 dark:border-slate-800 dark:bg-slate-900">
                <Link href={`/gpu-pools/${encodeURIComponent(pool.name)}`} className="font-medium hover:underline">
                  {pool.name}
                </Link>{" "}
                <span className="text-slate-500">
                  {pool.readyNodeCount}/{pool.nodeCount} nodes Ready{pool.pendingPodCount ? `, ${pool.pendingPodCount} pods waiting` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
