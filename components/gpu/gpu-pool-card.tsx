import { AlertTriangle, ChevronRight, Clock } from "lucide-react";
import Link from "next/link";
import type { TGpuPoolSummary } from "@/lib/domain/gpu/pool-views";
import { formatUsd } from "@/lib/domain/gpu/cost";
import { describeGpuModel } from "@/lib/domain/gpu/resources";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CapacityBar } from "./capacity-bar";
import { formatGpuCount, plural } from "./format";

/** One pool on /gpu-pools: what GPU, how full (as a bar), what waits for it, what it costs. */
export function GpuPoolCard({ pool }: { pool: TGpuPoolSummary }) {
  const gpuName = describeGpuModel(pool.gpu?.product ?? null, pool.gpu?.memoryMiB ?? null);
  const isShared = (pool.gpu?.replicasPerGpu ?? 1) > 1;
  return (
    <Card className="flex flex-col p-5" data-testid={`pool-card-${pool.name}`}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold">
            <Link href={`/gpu-pools/${encodeURIComponent(pool.name)}`} className="hover:underline">
              {pool.name}
            </Link>
          </h2>
          <p className="truncate text-sm text-slate-600 dark:text-slate-400" title={gpuName ?? undefined}>
            {gpuName ?? "No GPUs"}
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap justify-end gap-1">
          {isShared ? <Badge tone="info">time-sliced ×{pool.gpu?.replicasPerGpu}</Badge> : null}
          {pool.mig.length ? <Badge tone="info">MIG</Badge> : null}
          {pool.isNearlyFull ? <Badge tone="danger">{pool.allocatedPercent}% allocated</Badge> : null}
        </div>
      </div>

      <CapacityBar bar={pool.bar} className="mt-4" />

      <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
        <div>
          <dt className="text-xs text-slate-500">Nodes</dt>
          <dd data-testid="pool-nodes">
            {pool.readyNodeCount}/{pool.nodeCount} Ready
            {pool.cordonedNodeCount ? <span className="text-amber-700 dark:text-amber-400"> · {pool.cordonedNodeCount} cordoned</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{isShared ? "Time-sliced replicas" : "Whole GPUs"}</dt>
          <dd data-testid="pool-free-gpus">
            {pool.units.free} free of {pool.units.allocatable}
            {isShared ? <span className="text-slate-500"> (on {plural(pool.physicalGpus, "GPU")})</span> : null}
          </dd>
        </div>
        {pool.mig.map((slices) => (
          <div key={slices.profile}>
            <dt className="text-xs text-slate-500">MIG {slices.profile} slices</dt>
            <dd>
              {slices.free} free of {slices.allocatable}
            </dd>
          </div>
        ))}
        <div>
          <dt className="text-xs text-slate-500">Cost of what is allocated</dt>
          <dd>
            {pool.costPerHour !== null && pool.pricePerGpuHour !== null ? (
              <>
                {formatUsd(pool.costPerHour)}/h <span className="text-slate-500">({formatGpuCount(pool.bar.allocated)} × {formatUsd(pool.pricePerGpuHour)})</span>
              </>
            ) : (
              <span className="text-slate-500">no price set</span>
            )}
          </dd>
        </div>
      </dl>

      {pool.pendingPodCount > 0 ? (
        <div className="mt-4 flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-100" data-testid="pool-pending">
          <Clock aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span className="min-w-0">
            {plural(pool.pendingPodCount, "pod")} waiting for this pool
            {pool.pendingPods[0] ? <span className="line-clamp-2 block text-xs break-words opacity-80" title={pool.pendingPods[0].reason}>{pool.pendingPods[0].reason}</span> : null}
          </span>
        </div>
      ) : null}
      {pool.isNearlyFull ? (
        <p className="mt-2 flex items-center gap-2 text-sm text-red-700 dark:text-red-400">
          <AlertTriangle aria-hidden className="size-4" /> Over 90 % allocated: new deployments may not fit.
        </p>
      ) : null}

      <div className="mt-auto flex items-center justify-between pt-4 text-xs text-slate-500">
        <span>{pool.deployments.length ? `${plural(pool.deployments.length, "deployment")} running` : "No deployments"}</span>
        <Link href={`/gpu-pools/${encodeURIComponent(pool.name)}`} className="flex items-center gap-0.5 font-medium text-brand-600 hover:underline dark:text-brand-100">
          Nodes and pods <ChevronRight aria-hidden className="size-3.5" />
        </Link>
      </div>
    </Card>
  );
}
