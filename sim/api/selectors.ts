import { badRequest } from "../store/errors";
import type { KubeObject, ResourceType } from "../store/types";

export type Predicate = (obj: KubeObject) => boolean;

const always: Predicate = () => true;

/** Splits on commas that are not inside parentheses (`env in (a,b),tier`). */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      terms.push(cur);
      cur = "";
    } else cur += ch;
  }
  terms.push(cur);
  return terms.map((t) => t.trim()).filter(Boolean);
}

/** Parses a label selector (equality- and set-based) into a predicate on metadata.labels. */
export function parseLabelSelector(selector: string | null | undefined): Predicate {
  if (!selector?.trim()) return always;
  const checks: ((labels: Record<string, string>) => boolean)[] = [];
  for (const term of splitTerms(selector)) {
    let m: RegExpMatchArray | null;
    if ((m = term.match(/^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      const [, key = "", op, list = ""] = m;
      const values = new Set(list.split(",").map((v) => v.trim()).filter(Boolean));
      checks.push(op === "in"
        ? (l) => key in l && values.has(l[key] ?? "")
        : (l) => !(key in l) || !values.has(l[key] ?? ""));
    } else if ((m = term.match(/^([^\s!=()]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/))) {
      const [, key = "", op, value = ""] = m;
      checks.push(op === "!=" ? (l) => l[key] !== value : (l) => l[key] === value);
    } else if ((m = term.match(/^!\s*([^\s!=()]+)$/))) {
      const key = m[1] ?? "";
      checks.push((l) => !(key in l));
    } else if ((m = term.match(/^([^\s!=()]+)$/))) {
      const key = m[1] ?? "";
      checks.push((l) => key in l);
    } else {
      throw badRequest(`unable to parse requirement: ${term}`);
    }
  }
  return (obj) => {
    const labels = obj.metadata.labels ?? {};
    return checks.every((c) => c(labels));
  };
}

const get = (obj: unknown, path: string[]): unknown =>
  path.reduce<unknown>((cur, key) => (cur && typeof cur === "object" ? (cur as Record<string, unknown>)[key] : undefined), obj);

export const fieldValue =
  (path: string): ((obj: KubeObject) => string | undefined) =>
  (obj) => {
    const v = get(obj, path.split("."));
    return v === undefined || v === null ? undefined : String(v);
  };

/** Field selectors every kind supports. */
export const commonFieldSelectors = (namespaced: boolean): ResourceType["fieldSelectors"] => ({
  "metadata.name": fieldValue("metadata.name"),
  ...(namespaced ? { "metadata.namespace": fieldValue("metadata.namespace") } : {}),
});

/** Parses `a=b,c!=d` against the field labels the resource type supports (400 otherwise). */
export function parseFieldSelector(rt: ResourceType, selector: string | null | undefined): Predicate {
  if (!selector?.trim()) return always;
  const checks: Predicate[] = [];
  for (const term of splitTerms(selector)) {
    const m = term.match(/^([^!=]+?)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field = "", op, value = ""] = m;
    const getter = rt.fieldSelectors[field];
    if (!getter) {
      throw badRequest(`field label not supported: ${field}`);
    }
    checks.push(op === "!=" ? (o) => (getter(o) ?? "") !== value : (o) => (getter(o) ?? "") === value);
  }
  return (obj) => checks.every((c) => c(obj));
}
