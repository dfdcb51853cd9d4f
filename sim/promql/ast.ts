// The PromQL subset the sim evaluates, as a small AST built from the lezer-promql tree.

export type MatchOp = "=" | "!=" | "=~" | "!~";

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

export interface VectorSelector {
  type: "vector";
  matchers: Matcher[];
}

export interface MatrixSelector {
  type: "matrix";
  vector: VectorSelector;
  rangeMs: number;
}

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "^" | "==" | "!=" | ">" | "<" | ">=" | "<=";

export interface VectorMatching {
  card: "one-to-one" | "many-to-one";
  on: boolean;
  labels: string[];
  include: string[];
}

export type AggregateOp = "sum" | "avg" | "max" | "min" | "count";

export type Expr =
  | { type: "number"; value: number }
  | { type: "string"; value: string }
  | VectorSelector
  | MatrixSelector
  | { type: "call"; func: string; args: Expr[] }
  | { type: "aggregate"; op: AggregateOp; without: boolean; grouping: string[]; expr: Expr }
  | { type: "binary"; op: BinaryOp; lhs: Expr; rhs: Expr; bool: boolean; matching: VectorMatching }
  | { type: "unary"; op: "-" | "+"; expr: Expr };

/** A query the sim cannot answer: reported as Prometheus reports a bad query. */
export class PromQLError extends Error {
  constructor(
    message: string,
    readonly errorType: "bad_data" | "execution" = "bad_data",
  ) {
    super(message);
  }
}
