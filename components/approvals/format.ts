// Durations as people read them on the approvals page: "2 d 4 h", "3 h 12 min", "45 min".

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration rounded down to its two largest units: "2 d 4 h", "3 h 12 min", "45 min", "less than a minute". */
export function formatSpan(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE) return "less than a minute";
  const days = Math.floor(span / DAY);
  const hours = Math.floor((span % DAY) / HOUR);
  const minutes = Math.floor((span % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

/** "3 h 12 min ago", "just now". */
export function formatAgo(iso: string, now: number): string {
  const ms = now - new Date(iso).getTime();
  return ms < MINUTE ? "just now" : `${formatSpan(ms)} ago`;
}

/** A canary's age from minutes: "2 h 10 min". */
export function formatMinutes(minutes: number): string {
  return formatSpan(minutes * MINUTE);
}

/** "2026-03-14 09:30 UTC": absolute times in titles, next to the relative ones. */
export function formatTimestamp(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * The clock, for server components: they render once per request, so "expires in …" is
 * relative to the time of the request. (The purity lint rule is about client re-renders.)
 */
export function requestTime(): number {
  return Date.now();
}
