import type { MetricFamily, SimSeries } from "./model";

// Prometheus text exposition format 0.0.4: families with # HELP / # TYPE, series grouped
// under their family, label values escaped, no timestamps (the scraper stamps them).

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const escapeHelp = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

const familyOf = (name: string, families: Map<string, MetricFamily>): MetricFamily | undefined => {
  const direct = families.get(name);
  if (direct) return direct;
  for (const suffix of ["_bucket", "_sum", "_count", "_total"]) {
    if (name.endsWith(suffix)) {
      const f = families.get(name.slice(0, -suffix.length));
      if (f) return f;
    }
  }
  return undefined;
};

export function renderExposition(series: SimSeries[], families: Map<string, MetricFamily>, tMs: number): string {
  const groups = new Map<string, string[]>();
  for (const s of series) {
    if (s.startMs > tMs || (s.endMs !== undefined && s.endMs <= tMs)) continue;
    const name = s.labels.__name__ ?? "";
    const fam = familyOf(name, families);
    const famName = fam?.name ?? name;
    const labels = Object.entries(s.labels)
      .filter(([k]) => k !== "__name__")
      .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
      .join(",");
    const line = `${name}${labels ? `{${labels}}` : ""} ${formatValue(s.value(tMs))}`;
    let lines = groups.get(famName);
    if (!lines) {
      lines = [];
      groups.set(famName, lines);
    }
    lines.push(line);
  }
  const out: string[] = [];
  for (const [name, lines] of groups) {
    const fam = families.get(name);
    if (fam) out.push(`# HELP ${name} ${escapeHelp(fam.help)}`, `# TYPE ${name} ${fam.type}`);
    out.push(...lines);
  }
  return out.join("\n") + "\n";
}
