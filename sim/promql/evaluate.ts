import { type BinaryOp, type Expr, type Matcher, type MatrixSelector, PromQLError, type VectorMatching, type VectorSelector } from "./ast";

// Evaluates the subset with Prometheus semantics: 5 m lookback and staleness, left-open range
// windows, extrapolated rate/increase, bucket interpolation in histogram_quantile, vector
// matching with on/ignoring/group_left, metric-name dropping.

export type Labels = Record<string, string>;

/** What the evaluator reads: series with labels, a lifetime and samples on a fixed grid. */
export interface SeriesSource {
  labels: Labels;
  startMs: number;
  endMs: number | undefined;
  value(tMs: number): number;
  /** Never decreases (a counter without resets): rate() then needs only the window's ends. */
  monotonic?: boolean;
}

export interface Storage {
  series(): SeriesSource[];
  /** Samples exist at multiples of this interval. */
  intervalMs: number;
  nowMs: number;
}

export const LOOKBACK_MS = 5 * 60_000;

export interface Sample {
  labels: Labels;
  value: number;
}

interface RangeSeries {
  labels: Labels;
  points: { t: number; v: number }[];
}

export type Value =
  | { kind: "scalar"; value: number }
  | { kind: "string"; value: string }
  | { kind: "vector"; samples: Sample[] }
  | { kind: "matrix"; series: RangeSeries[] };

const anchored = (re: string): RegExp => {
  try {
    return new RegExp(`^(?:${re})$`, "s");
  } catch {
    throw new PromQLError(`invalid regular expression ${JSON.stringify(re)}`);
  }
};

function matches(labels: Labels, m: Matcher, re: RegExp | undefined): boolean {
  const v = labels[m.name] ?? "";
  switch (m.op) {
    case "=":
      return v === m.value;
    case "!=":
      return v !== m.value;
    case "=~":
      return re!.test(v);
    case "!~":
      return !re!.test(v);
  }
}

/** A canonical key of a label set (sorted names, values escaped by JSON). */
export function labelKey(l: Labels): string {
  const names = Object.keys(l).sort();
  let k = "";
  for (const n of names) k += `${n}\u0000${JSON.stringify(l[n])}\u0001`;
  return k;
}

/** A copy without __name__ (callers may change the copy). */
const dropName = (l: Labels): Labels => {
  const out: Labels = {};
  for (const k in l) if (k !== "__name__") out[k] = l[k]!;
  return out;
};

/** The series a selector picks; refuses selectors that would match everything, as Prometheus does. */
export function matchSelector<T extends { labels: Labels }>(sel: VectorSelector, series: T[]): T[] {
  const res = sel.matchers.map((m) => (m.op === "=~" || m.op === "!~" ? anchored(m.value) : undefined));
  if (sel.matchers.every((m, i) => matches({}, m, res[i]))) {
    throw new PromQLError("vector selector must contain at least one non-empty matcher");
  }
  return series.filter((s) => sel.matchers.every((m, i) => matches(s.labels, m, res[i])));
}

/** Evaluates one expression at one instant. Selectors are cached across the steps of a range query. */
export class Evaluator {
  private readonly selectCache = new Map<VectorSelector, SeriesSource[]>();

  constructor(private readonly storage: Storage) {}

  private readonly namelessCache = new Map<SeriesSource, Labels>();

  /** A series' labels without __name__, built once per query (callers must not change it). */
  private nameless(s: SeriesSource): Labels {
    let l = this.namelessCache.get(s);
    if (!l) this.namelessCache.set(s, (l = Object.freeze(dropName(s.labels)) as Labels));
    return l;
  }

  private select(sel: VectorSelector): SeriesSource[] {
    let hit = this.selectCache.get(sel);
    if (hit) return hit;
    hit = matchSelector(sel, this.storage.series());
    this.selectCache.set(sel, hit);
    return hit;
  }

  /** Grid timestamps of a series' samples in (from, to]. */
  private samples(s: SeriesSource, fromMs: number, toMs: number): { t: number; v: number }[] {
    const iv = this.storage.intervalMs;
    const hi = Math.min(toMs, this.storage.nowMs, (s.endMs ?? Infinity) - 1);
    const lo = Math.max(fromMs, s.startMs - 1);
    const out: { t: number; v: number }[] = [];
    for (let t = Math.floor(hi / iv) * iv; t > lo; t -= iv) out.push({ t, v: s.value(t) });
    return out.reverse();
  }

  /**
   * For a series that never decreases, the window's first and last samples and its sample
   * count determine rate()/increase() exactly; the samples in between are never read.
   */
  private endpoints(s: SeriesSource, fromMs: number, toMs: number): WindowSummary | undefined {
    const iv = this.storage.intervalMs;
    const hi = Math.min(toMs, this.storage.nowMs, (s.endMs ?? Infinity) - 1);
    const lo = Math.max(fromMs, s.startMs - 1);
    const last = Math.floor(hi / iv) * iv;
    const first = (Math.floor(lo / iv) + 1) * iv;
    if (last <= lo || first > last) return undefined;
    return { first: { t: first, v: s.value(first) }, last: { t: last, v: s.value(last) }, count: Math.round((last - first) / iv) + 1, resets: 0 };
  }

  private instantSelect(sel: VectorSelector, t: number): Sample[] {
    const out: Sample[] = [];
    for (const s of this.select(sel)) {
      // A series that disappeared from the scrape is stale from then on.
      if (s.endMs !== undefined && t >= s.endMs) continue;
      const iv = this.storage.intervalMs;
      const last = Math.floor(Math.min(t, this.storage.nowMs) / iv) * iv;
      if (last < s.startMs || last <= t - LOOKBACK_MS) continue;
      out.push({ labels: s.labels, value: s.value(last) });
    }
    return out;
  }

  private rangeSelect(m: MatrixSelector, t: number): RangeSeries[] {
    return this.select(m.vector)
      .map((s) => ({ labels: s.labels, points: this.samples(s, t - m.rangeMs, t) }))
      .filter((r) => r.points.length > 0);
  }

  eval(e: Expr, t: number): Value {
    switch (e.type) {
      case "number":
        return { kind: "scalar", value: e.value };
      case "string":
        return { kind: "string", value: e.value };
      case "vector":
        return { kind: "vector", samples: this.instantSelect(e, t) };
      case "matrix":
        return { kind: "matrix", series: this.rangeSelect(e, t) };
      case "unary": {
        const v = this.eval(e.expr, t);
        if (e.op === "+") return v;
        if (v.kind === "scalar") return { kind: "scalar", value: -v.value };
        if (v.kind === "vector") return { kind: "vector", samples: v.samples.map((s) => ({ labels: dropName(s.labels), value: -s.value })) };
        throw new PromQLError("unary expression only allowed on expressions of type scalar or instant vector");
      }
      case "aggregate":
        return this.aggregate(e, t);
      case "binary":
        return this.binary(e.op, this.eval(e.lhs, t), this.eval(e.rhs, t), e.bool, e.matching);
      case "call":
        return this.call(e.func, e.args, t);
    }
  }

  private vectorArg(e: Expr, t: number, fn: string): Sample[] {
    const v = this.eval(e, t);
    if (v.kind !== "vector") throw new PromQLError(`expected type instant vector in call to function "${fn}", got ${kindName(v.kind)}`);
    return v.samples;
  }

  private scalarArg(e: Expr, t: number, fn: string): number {
    const v = this.eval(e, t);
    if (v.kind !== "scalar") throw new PromQLError(`expected type scalar in call to function "${fn}", got ${kindName(v.kind)}`);
    return v.value;
  }

  private matrixArg(e: Expr, t: number, fn: string): { ranges: RangeSeries[]; rangeMs: number } {
    if (e.type !== "matrix") throw new PromQLError(`expected type range vector in call to function "${fn}", got ${kindName(this.eval(e, t).kind)}`);
    return { ranges: this.rangeSelect(e, t), rangeMs: e.rangeMs };
  }

  private call(fn: string, args: Expr[], t: number): Value {
    const arity = (n: number) => {
      if (args.length !== n) throw new PromQLError(`expected ${n} argument(s) in call to "${fn}", got ${args.length}`);
    };
    const unique = (samples: Sample[]): Value => {
      const seen = new Set<string>();
      for (const s of samples) {
        const k = labelKey(s.labels);
        if (seen.has(k)) throw new PromQLError("vector cannot contain metrics with the same labelset", "execution");
        seen.add(k);
      }
      return { kind: "vector", samples };
    };
    switch (fn) {
      case "rate":
      case "increase":
      case "irate": {
        arity(1);
        const arg = args[0]!;
        if (arg.type !== "matrix") this.matrixArg(arg, t, fn);
        const { rangeMs, vector } = arg as MatrixSelector;
        const out: Sample[] = [];
        for (const s of this.select(vector)) {
          let v: number | undefined;
          if (fn === "irate") v = instantRate(this.samples(s, t - rangeMs, t));
          else {
            const w = s.monotonic ? this.endpoints(s, t - rangeMs, t) : summarize(this.samples(s, t - rangeMs, t));
            v = w && extrapolatedRate(w, t - rangeMs, t, true, fn === "rate");
          }
          if (v !== undefined) out.push({ labels: this.nameless(s), value: v });
        }
        // One metric name: dropping it cannot make two series equal.
        return vector.matchers.some((m) => m.name === "__name__" && m.op === "=") ? { kind: "vector", samples: out } : unique(out);
      }
      case "avg_over_time":
      case "sum_over_time":
      case "min_over_time":
      case "max_over_time":
      case "count_over_time":
      case "last_over_time": {
        arity(1);
        const { ranges } = this.matrixArg(args[0]!, t, fn);
        const agg = (vs: number[]): number => {
          switch (fn) {
            case "avg_over_time":
              return vs.reduce((a, b) => a + b, 0) / vs.length;
            case "sum_over_time":
              return vs.reduce((a, b) => a + b, 0);
            case "min_over_time":
              return vs.reduce((a, b) => (b < a || Number.isNaN(a) ? b : a));
            case "max_over_time":
              return vs.reduce((a, b) => (b > a || Number.isNaN(a) ? b : a));
            case "count_over_time":
              return vs.length;
            default:
              return vs[vs.length - 1]!;
          }
        };
        const out = ranges.map((r) => ({ labels: fn === "last_over_time" ? r.labels : dropName(r.labels), value: agg(r.points.map((p) => p.v)) }));
        return unique(out);
      }
      case "clamp":
      case "clamp_min":
      case "clamp_max": {
        arity(fn === "clamp" ? 3 : 2);
        const samples = this.vectorArg(args[0]!, t, fn);
        const lo = fn === "clamp_max" ? -Infinity : this.scalarArg(args[1]!, t, fn);
        const hi = fn === "clamp" ? this.scalarArg(args[2]!, t, fn) : fn === "clamp_max" ? this.scalarArg(args[1]!, t, fn) : Infinity;
        if (lo > hi) return { kind: "vector", samples: [] };
        return unique(samples.map((s) => ({ labels: dropName(s.labels), value: Number.isNaN(s.value) ? NaN : Math.max(lo, Math.min(hi, s.value)) })));
      }
      case "label_replace": {
        arity(5);
        const samples = this.vectorArg(args[0]!, t, fn);
        const str = (i: number) => {
          const a = args[i]!;
          if (a.type !== "string") throw new PromQLError(`expected type string in call to function "label_replace", got ${a.type}`);
          return a.value;
        };
        const [dst, repl, src, regex] = [str(1), str(2), str(3), str(4)];
        if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(dst)) throw new PromQLError(`invalid destination label name in label_replace(): ${dst}`);
        const re = anchored(regex);
        const out = samples.map((s) => {
          const m = re.exec(s.labels[src] ?? "");
          if (!m) return s;
          const value = repl.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => {
            const k = a ?? b ?? "";
            return /^\d+$/.test(k) ? (m[Number(k)] ?? "") : (m.groups?.[k] ?? "");
          });
          const labels = { ...s.labels };
          if (value === "") delete labels[dst];
          else labels[dst] = value;
          return { labels, value: s.value };
        });
        return unique(out);
      }
      case "histogram_quantile": {
        arity(2);
        const q = this.scalarArg(args[0]!, t, fn);
        const samples = this.vectorArg(args[1]!, t, fn);
        const groups = new Map<string, { labels: Labels; buckets: { le: number; count: number }[] }>();
        for (const s of samples) {
          const leStr = s.labels.le;
          if (leStr === undefined) continue;
          const le = leStr === "+Inf" ? Infinity : leStr === "-Inf" ? -Infinity : Number(leStr);
          if (Number.isNaN(le)) continue;
          const { le: _, ...rest } = dropName(s.labels);
          void _;
          const k = labelKey(rest);
          let g = groups.get(k);
          if (!g) groups.set(k, (g = { labels: rest, buckets: [] }));
          g.buckets.push({ le, count: s.value });
        }
        return { kind: "vector", samples: [...groups.values()].map((g) => ({ labels: g.labels, value: bucketQuantile(q, g.buckets) })) };
      }
      case "abs":
        arity(1);
        return unique(this.vectorArg(args[0]!, t, fn).map((s) => ({ labels: dropName(s.labels), value: Math.abs(s.value) })));
      case "vector":
        arity(1);
        return { kind: "vector", samples: [{ labels: {}, value: this.scalarArg(args[0]!, t, fn) }] };
      case "scalar": {
        arity(1);
        const s = this.vectorArg(args[0]!, t, fn);
        return { kind: "scalar", value: s.length === 1 ? s[0]!.value : NaN };
      }
      case "time":
        arity(0);
        return { kind: "scalar", value: t / 1000 };
      default:
        throw new PromQLError(`function "${fn}" is not in the sim's PromQL subset`);
    }
  }

  private aggregate(e: Extract<Expr, { type: "aggregate" }>, t: number): Value {
    const v = this.eval(e.expr, t);
    if (v.kind !== "vector") throw new PromQLError(`expected type instant vector in aggregation expression, got ${kindName(v.kind)}`);
    const groups = new Map<string, { labels: Labels; values: number[] }>();
    for (const s of v.samples) {
      let labels: Labels;
      if (e.without) {
        labels = dropName(s.labels);
        for (const l of e.grouping) delete labels[l];
      } else {
        labels = {};
        for (const l of e.grouping) if (s.labels[l] !== undefined && s.labels[l] !== "" && l !== "__name__") labels[l] = s.labels[l];
      }
      const k = labelKey(labels);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { labels, values: [] }));
      g.values.push(s.value);
    }
    const out: Sample[] = [];
    for (const g of groups.values()) {
      const vs = g.values;
      let value: number;
      switch (e.op) {
        case "sum":
          value = vs.reduce((a, b) => a + b, 0);
          break;
        case "avg":
          value = vs.reduce((a, b) => a + b, 0) / vs.length;
          break;
        case "count":
          value = vs.length;
          break;
        case "max":
          value = vs.reduce((a, b) => (b > a || Number.isNaN(a) ? b : a));
          break;
        case "min":
          value = vs.reduce((a, b) => (b < a || Number.isNaN(a) ? b : a));
          break;
      }
      out.push({ labels: g.labels, value });
    }
    return { kind: "vector", samples: out };
  }

  private binary(op: BinaryOp, l: Value, r: Value, bool: boolean, matching: VectorMatching): Value {
    const cmp = isComparison(op);
    if (l.kind === "scalar" && r.kind === "scalar") {
      if (cmp && !bool) throw new PromQLError("comparisons between scalars must use BOOL modifier");
      return { kind: "scalar", value: cmp ? Number(compare(op, l.value, r.value)) : arith(op, l.value, r.value) };
    }
    if (l.kind === "vector" && r.kind === "scalar") return this.vectorScalar(op, l.samples, r.value, false, bool);
    if (l.kind === "scalar" && r.kind === "vector") return this.vectorScalar(op, r.samples, l.value, true, bool);
    if (l.kind === "vector" && r.kind === "vector") return this.vectorVector(op, l.samples, r.samples, bool, matching);
    throw new PromQLError("binary expressions are only allowed between scalars and instant vectors");
  }

  private vectorScalar(op: BinaryOp, samples: Sample[], scalar: number, swap: boolean, bool: boolean): Value {
    const out: Sample[] = [];
    for (const s of samples) {
      const [a, b] = swap ? [scalar, s.value] : [s.value, scalar];
      if (isComparison(op)) {
        const keep = compare(op, a, b);
        if (bool) out.push({ labels: dropName(s.labels), value: Number(keep) });
        else if (keep) out.push({ labels: s.labels, value: s.value });
      } else out.push({ labels: dropName(s.labels), value: arith(op, a, b) });
    }
    return { kind: "vector", samples: out };
  }

  private vectorVector(op: BinaryOp, lhs: Sample[], rhs: Sample[], bool: boolean, m: VectorMatching): Value {
    const sig = (l: Labels) => {
      if (m.on) {
        const o: Labels = {};
        for (const k of m.labels) if (l[k] !== undefined && l[k] !== "") o[k] = l[k];
        return labelKey(o);
      }
      const o = dropName(l);
      for (const k of m.labels) delete o[k];
      return labelKey(o);
    };
    const right = new Map<string, Sample>();
    for (const s of rhs) {
      const k = sig(s.labels);
      if (right.has(k)) {
        throw new PromQLError(
          m.card === "one-to-one"
            ? "found duplicate series for the match group on the right hand-side of the operation; many-to-many matching not allowed: matching labels must be unique on one side"
            : "found duplicate series for the match group on the right hand-side of the operation; many-to-one matching must be explicit (group_left/group_right)",
          "execution",
        );
      }
      right.set(k, s);
    }
    const seenLeft = new Set<string>();
    const seenOut = new Set<string>();
    const out: Sample[] = [];
    for (const s of lhs) {
      const k = sig(s.labels);
      const other = right.get(k);
      if (!other) continue;
      if (m.card === "one-to-one") {
        if (seenLeft.has(k)) throw new PromQLError("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)", "execution");
        seenLeft.add(k);
      }
      let value = s.value;
      if (isComparison(op)) {
        const keep = compare(op, s.value, other.value);
        if (!keep && !bool) continue;
        if (bool) value = Number(keep);
      } else value = arith(op, s.value, other.value);
      let labels: Labels = shouldDropName(op) || bool ? dropName(s.labels) : { ...s.labels };
      if (m.card === "one-to-one") {
        if (m.on) {
          const kept: Labels = {};
          for (const l of m.labels) if (labels[l] !== undefined) kept[l] = labels[l];
          labels = kept;
        } else for (const l of m.labels) delete labels[l];
      }
      for (const l of m.include) {
        const v = other.labels[l];
        if (v) labels[l] = v;
        else delete labels[l];
      }
      const ok = labelKey(labels);
      if (seenOut.has(ok)) throw new PromQLError("multiple matches for labels: grouping labels must ensure unique matches", "execution");
      seenOut.add(ok);
      out.push({ labels, value });
    }
    return { kind: "vector", samples: out };
  }
}

const kindName = (k: Value["kind"]) => (k === "vector" ? "instant vector" : k === "matrix" ? "range vector" : k);

const isComparison = (op: BinaryOp) => op === "==" || op === "!=" || op === ">" || op === "<" || op === ">=" || op === "<=";
const shouldDropName = (op: BinaryOp) => !isComparison(op);

function compare(op: BinaryOp, a: number, b: number): boolean {
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case ">":
      return a > b;
    case "<":
      return a < b;
    case ">=":
      return a >= b;
    default:
      return a <= b;
  }
}

function arith(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
    case "%":
      return a % b;
    case "^":
      return a ** b;
    default:
      throw new PromQLError(`operator ${op} is not arithmetic`);
  }
}

export interface WindowSummary {
  first: { t: number; v: number };
  last: { t: number; v: number };
  count: number;
  /** Sum of the values before each counter reset. */
  resets: number;
}

export function summarize(points: { t: number; v: number }[]): WindowSummary | undefined {
  if (points.length === 0) return undefined;
  let resets = 0;
  for (let i = 1; i < points.length; i++) if (points[i]!.v < points[i - 1]!.v) resets += points[i - 1]!.v;
  return { first: points[0]!, last: points[points.length - 1]!, count: points.length, resets };
}

/** Prometheus' extrapolatedRate (promql/functions.go), for counters. */
export function extrapolatedRate(w: WindowSummary, rangeStartMs: number, rangeEndMs: number, isCounter: boolean, isRate: boolean): number | undefined {
  if (w.count < 2) return undefined;
  const { first, last } = w;
  let result = last.v - first.v + (isCounter ? w.resets : 0);
  let durationToStart = (first.t - rangeStartMs) / 1000;
  const durationToEnd = (rangeEndMs - last.t) / 1000;
  const sampledInterval = (last.t - first.t) / 1000;
  const avgBetween = sampledInterval / (w.count - 1);
  if (isCounter && result > 0 && first.v >= 0) {
    const durationToZero = sampledInterval * (first.v / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = avgBetween * 1.1;
  let extrapolateTo = sampledInterval;
  extrapolateTo += durationToStart < threshold ? durationToStart : avgBetween / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : avgBetween / 2;
  result *= extrapolateTo / sampledInterval;
  if (isRate) result /= (rangeEndMs - rangeStartMs) / 1000;
  return result;
}

export function instantRate(points: { t: number; v: number }[]): number | undefined {
  if (points.length < 2) return undefined;
  const last = points[points.length - 1]!;
  const prev = points[points.length - 2]!;
  const delta = last.v < prev.v ? last.v : last.v - prev.v;
  const dt = (last.t - prev.t) / 1000;
  return dt === 0 ? undefined : delta / dt;
}

/** Prometheus' bucketQuantile (promql/quantile.go) for classic histograms. */
export function bucketQuantile(q: number, input: { le: number; count: number }[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => a.le - b.le);
  // Coalesce buckets with the same bound, then force monotonic counts.
  const buckets: { le: number; count: number }[] = [];
  for (const b of sorted) {
    const prev = buckets[buckets.length - 1];
    if (prev && prev.le === b.le) prev.count += b.count;
    else buckets.push({ ...b });
  }
  if (buckets.length === 0 || buckets[buckets.length - 1]!.le !== Infinity) return NaN;
  let max = -Infinity;
  for (const b of buckets) {
    if (b.count < max) b.count = max;
    max = b.count;
  }
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let i = buckets.findIndex((b) => b.count >= rank);
  if (i < 0) i = buckets.length - 1;
  if (i === buckets.length - 1) return buckets[buckets.length - 2]!.le;
  if (i === 0 && buckets[0]!.le <= 0) return buckets[0]!.le;
  let start = 0;
  const end = buckets[i]!.le;
  let count = buckets[i]!.count;
  if (i > 0) {
    start = buckets[i - 1]!.le;
    count -= buckets[i - 1]!.count;
    rank -= buckets[i - 1]!.count;
  }
  return start + (end - start) * (rank / count);
}
