// Cost per hour of what is allocated. Prices are per GPU-hour; time-sliced replicas and MIG
// slices cost their share of a GPU (see capacity.ts for the GPU-equivalents).

/** Price in US dollars, or null when the pool has no price. */
export function costPerHour(gpuEquivalents: number, pricePerGpuHour: number | null): number | null {
  if (pricePerGpuHour === null) return null;
  return Math.round(gpuEquivalents * pricePerGpuHour * 100) / 100;
}

/** 8.5 → "$8.50"; 1234.5 → "$1,234.50". */
export function formatUsd(amount: number): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(amount);
}

/** Cents as stored in the registry → dollars. */
export function centsToUsd(cents: number): number {
  return cents / 100;
}

export function usdToCents(usd: number): number {
  return Math.round(usd * 100);
}
