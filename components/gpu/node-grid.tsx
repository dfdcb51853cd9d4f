import type { TGpuPoolNode } from "@/lib/domain/gpu/pool-views";
import { cn } from "@/components/ui/cn";
import { SEGMENT_STYLES } from "./capacity-bar";

// The pool as a picture: one tile per node, one cell per GPU unit. Whole GPUs are squares;
// a time-sliced GPU is a square split into its replicas; MIG slices are small cells grouped
// by profile. Filled = held by a pod, green = free, hatched = unusable (cordoned/NotReady).

type TCellState = keyof typeof SEGMENT_STYLES;

function cellStates(allocatable: number, requested: number, isUsable: boolean, capacity: number): TCellState[] {
  const cells: TCellState[] = [];
  for (let i = 0; i < capacity; i += 1) {
    if (i < requested) cells.push("allocated");
    else if (i < allocatable && isUsable) cells.push("free");
    else cells.push("unavailable");
  }
  return cells;
}

function Cells({ states, className }: { states: TCellState[]; className: string }) {
  return (
    <>
      {states.map((state, i) => (
        <span key={i} aria-hidden className={cn(className, SEGMENT_STYLES[state])} />
      ))}
    </>
  );
}

export function NodeTile({ node }: { node: TGpuPoolNode }) {
  const isUsable = node.isReady && !node.isUnschedulable;
  const { units, replicasPerGpu, mig } = node.gpus;
  const unitStates = cellStates(units.allocatable, units.requested, isUsable, units.capacity);
  const gpus = Array.from({ length: Math.ceil(units.capacity / replicasPerGpu) }, (_, gpu) => unitStates.slice(gpu * replicasPerGpu, (gpu + 1) * replicasPerGpu));
  const label = `${node.name}: ${units.requested} of ${units.allocatable} ${replicasPerGpu > 1 ? "replicas" : "GPUs"} allocated${mig.map((s) => `, ${s.requested} of ${s.allocatable} MIG ${s.profile}`).join("")}${node.isUnschedulable ? ", cordoned" : ""}${node.isReady ? "" : ", not Ready"}`;
  return (
    <a
      href={`#node-${node.name}`}
      title={label}
      aria-label={label}
      data-testid={`node-tile-${node.name}`}
      className={cn(
        "block rounded-md border p-2 hover:border-brand-500",
        isUsable ? "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" : "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/40",
      )}
    >
      <div className="mb-1.5 flex items-center justify-between gap-2 text-[11px] leading-none">
        <span className="truncate font-mono text-slate-600 dark:text-slate-400">{node.name.split("-").slice(-2).join("-")}</span>
        {node.isUnschedulable ? <span className="font-semibold text-amber-700 dark:text-amber-400">cordoned</span> : !node.isReady ? <span className="font-semibold text-red-700 dark:text-red-400">NotReady</span> : null}
      </div>
      <div className="flex flex-wrap gap-1">
        {gpus.map((replicas, gpu) =>
          replicasPerGpu > 1 ? (
            <span key={gpu} className="grid size-5 grid-cols-2 gap-px overflow-hidden rounded-sm">
              <Cells states={replicas} className="block" />
            </span>
          ) : (
            <Cells key={gpu} states={replicas} className="block size-5 rounded-sm" />
          ),
        )}
        {mig.map((slices) => (
          <span key={slices.profile} className="flex items-center gap-px rounded-sm border border-dashed border-slate-300 p-px dark:border-slate-600" title={`MIG ${slices.profile}`}>
            <Cells states={cellStates(slices.allocatable, slices.requested, isUsable, slices.capacity)} className={slices.instancesPerGpu > 2 ? "block h-5 w-1.5 rounded-[1px]" : "block h-5 w-2.5 rounded-[1px]"} />
          </span>
        ))}
        {units.capacity === 0 && mig.length === 0 ? <span className="text-xs text-slate-500">no GPUs</span> : null}
      </div>
    </a>
  );
}

export function NodeGrid({ nodes }: { nodes: TGpuPoolNode[] }) {
  return (
    <div className="grid grid-cols-[repeat(auto-fill,minmax(9.5rem,1fr))] gap-2" data-testid="node-grid">
      {nodes.map((node) => (
        <NodeTile key={node.name} node={node} />
      ))}
    </div>
  );
}
