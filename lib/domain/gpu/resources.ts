// NVIDIA device-plugin resource names and what one unit of each is worth in GPUs.
// See ../shared/reference/metrics/METRICS.md §5 (GFD labels, MIG strategies, sharing).

export const GPU_RESOURCE = "nvidia.com/gpu";
export const GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";
export const GPU_MEMORY_LABEL = "nvidia.com/gpu.memory";
export const GPU_REPLICAS_LABEL = "nvidia.com/gpu.replicas";
export const GPU_SHARING_LABEL = "nvidia.com/gpu.sharing-strategy";

const MIG_RESOURCE = /^nvidia\.com\/mig-(\d+)g\.(\d+)gb$/;
/** A100 and H100 have 7 compute slices per GPU. */
const COMPUTE_SLICES_PER_GPU = 7;

export type TMigProfile = { profile: string; computeSlices: number; memoryGb: number };

/** "nvidia.com/mig-1g.10gb" → { profile: "1g.10gb", computeSlices: 1, memoryGb: 10 }. */
export function parseMigResource(resource: string): TMigProfile | null {
  const match = MIG_RESOURCE.exec(resource);
  if (!match) return null;
  return { profile: `${match[1]}g.${match[2]}gb`, computeSlices: Number(match[1]), memoryGb: Number(match[2]) };
}

export function migResourceName(profile: string): string {
  return `nvidia.com/mig-${profile}`;
}

/**
 * How many instances of a MIG profile one GPU holds: 1g → 7, 2g → 3, 3g → 2, 4g and 7g → 1.
 * One slice is worth 1/this of a GPU (for allocation and cost).
 */
export function migInstancesPerGpu(computeSlices: number): number {
  return Math.max(1, Math.floor(COMPUTE_SLICES_PER_GPU / Math.max(1, computeSlices)));
}

/** Extended resources are domain-prefixed names outside kubernetes.io (nvidia.com/gpu, nvidia.com/mig-…). */
export function isExtendedResource(name: string): boolean {
  return name.includes("/") && !name.startsWith("kubernetes.io/") && !name.includes(".kubernetes.io/") && !name.startsWith("requests.");
}

/** Whether a request list asks for any GPU (whole, time-sliced or MIG). */
export function requestsGpu(requests: Record<string, number>): boolean {
  return Object.entries(requests).some(([name, amount]) => amount > 0 && (name === GPU_RESOURCE || parseMigResource(name) !== null));
}

/** "NVIDIA-H100-80GB-HBM3" stays; the "-SHARED" suffix of time-sliced GPUs is dropped. */
export function baseGpuProduct(label: string | undefined): string | null {
  if (!label) return null;
  return label.replace(/-SHARED$/, "");
}

/**
 * GPU memory as the card is sold: 81559 MiB → "80GB", 23034 → "24GB", 15360 → "16GB". The
 * driver reports a little less than the box says, so round up to a multiple of 8 GiB.
 */
export function formatGpuMemory(memoryMiB: number | null): string | null {
  if (!memoryMiB) return null;
  const gib = memoryMiB / 1024;
  return `${gib > 8 ? Math.ceil(Math.floor(gib) / 8) * 8 : Math.round(gib)}GB`;
}

/** "NVIDIA-L4 24GB", "NVIDIA-H100-80GB-HBM3" (memory already in the name), or null without a GPU. */
export function describeGpuModel(product: string | null, memoryMiB: number | null): string | null {
  if (!product) return null;
  const memory = formatGpuMemory(memoryMiB);
  return /\d+GB/i.test(product) || !memory ? product : `${product} ${memory}`;
}
