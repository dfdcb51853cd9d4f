import { randomBytes, randomUUID } from "node:crypto";
import { ApiError, alreadyExists, badRequest, conflict, invalid, notFound } from "./errors";
import type { KubeObject, ResourceType } from "./types";
import { apiVersionOf } from "./types";
import { type ChangeEvent, WatchHub } from "./watch";

/** One stored object: the object itself and its serialized JSON (UTF-8), made at commit. */
export interface Entry {
  readonly key: string;
  readonly obj: KubeObject;
  readonly rv: number;
  /**
   * The JSON bytes, shared by list responses, watch events and copies. Only the bytes are
   * kept (outside the JS heap), not a JSON string as well: a string per object doubled the
   * memory of a large cluster and made every garbage collection walk it.
   */
  readonly bytes: Buffer;
}

/** UTF-8 bytes in their own allocation (pooled slices would pin whole 8 KiB slabs). */
export function jsonBytes(json: string): Buffer {
  const buf = Buffer.allocUnsafeSlow(Buffer.byteLength(json, "utf8"));
  buf.write(json, 0, "utf8");
  return buf;
}

/**
 * Equal strings in stored objects share one copy. Objects arrive as fresh clones, so every
 * pod carries its own "True", "Running", image name, node name and timestamp strings; in a
 * cluster of 20,000 pods nine string values in ten are repeats, and sharing them takes
 * about a quarter off the heap. The table is bounded: when full it starts over, which only
 * costs some sharing.
 */
class StringInterner {
  private table = new Map<string, string>();

  constructor(
    private readonly maxEntries = 200_000,
    private readonly maxLength = 64,
  ) {}

  /** Replaces, in place, the string values of a JSON-shaped value with shared copies. */
  internAll(value: unknown): void {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v === "string") value[i] = this.intern(v);
        else if (v !== null && typeof v === "object") this.internAll(v);
      }
    } else if (value !== null && typeof value === "object") {
      const rec = value as Record<string, unknown>;
      for (const k in rec) {
        const v = rec[k];
        if (typeof v === "string") rec[k] = this.intern(v);
        else if (v !== null && typeof v === "object") this.internAll(v);
      }
    }
  }

  private intern(s: string): string {
    if (s.length > this.maxLength) return s;
    const shared = this.table.get(s);
    if (shared !== undefined) return shared;
    if (this.table.size >= this.maxEntries) this.table = new Map();
    this.table.set(s, s);
    return s;
  }
}

interface TypeState {
  rt: ResourceType;
  objects: Map<string, Entry>;
  /**
   * All entries in key order (lists are returned in key order): rebuilt lazily after adds and
   * removes, updated in place when an object changes, so a list of a busy type is a copy of
   * this array rather than a map lookup per object.
   */
  sorted: Entry[] | undefined;
  /** Sum of the entries' JSON byte lengths (the size of an unfiltered list's items). */
  bytes: number;
  byNamespace: Map<string, Set<string>>;
}

export interface WriteOptions {
  dryRun?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
  gracePeriodSeconds?: number;
  preconditionUid?: string;
  preconditionResourceVersion?: string;
}

export type ChangeListener = (ev: ChangeEvent) => void;

export const typeKey = (rt: Pick<ResourceType, "group" | "plural">): string =>
  `${rt.group}/${rt.plural}`;

const objectKey = (namespace: string | undefined, name: string): string =>
  namespace ? `${namespace}/${name}` : name;

export const nowTimestamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

export const clone = <T>(value: T): T => structuredClone(value);

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Serializes with sorted keys so that equality does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const rec = value as Record<string, unknown>;
  const keys = Object.keys(rec)
    .filter((k) => rec[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(rec[k])}`).join(",")}}`;
}

function specOf(obj: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return canonicalJson(rest);
}

/**
 * The object store: Kubernetes write semantics (uid, resourceVersion, generation, conflicts,
 * finalizers, graceful and cascading deletion) over per-type maps. Objects held here are
 * never mutated in place; every write replaces the entry, so cached JSON stays valid.
 */
export class Store {
  private rv = 0;
  private readonly types = new Map<string, TypeState>();
  private readonly listeners: ChangeListener[] = [];
  readonly hub = new WatchHub();
  /** ownerReference uid → dependents ("typeKey|objectKey"), so garbage collection is cheap. */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly strings = new StringInterner();
  /** Called after every committed change (persistence marks itself dirty here). */
  onCommit: (() => void) | undefined;

  register(rt: ResourceType): void {
    this.types.set(typeKey(rt), { rt, objects: new Map(), sorted: undefined, bytes: 0, byNamespace: new Map() });
  }

  resourceTypes(): ResourceType[] {
    return [...this.types.values()].map((t) => t.rt);
  }

  typeFor(group: string, plural: string): ResourceType | undefined {
    return this.types.get(`${group}/${plural}`)?.rt;
  }

  currentRv(): number {
    return this.rv;
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  private state(rt: ResourceType): TypeState {
    const st = this.types.get(typeKey(rt));
    if (!st) throw new Error(`resource type not registered: ${typeKey(rt)}`);
    return st;
  }

  // ---- reads -------------------------------------------------------------------------

  get(rt: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.state(rt).objects.get(objectKey(rt.namespaced ? namespace : undefined, name))?.obj;
  }

  getOrThrow(rt: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const obj = this.get(rt, namespace, name);
    if (!obj) throw notFound(rt, name);
    return obj;
  }

  /** A private deep copy, safe to mutate and pass back to update(). */
  getCopy(rt: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const e = this.state(rt).objects.get(objectKey(rt.namespaced ? namespace : undefined, name));
    return e ? (JSON.parse(e.bytes.toString("utf8")) as KubeObject) : undefined;
  }

  /** Objects in no particular order (cheap; for controllers), optionally in one namespace. */
  list(rt: ResourceType, namespace?: string): KubeObject[] {
    const st = this.state(rt);
    if (namespace !== undefined && rt.namespaced) {
      const out: KubeObject[] = [];
      for (const name of st.byNamespace.get(namespace) ?? []) {
        const e = st.objects.get(objectKey(namespace, name));
        if (e) out.push(e.obj);
      }
      return out;
    }
    const out: KubeObject[] = [];
    for (const e of st.objects.values()) out.push(e.obj);
    return out;
  }

  count(rt: ResourceType): number {
    return this.state(rt).objects.size;
  }

  /**
   * Entries in key order (the stored entries themselves, which are never mutated; the array
   * is the caller's), and the sum of their JSON byte lengths, for list responses and initial
   * watch events.
   */
  listEntries(rt: ResourceType, namespace?: string): { entries: Entry[]; bytes: number } {
    const st = this.state(rt);
    if (namespace !== undefined && st.rt.namespaced) {
      const names = [...(st.byNamespace.get(namespace) ?? [])].sort();
      const entries: Entry[] = [];
      let bytes = 0;
      for (const name of names) {
        const e = st.objects.get(objectKey(namespace, name));
        if (!e) continue;
        entries.push(e);
        bytes += e.bytes.length;
      }
      return { entries, bytes };
    }
    if (!st.sorted) {
      const keys = [...st.objects.keys()].sort();
      st.sorted = keys.map((k) => st.objects.get(k) as Entry);
    }
    return { entries: st.sorted.slice(), bytes: st.bytes };
  }

  /** Keeps the sorted entries and the byte total in step with a write of `key`. */
  private track(st: TypeState, key: string, prev: Entry | undefined, next: Entry | undefined): void {
    st.bytes += (next?.bytes.length ?? 0) - (prev?.bytes.length ?? 0);
    const sorted = st.sorted;
    if (!sorted) return;
    if (!prev || !next) {
      st.sorted = undefined;
      return;
    }
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as Entry).key < key) lo = mid + 1;
      else hi = mid;
    }
    if (sorted[lo]?.key === key) sorted[lo] = next;
    else st.sorted = undefined;
  }

  // ---- writes ------------------------------------------------------------------------

  create(rt: ResourceType, input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const obj = clone(input);
    obj.metadata ??= {};
    const meta = obj.metadata;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    const name = meta.name ?? "";
    if (!name) throw invalid(rt, "", [{ field: "metadata.name", message: "Required value: name or generateName is required", reason: "FieldValueRequired" }]);
    this.checkName(rt, name);
    if (rt.namespaced) {
      if (!meta.namespace) throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
      this.assertNamespaceWritable(meta.namespace);
    } else {
      delete meta.namespace;
    }
    const st = this.state(rt);
    const key = objectKey(meta.namespace, name);
    if (st.objects.has(key)) throw alreadyExists(rt, name);

    obj.apiVersion = apiVersionOf(rt);
    obj.kind = rt.kind;
    meta.uid = randomUUID();
    meta.creationTimestamp = nowTimestamp();
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.resourceVersion;
    delete meta.managedFields;
    if (rt.statusSubresource) {
      meta.generation = 1;
      if (rt.createStatus === "drop") delete obj.status;
    }
    rt.admit?.(obj, undefined);
    this.validateOrThrow(rt, obj, undefined);
    if (opts.dryRun) return obj;
    return this.commit(st, key, obj, "ADDED", undefined);
  }

  /**
   * Replaces an object. With `subresource: "status"` only the status is taken from the input;
   * otherwise the status is kept from the stored object (for types with a status subresource).
   */
  update(rt: ResourceType, input: KubeObject, opts: WriteOptions & { subresource?: "status" } = {}): KubeObject {
    const st = this.state(rt);
    const ns = rt.namespaced ? input.metadata?.namespace : undefined;
    const name = input.metadata?.name ?? "";
    const key = objectKey(ns, name);
    const existing = st.objects.get(key);
    if (!existing) throw notFound(rt, name);
    const old = existing.obj;
    const givenRv = input.metadata?.resourceVersion;
    if (givenRv !== undefined && givenRv !== "" && givenRv !== old.metadata.resourceVersion) {
      throw conflict(rt, name);
    }
    if (input.metadata?.uid && input.metadata.uid !== old.metadata.uid) {
      throw conflict(rt, name);
    }

    let next: KubeObject;
    if (opts.subresource === "status") {
      next = clone(old);
      if (input.status === undefined) delete next.status;
      else next.status = clone(input.status);
    } else {
      next = clone(input);
      next.metadata ??= {};
      // Fields the client cannot change through an update.
      for (const field of ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"] as const) {
        if (old.metadata[field] === undefined) delete next.metadata[field];
        else next.metadata[field] = old.metadata[field] as never;
      }
      if (rt.statusSubresource) {
        if (old.status === undefined) delete next.status;
        else next.status = clone(old.status);
      }
      next.apiVersion = apiVersionOf(rt);
      next.kind = rt.kind;
      rt.admit?.(next, old);
      if (rt.statusSubresource && specOf(next) !== specOf(old)) {
        next.metadata.generation = (old.metadata.generation ?? 0) + 1;
      }
    }
    delete next.metadata.managedFields;
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    this.validateOrThrow(rt, next, old);

    if (old.metadata.deletionTimestamp && !(next.metadata.finalizers?.length) && !this.awaitsKubelet(rt, next)) {
      // The last finalizer is gone: the pending deletion completes now.
      if (opts.dryRun) return next;
      return this.remove(st, key, old, "Background");
    }
    // No-op writes keep their version. Key order is preserved by clone-and-modify, so plain
    // JSON equality catches real no-ops; a reordered object merely costs one extra commit.
    if (existing.bytes.toString("utf8") === JSON.stringify(next)) return old;
    if (opts.dryRun) return next;
    return this.commit(st, key, next, "MODIFIED", old);
  }

  delete(rt: ResourceType, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    const st = this.state(rt);
    const key = objectKey(rt.namespaced ? namespace : undefined, name);
    const existing = st.objects.get(key);
    if (!existing) throw notFound(rt, name);
    const old = existing.obj;
    if (opts.preconditionUid && opts.preconditionUid !== old.metadata.uid) {
      throw new ApiError(409, "Conflict", `Precondition failed: UID in precondition: ${opts.preconditionUid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (opts.preconditionResourceVersion && opts.preconditionResourceVersion !== old.metadata.resourceVersion) {
      throw new ApiError(409, "Conflict", `Precondition failed: ResourceVersion in precondition: ${opts.preconditionResourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);
    }
    const grace = opts.gracePeriodSeconds ?? rt.deletionGraceSeconds?.(old) ?? 0;
    const hasFinalizers = (old.metadata.finalizers?.length ?? 0) > 0;
    const isNamespace = rt.group === "" && rt.plural === "namespaces";
    if (hasFinalizers || grace > 0 || isNamespace) {
      if (old.metadata.deletionTimestamp && grace > 0) return old;
      const next = clone(old);
      next.metadata.deletionTimestamp ??= nowTimestamp();
      if (grace > 0 || old.metadata.deletionGracePeriodSeconds !== undefined) {
        next.metadata.deletionGracePeriodSeconds = grace;
      }
      if (isNamespace) next.status = { ...(next.status as object), phase: "Terminating" };
      if (opts.dryRun) return next;
      if (!hasFinalizers && grace === 0 && !isNamespace) return this.remove(st, key, old, opts.propagationPolicy);
      const committed = this.commit(st, key, next, "MODIFIED", old);
      if (isNamespace) setImmediate(() => this.finishNamespaceDeletion(name));
      return committed;
    }
    if (opts.dryRun) return old;
    return this.remove(st, key, old, opts.propagationPolicy);
  }

  /** Pods with a deletion grace wait for the kubelet even when no finalizers remain. */
  private awaitsKubelet(rt: ResourceType, obj: KubeObject): boolean {
    return (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0 && (rt.deletionGraceSeconds?.(obj) ?? 0) > 0;
  }

  private remove(st: TypeState, key: string, old: KubeObject, policy: DeleteOptions["propagationPolicy"]): KubeObject {
    const gone = clone(old);
    this.strings.internAll(gone);
    gone.metadata.resourceVersion = String(++this.rv);
    this.track(st, key, st.objects.get(key), undefined);
    st.objects.delete(key);
    this.indexOwners(st, key, old, undefined);
    if (old.metadata.namespace) st.byNamespace.get(old.metadata.namespace)?.delete(old.metadata.name ?? "");
    this.emit(st, { type: "DELETED", rt: st.rt, obj: gone, old, rv: this.rv, bytes: jsonBytes(JSON.stringify(gone)) });
    const uid = old.metadata.uid;
    if (uid) setImmediate(() => this.collectDependents(uid, policy ?? "Background"));
    return gone;
  }

  private commit(st: TypeState, key: string, obj: KubeObject, type: "ADDED" | "MODIFIED", old: KubeObject | undefined): KubeObject {
    obj.metadata.resourceVersion = String(++this.rv);
    this.strings.internAll(obj);
    const entry: Entry = { key, obj, rv: this.rv, bytes: jsonBytes(JSON.stringify(obj)) };
    this.track(st, key, st.objects.get(key), entry);
    st.objects.set(key, entry);
    this.indexOwners(st, key, old, obj);
    if (type === "ADDED") {
      const ns = obj.metadata.namespace;
      if (ns) {
        let names = st.byNamespace.get(ns);
        if (!names) st.byNamespace.set(ns, (names = new Set()));
        names.add(obj.metadata.name ?? "");
      }
    }
    this.emit(st, { type, rt: st.rt, obj, old, rv: this.rv, bytes: entry.bytes });
    return obj;
  }

  private emit(st: TypeState, ev: ChangeEvent): void {
    if (!st.rt.internal) this.hub.publish(typeKey(st.rt), ev);
    this.onCommit?.();
    for (const l of this.listeners) {
      try {
        l(ev);
      } catch (err) {
        console.error("sim: change listener failed", err);
      }
    }
  }

  // ---- garbage collection ------------------------------------------------------------

  private indexOwners(st: TypeState, key: string, old: KubeObject | undefined, next: KubeObject | undefined): void {
    const ref = `${typeKey(st.rt)}|${key}`;
    for (const r of old?.metadata.ownerReferences ?? []) this.dependents.get(r.uid)?.delete(ref);
    for (const r of next?.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(r.uid);
      if (!set) this.dependents.set(r.uid, (set = new Set()));
      set.add(ref);
    }
  }

  /** Deletes (or orphans) every object whose ownerReferences name `ownerUid`. */
  private collectDependents(ownerUid: string, policy: "Background" | "Foreground" | "Orphan"): void {
    const refs = [...(this.dependents.get(ownerUid) ?? [])];
    this.dependents.delete(ownerUid);
    for (const ref of refs) {
      const sep = ref.indexOf("|");
      const st = this.types.get(ref.slice(0, sep));
      const key = ref.slice(sep + 1);
      const e = st?.objects.get(key);
      if (!st || !e) continue;
      const ownerRefs = e.obj.metadata.ownerReferences;
      if (!ownerRefs?.some((r) => r.uid === ownerUid)) continue;
      const remaining = ownerRefs.filter((r) => r.uid !== ownerUid);
      if (policy === "Orphan" || remaining.length > 0) {
        const next = clone(e.obj);
        if (remaining.length) next.metadata.ownerReferences = remaining;
        else delete next.metadata.ownerReferences;
        this.commit(st, key, next, "MODIFIED", e.obj);
        continue;
      }
      try {
        this.delete(st.rt, e.obj.metadata.namespace, e.obj.metadata.name ?? "", { propagationPolicy: "Background" });
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 404)) throw err;
      }
    }
  }

  /** Removes objects whose owners no longer exist (run once after loading a snapshot). */
  collectOrphans(): void {
    const uids = new Set<string>();
    for (const st of this.types.values()) for (const e of st.objects.values()) if (e.obj.metadata.uid) uids.add(e.obj.metadata.uid);
    const missing = new Set<string>();
    for (const st of this.types.values())
      for (const e of st.objects.values())
        for (const r of e.obj.metadata.ownerReferences ?? []) if (!uids.has(r.uid)) missing.add(r.uid);
    for (const uid of missing) this.collectDependents(uid, "Background");
  }

  private finishNamespaceDeletion(namespace: string): void {
    for (const st of this.types.values()) {
      if (!st.rt.namespaced) continue;
      for (const name of [...(st.byNamespace.get(namespace) ?? [])]) {
        const key = objectKey(namespace, name);
        const e = st.objects.get(key);
        if (e) this.remove(st, key, e.obj, "Background");
      }
    }
    const nsType = this.types.get("/namespaces");
    const ns = nsType?.objects.get(namespace);
    if (nsType && ns && !(ns.obj.metadata.finalizers?.length)) this.remove(nsType, namespace, ns.obj, "Background");
  }

  // ---- checks ------------------------------------------------------------------------

  private checkName(rt: ResourceType, name: string): void {
    if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
      throw invalid(rt, name, [
        {
          field: "metadata.name",
          message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        },
      ]);
    }
  }

  private assertNamespaceWritable(namespace: string): void {
    const nsType = this.types.get("/namespaces");
    if (!nsType) return;
    const ns = nsType.objects.get(namespace);
    if (!ns) throw notFound(nsType.rt, namespace);
    if (ns.obj.metadata.deletionTimestamp) {
      throw new ApiError(403, "Forbidden", `unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  private validateOrThrow(rt: ResourceType, obj: KubeObject, old: KubeObject | undefined): void {
    const causes = rt.validate?.(obj, old) ?? [];
    if (causes.length) throw invalid(rt, obj.metadata.name ?? "", causes);
  }

  // ---- persistence -------------------------------------------------------------------

  /** Serializes every object (internal ones too) plus the version counter. */
  snapshot(): Buffer {
    const parts: Buffer[] = [Buffer.from(`{"resourceVersion":${this.rv},"objects":{`)];
    const comma = Buffer.from(",");
    let firstType = true;
    for (const [key, st] of this.types) {
      parts.push(Buffer.from(`${firstType ? "" : ","}${JSON.stringify(key)}:[`));
      firstType = false;
      let first = true;
      for (const e of st.objects.values()) {
        if (!first) parts.push(comma);
        parts.push(e.bytes);
        first = false;
      }
      parts.push(Buffer.from("]"));
    }
    parts.push(Buffer.from("}}"));
    return Buffer.concat(parts);
  }

  /** Loads a snapshot written by snapshot(); no events are emitted. */
  restore(text: string): void {
    const data = JSON.parse(text) as { resourceVersion: number; objects: Record<string, KubeObject[]> };
    this.rv = data.resourceVersion;
    for (const [key, items] of Object.entries(data.objects)) {
      const st = this.types.get(key);
      if (!st) continue;
      st.objects.clear();
      st.byNamespace.clear();
      st.sorted = undefined;
      st.bytes = 0;
      for (const obj of items) {
        const ns = st.rt.namespaced ? obj.metadata.namespace : undefined;
        const key = objectKey(ns, obj.metadata.name ?? "");
        this.strings.internAll(obj);
        const entry: Entry = { key, obj, rv: Number(obj.metadata.resourceVersion), bytes: jsonBytes(JSON.stringify(obj)) };
        this.track(st, key, st.objects.get(key), entry);
        st.objects.set(key, entry);
        this.indexOwners(st, key, undefined, obj);
        if (ns) {
          let names = st.byNamespace.get(ns);
          if (!names) st.byNamespace.set(ns, (names = new Set()));
          names.add(obj.metadata.name ?? "");
        }
      }
    }
    // There is no event history from before the restart: older watches must re-list.
    this.hub.compactAll(this.rv);
  }
}

function randomSuffix(): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  const bytes = randomBytes(5);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
}
