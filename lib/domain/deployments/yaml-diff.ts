import { stringify } from "yaml";

// YAML of manifests and a line diff between two versions, for the review and edit steps.

export function toYaml(objects: readonly object[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0 })).join("---\n");
}

export type TDiffLine = { kind: "same" | "added" | "removed"; text: string };

/** A line diff (longest common subsequence) of two texts. */
export function diffLines(before: string, after: string): TDiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: TDiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: "same", text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: "removed", text: a[i++]! });
    else out.push({ kind: "added", text: b[j++]! });
  }
  while (i < n) out.push({ kind: "removed", text: a[i++]! });
  while (j < m) out.push({ kind: "added", text: b[j++]! });
  return out;
}

export function hasChanges(lines: readonly TDiffLine[]): boolean {
  return lines.some((line) => line.kind !== "same");
}

/** The kubectl command that applies the same manifests. */
export function kubectlApplyCommand(namespace: string, yaml: string): string {
  return `kubectl apply -n ${namespace} -f - <<'EOF'\n${yaml.trimEnd()}\nEOF`;
}
