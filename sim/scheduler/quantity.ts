// Kubernetes resource quantities ("500m", "24Gi", "1e3", 2) as plain numbers of base units.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export const QUANTITY_PATTERN = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?(?:\d+(?:\.\d*)?|\.\d+))?$/;

export function isQuantity(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  return typeof value === "string" && QUANTITY_PATTERN.test(value);
}

export function parseQuantity(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return 0;
  const m = value.trim().match(QUANTITY_PATTERN);
  if (!m) return 0;
  const num = Number(m[1]);
  const suffix = m[2] ?? "";
  if (suffix in BINARY) return num * (BINARY[suffix] ?? 1);
  if (/^[eE]/.test(suffix)) return num * 10 ** Number(suffix.slice(1));
  return num * (DECIMAL[suffix] ?? 1);
}

/** Formats bytes the way kubectl shows memory (e.g. 24Gi, 512Mi). */
export function formatBytes(bytes: number): string {
  for (const [suffix, size] of [["Gi", 2 ** 30], ["Mi", 2 ** 20], ["Ki", 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)}Gi`;
  return `${Math.round(bytes)}`;
}
