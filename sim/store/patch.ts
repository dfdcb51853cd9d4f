import { ApiError, badRequest } from "./errors";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

const unprocessable = (message: string): ApiError =>
  new ApiError(422, "Invalid", `the server rejected our request due to an error in our request: ${message}`);

// ---- RFC 6902 JSON Patch -------------------------------------------------------------

interface PatchOp {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw badRequest(`invalid JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function resolveParent(doc: Json, tokens: string[], pointer: string): { parent: Json; last: string } {
  let cur: Json = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(t);
      if (!Number.isInteger(i) || i < 0 || i >= cur.length) throw unprocessable(`path ${pointer}: index ${t} out of range`);
      cur = cur[i] as Json;
    } else if (isObject(cur)) {
      if (!(t in cur)) throw unprocessable(`doc is missing path: "${pointer}": missing value`);
      cur = cur[t] as Json;
    } else {
      throw unprocessable(`path ${pointer} does not exist`);
    }
  }
  return { parent: cur, last: tokens[tokens.length - 1] ?? "" };
}

function getAt(doc: Json, pointer: string): Json {
  const tokens = parsePointer(pointer);
  if (!tokens.length) return doc;
  const { parent, last } = resolveParent(doc, tokens, pointer);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) throw unprocessable(`path ${pointer}: index out of range`);
    return parent[i] as Json;
  }
  if (isObject(parent) && last in parent) return parent[last] as Json;
  throw unprocessable(`doc is missing path: "${pointer}": missing value`);
}

function addAt(doc: Json, pointer: string, value: Json, replace: boolean): Json {
  const tokens = parsePointer(pointer);
  if (!tokens.length) return value;
  const { parent, last } = resolveParent(doc, tokens, pointer);
  if (Array.isArray(parent)) {
    if (last === "-" && !replace) {
      parent.push(value);
      return doc;
    }
    const i = Number(last);
    const max = replace ? parent.length - 1 : parent.length;
    if (!Number.isInteger(i) || i < 0 || i > max) throw unprocessable(`path ${pointer}: index out of range`);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
    return doc;
  }
  if (!isObject(parent)) throw unprocessable(`path ${pointer}: parent is not a container`);
  if (replace && !(last in parent)) throw unprocessable(`doc is missing key: ${pointer}: missing value`);
  parent[last] = value;
  return doc;
}

function removeAt(doc: Json, pointer: string): Json {
  const tokens = parsePointer(pointer);
  const { parent, last } = resolveParent(doc, tokens, pointer);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) throw unprocessable(`path ${pointer}: index out of range`);
    parent.splice(i, 1);
    return doc;
  }
  if (!isObject(parent) || !(last in parent)) {
    throw unprocessable(`unable to remove nonexistent key: ${last}: missing value`);
  }
  delete parent[last];
  return doc;
}

export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw badRequest("json patch must be an array of operations");
  let doc = structuredClone(target) as Json;
  for (const raw of patch as unknown[]) {
    if (!isObject(raw) || typeof raw.op !== "string" || typeof raw.path !== "string") {
      throw badRequest("invalid JSON patch operation: each operation needs op and path");
    }
    const op = raw as unknown as PatchOp;
    switch (op.op) {
      case "add":
        if (!("value" in raw)) throw badRequest(`add operation does not have a value`);
        doc = addAt(doc, op.path, structuredClone(op.value as Json), false);
        break;
      case "replace":
        if (!("value" in raw)) throw badRequest(`replace operation does not have a value`);
        doc = addAt(doc, op.path, structuredClone(op.value as Json), true);
        break;
      case "remove":
        doc = removeAt(doc, op.path);
        break;
      case "move": {
        if (typeof op.from !== "string") throw badRequest("move operation needs from");
        const v = getAt(doc, op.from);
        doc = removeAt(doc, op.from);
        doc = addAt(doc, op.path, v, false);
        break;
      }
      case "copy": {
        if (typeof op.from !== "string") throw badRequest("copy operation needs from");
        doc = addAt(doc, op.path, structuredClone(getAt(doc, op.from)), false);
        break;
      }
      case "test": {
        const actual = getAt(doc, op.path);
        if (JSON.stringify(actual) !== JSON.stringify(op.value)) throw unprocessable(`testing value ${op.path} failed`);
        break;
      }
      default:
        throw badRequest(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

// ---- RFC 7386 JSON Merge Patch -------------------------------------------------------

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = applyMergePatch(result[k], v) as Json;
  }
  return result;
}

// ---- Strategic merge patch, approximated -----------------------------------------------

/**
 * Lists that core kinds merge by key instead of replacing. Everything else is merged like a
 * JSON merge patch, which is what strategic merge does for fields without patch metadata.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  ports: "containerPort",
  conditions: "type",
  imagePullSecrets: "name",
  addresses: "address",
  ownerReferences: "uid",
};

export function applyStrategicMergePatch(target: unknown, patch: unknown, field = ""): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === "replace") {
    const { $patch: _p, ...rest } = patch;
    return stripDirectives(rest);
  }
  const result: JsonObject = isObject(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === "$patch" || k.startsWith("$setElementOrder/") || k === "$retainKeys") continue;
    if (k.startsWith("$deleteFromPrimitiveList/")) {
      const listKey = k.slice("$deleteFromPrimitiveList/".length);
      const cur = result[listKey];
      if (Array.isArray(cur) && Array.isArray(v)) result[listKey] = cur.filter((x) => !v.includes(x));
      continue;
    }
    if (v === null) {
      delete result[k];
      continue;
    }
    const mergeKey = MERGE_KEYS[k];
    if (mergeKey && Array.isArray(v) && Array.isArray(result[k])) {
      result[k] = mergeList(result[k] as Json[], v, mergeKey);
      continue;
    }
    result[k] = applyStrategicMergePatch(result[k], v, k) as Json;
  }
  void field;
  return result;
}

function mergeList(current: Json[], patch: Json[], key: string): Json[] {
  const out = structuredClone(current);
  for (const item of patch) {
    if (!isObject(item)) {
      out.push(item);
      continue;
    }
    const idx = out.findIndex((x) => isObject(x) && x[key] === item[key]);
    if (item.$patch === "delete") {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = applyStrategicMergePatch(out[idx], item) as Json;
    else out.push(stripDirectives(item));
  }
  return out;
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith("$")) out[k] = stripDirectives(x);
  return out;
}
