/**
 * The subset of kubectl JSONPath that CRD printer columns use: `.a.b`, `.a[*].b`, `.a[0]`
 * and filters `[?(@.k=='v')]` / `[?(@.k==true)]`.
 */
export function evalJsonPath(obj: unknown, expr: string): unknown[] {
  let current: unknown[] = [obj];
  const tokens = tokenize(expr.trim().replace(/^\{|\}$/g, ""));
  for (const tok of tokens) {
    const next: unknown[] = [];
    for (const value of current) {
      if (tok.kind === "field") {
        if (value && typeof value === "object" && !Array.isArray(value)) {
          const v = (value as Record<string, unknown>)[tok.name];
          if (v !== undefined) next.push(v);
        }
      } else if (Array.isArray(value)) {
        if (tok.kind === "all") next.push(...value);
        else if (tok.kind === "index") {
          const v = value[tok.index < 0 ? value.length + tok.index : tok.index];
          if (v !== undefined) next.push(v);
        } else {
          for (const item of value) {
            const [found] = evalJsonPath(item, tok.path);
            if (found !== undefined && String(found) === tok.value) next.push(item);
          }
        }
      }
    }
    current = next;
  }
  return current;
}

type Token =
  | { kind: "field"; name: string }
  | { kind: "all" }
  | { kind: "index"; index: number }
  | { kind: "filter"; path: string; value: string };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const ch = expr[i];
    if (ch === ".") {
      i++;
      let name = "";
      while (i < expr.length && expr[i] !== "." && expr[i] !== "[") name += expr[i++];
      if (name) tokens.push({ kind: "field", name });
    } else if (ch === "[") {
      const end = matchingBracket(expr, i);
      const inner = expr.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === "*") tokens.push({ kind: "all" });
      else if (/^-?\d+$/.test(inner)) tokens.push({ kind: "index", index: Number(inner) });
      else {
        const m = inner.match(/^\?\(@(\.[^=!<>]+?)\s*==\s*(.+)\)$/);
        if (m) {
          const raw = (m[2] ?? "").trim();
          tokens.push({ kind: "filter", path: m[1] ?? "", value: raw.replace(/^['"]|['"]$/g, "") });
        } else {
          const quoted = inner.match(/^['"](.*)['"]$/);
          if (quoted) tokens.push({ kind: "field", name: quoted[1] ?? "" });
        }
      }
    } else {
      let name = "";
      while (i < expr.length && expr[i] !== "." && expr[i] !== "[") name += expr[i++];
      if (name) tokens.push({ kind: "field", name });
    }
  }
  return tokens;
}

function matchingBracket(expr: string, open: number): number {
  let depth = 0;
  for (let i = open; i < expr.length; i++) {
    if (expr[i] === "[") depth++;
    if (expr[i] === "]" && --depth === 0) return i;
  }
  return expr.length - 1;
}
