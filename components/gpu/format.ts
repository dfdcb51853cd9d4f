// Small display helpers for GPU figures, shared by the pool cards, node grid and tables.

/** 3 → "3", 2.2857 → "2.3": GPU-equivalents are fractional with MIG and time-slicing. */
export function formatGpuCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

/** "12 s ago", "4 min ago", "2 h ago". */
export function formatAge(iso: string | null, now: number): string {
  if (!iso) return "never";
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}
