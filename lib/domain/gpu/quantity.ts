// Kubernetes resource quantities ("500m", "24Gi", "1e3") as plain numbers of base units
// (cores for cpu, bytes for memory, devices for extended resources).

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** A quantity as a number; anything unparseable counts as 0, as it cannot be requested. */
export function parseQuantity(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : 0;
  if (typeof value !== "string") return 0;
  const match = QUANTITY.exec(value.trim());
  if (!match) return 0;
  const number = Number(match[1]);
  const suffix = match[2] ?? "";
  if (suffix in BINARY) return number * (BINARY[suffix] ?? 1);
  if (/^[eE]/.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  return number * (DECIMAL[suffix] ?? 1);
}

/** Parses every entry of a resource list (requests, allocatable, capacity). */
export function parseResourceList(list: Record<string, unknown> | undefined | null): Record<string, number> {
  const parsed: Record<string, number> = {};
  for (const [name, value] of Object.entries(list ?? {})) parsed[name] = parseQuantity(value);
  return parsed;
}
