import { parser } from "@prometheus-io/lezer-promql";
import type { SyntaxNode } from "@lezer/common";
import { type AggregateOp, type BinaryOp, type Expr, type Matcher, type MatchOp, PromQLError, type VectorMatching, type VectorSelector } from "./ast";

// Adapter from the lezer-promql syntax tree (the parser Prometheus' own UI uses) to the
// subset's AST. Anything the tree holds that the subset does not cover is refused here.

const AGGREGATES: Record<string, AggregateOp> = { Sum: "sum", Avg: "avg", Max: "max", Min: "min", Count: "count" };
const BINARY: Record<string, BinaryOp> = {
  Add: "+",
  Sub: "-",
  Mul: "*",
  Div: "/",
  Mod: "%",
  Pow: "^",
  Eql: "==",
  Neq: "!=",
  Gtr: ">",
  Lss: "<",
  Gte: ">=",
  Lte: "<=",
};
const MATCH_OPS: Record<string, MatchOp> = { EqlSingle: "=", Neq: "!=", EqlRegex: "=~", NeqRegex: "!~" };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

export function parseDurationMs(text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const re = /(\d+)(ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(text))) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    consumed = re.lastIndex;
  }
  if (consumed !== text.length || text.length === 0) throw new PromQLError(`not a valid duration string: ${JSON.stringify(text)}`);
  return total;
}

export function unquote(raw: string): string {
  const q = raw[0];
  const body = raw.slice(1, -1);
  if (q === "`") return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "a":
        return "\x07";
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "v":
        return "\v";
      case "x":
      case "u":
      case "U":
        return String.fromCodePoint(Number.parseInt(e.slice(1), 16));
      default:
        return /^[0-7]{3}$/.test(e) ? String.fromCharCode(Number.parseInt(e, 8)) : e;
    }
  });
}

function parseNumber(text: string): number {
  const t = text.toLowerCase();
  if (t === "inf" || t === "+inf") return Infinity;
  if (t === "-inf") return -Infinity;
  if (t === "nan") return NaN;
  if (/^0x[0-9a-f]+$/.test(t)) return Number.parseInt(t, 16);
  const n = Number(text);
  if (Number.isNaN(n)) return parseDurationMs(text) / 1000;
  return n;
}

export function parsePromQL(query: string): Expr {
  if (query.trim() === "") throw new PromQLError("parse error: no expression found in input");
  const tree = parser.parse(query);
  const text = (n: SyntaxNode) => query.slice(n.from, n.to);
  tree.iterate({
    enter: (n) => {
      if (n.type.isError) {
        throw new PromQLError(`parse error at char ${n.from + 1}: unexpected ${n.from < query.length ? JSON.stringify(query.slice(n.from, n.from + 10)) : "end of input"}`);
      }
    },
  });
  const children = (n: SyntaxNode): SyntaxNode[] => {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  };
  const unsupported = (what: string): never => {
    throw new PromQLError(`${what} is not in the sim's PromQL subset (see sim/README.md)`);
  };

  const grouping = (n: SyntaxNode | null): string[] => (n ? children(n).filter((c) => c.name === "LabelName").map(text) : []);

  const selector = (n: SyntaxNode): VectorSelector => {
    const matchers: Matcher[] = [];
    for (const c of children(n)) {
      if (c.name === "Identifier") matchers.push({ name: "__name__", op: "=", value: text(c) });
      else if (c.name === "LabelMatchers") {
        for (const m of children(c)) {
          if (m.name !== "UnquotedLabelMatcher" && m.name !== "QuotedLabelMatcher") {
            if (m.name === "QuotedLabelName") {
              matchers.push({ name: "__name__", op: "=", value: unquote(text(m.firstChild!)) });
              continue;
            }
            continue;
          }
          const parts = children(m);
          const nameNode = parts[0]!;
          const name = nameNode.name === "QuotedLabelName" ? unquote(text(nameNode.firstChild!)) : text(nameNode);
          const op = MATCH_OPS[parts[1]?.firstChild?.name ?? ""];
          const value = parts[2] ? unquote(text(parts[2])) : undefined;
          if (!op || value === undefined) unsupported(`label matcher ${JSON.stringify(text(m))}`);
          matchers.push({ name, op: op!, value: value! });
        }
      }
    }
    return { type: "vector", matchers };
  };

  const expr = (n: SyntaxNode): Expr => {
    switch (n.name) {
      case "PromQL":
        return expr(n.firstChild!);
      case "ParenExpr":
        return expr(children(n)[0]!);
      case "NumberDurationLiteral":
        return { type: "number", value: parseNumber(text(n)) };
      case "StringLiteral":
        return { type: "string", value: unquote(text(n)) };
      case "VectorSelector":
        return selector(n);
      case "MatrixSelector": {
        const [vec, dur] = children(n);
        if (vec?.name !== "VectorSelector" || !dur) return unsupported("a range over something other than a vector selector");
        return { type: "matrix", vector: selector(vec), rangeMs: parseDurationMs(text(dur)) };
      }
      case "UnaryExpr": {
        const [op, inner] = children(n);
        return { type: "unary", op: text(op!) === "-" ? "-" : "+", expr: expr(inner!) };
      }
      case "FunctionCall": {
        const [ident, body] = children(n);
        const fn = text(ident!);
        return { type: "call", func: fn, args: body ? children(body).map(expr) : [] };
      }
      case "AggregateExpr": {
        const parts = children(n);
        const opNode = parts.find((p) => p.name === "AggregateOp")!;
        const op = AGGREGATES[opNode.firstChild?.name ?? ""];
        if (!op) return unsupported(`aggregation "${text(opNode)}"`);
        const modifier = parts.find((p) => p.name === "AggregateModifier");
        const body = parts.find((p) => p.name === "FunctionCallBody");
        const args = body ? children(body) : [];
        if (args.length !== 1) throw new PromQLError(`wrong number of arguments for aggregate expression provided, expected 1, got ${args.length}`);
        return {
          type: "aggregate",
          op: op!,
          without: modifier?.firstChild?.name === "Without",
          grouping: grouping(modifier?.getChild("GroupingLabels") ?? null),
          expr: expr(args[0]!),
        };
      }
      case "BinaryExpr": {
        const parts = children(n);
        const lhs = parts[0]!;
        const rhs = parts[parts.length - 1]!;
        const opNode = parts[1]!;
        const op = BINARY[opNode.name];
        if (!op) return unsupported(`operator "${text(opNode)}"`);
        const bool = parts.some((p) => p.name === "BoolModifier");
        const clause = parts.find((p) => p.name === "MatchingModifierClause");
        const matching: VectorMatching = { card: "one-to-one", on: false, labels: [], include: [] };
        if (clause) {
          const cs = children(clause);
          matching.on = cs[0]?.name === "On";
          const groups = cs.filter((c) => c.name === "GroupingLabels");
          matching.labels = grouping(groups[0] ?? null);
          if (cs.some((c) => c.name === "GroupRight")) unsupported("group_right");
          if (cs.some((c) => c.name === "GroupLeft")) {
            matching.card = "many-to-one";
            matching.include = grouping(groups[1] ?? null);
          }
        }
        if ((op === "==" || op === "!=" || op === ">" || op === "<" || op === ">=" || op === "<=") === false && bool) {
          throw new PromQLError("bool modifier can only be used on comparison operators");
        }
        return { type: "binary", op, lhs: expr(lhs), rhs: expr(rhs), bool, matching };
      }
      case "OffsetExpr":
        return unsupported("the offset modifier");
      case "StepInvariantExpr":
        return unsupported("the @ modifier");
      case "SubqueryExpr":
        return unsupported("a subquery");
      default:
        return unsupported(`"${text(n)}" (${n.name})`);
    }
  };
  return expr(tree.topNode);
}
