import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseYaml } from "yaml";
import { ApiError, badRequest, notFound } from "../store/errors";
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from "../store/patch";
import { type Entry, type Store, clone, typeKey } from "../store/store";
import type { KubeObject, ResourceType } from "../store/types";
import { apiVersionOf } from "../store/types";
import type { ChangeEvent, EventType } from "../store/watch";
import { apiGroup, apiGroupList, apiResourceList, coreVersions, versionInfo } from "./discovery";
import { openApiV2, openApiV3GroupVersion, openApiV3Index } from "./openapi";
import { type Predicate, parseFieldSelector, parseLabelSelector } from "./selectors";
import { renderTable, tableRow, columnDefinitions, wantsTable } from "./table";

/** Where pod logs come from (the simulated kubelet). */
export interface LogSource {
  read(namespace: string, pod: string, container: string | undefined, opts: { previous: boolean; tailLines?: number; timestamps: boolean }): string;
  /** Streams new lines until the returned function is called; `end` fires when the container stops. */
  follow(namespace: string, pod: string, container: string | undefined, onLine: (line: string) => void, end: () => void): () => void;
}

export interface ApiOptions {
  token: string;
  logs?: LogSource;
  bookmarkIntervalMs?: number;
}

interface Route {
  rt: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
  watchPath: boolean;
}

const JSON_TYPE = "application/json";

/**
 * The Kubernetes REST API over the store: discovery, CRUD, list with selectors and paging,
 * watch, patch, status and log subresources, dry-run and server-side tables.
 */
export class ApiHandler {
  constructor(
    private readonly store: Store,
    private readonly opts: ApiOptions,
  ) {}

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.dispatch(req, res).catch((err: unknown) => this.fail(res, err));
  };

  private fail(res: ServerResponse, err: unknown): void {
    const apiErr = err instanceof ApiError ? err : new ApiError(500, "InternalError", `Internal error occurred: ${String((err as Error)?.message ?? err)}`);
    if (!(err instanceof ApiError)) console.error("sim: internal error", err);
    if (res.headersSent) {
      res.end();
      return;
    }
    sendJson(res, apiErr.code, apiErr.toStatus());
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const method = req.method ?? "GET";

    if (path === "/healthz" || path === "/readyz" || path === "/livez") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (path === "/version") return sendJson(res, 200, versionInfo);
    if (!this.authorized(req)) {
      sendJson(res, 401, new ApiError(401, "Unauthorized", "Unauthorized").toStatus());
      return;
    }
    const types = this.store.resourceTypes();
    if (path === "/api") return sendJson(res, 200, coreVersions(req.headers.host ?? "127.0.0.1"));
    if (path === "/apis") return sendJson(res, 200, apiGroupList(types));
    if (path === "/openapi/v2") {
      // kubectl asks for protobuf; an empty body is a valid, empty protobuf document.
      if ((req.headers.accept ?? "").includes("protobuf")) {
        res.writeHead(200, { "content-type": "application/com.github.proto-openapi.spec.v2.v1.0+protobuf" }).end();
        return;
      }
      return sendJson(res, 200, openApiV2());
    }
    if (path === "/openapi/v3") return sendJson(res, 200, openApiV3Index(types));
    if (path.startsWith("/openapi/v3/")) {
      const doc = openApiV3GroupVersion(types, path.slice("/openapi/v3/".length));
      return doc ? sendJson(res, 200, doc) : this.fail(res, new ApiError(404, "NotFound", "the server could not find the requested resource"));
    }
    const segments = path.split("/").filter(Boolean).map(decodeURIComponent);
    if (segments[0] === "api" && segments.length === 2) {
      const doc = apiResourceList(types, "", segments[1] ?? "");
      return doc ? sendJson(res, 200, doc) : this.fail(res, new ApiError(404, "NotFound", "the server could not find the requested resource"));
    }
    if (segments[0] === "apis" && segments.length === 2) {
      const doc = apiGroup(types, segments[1] ?? "");
      return doc ? sendJson(res, 200, doc) : this.fail(res, new ApiError(404, "NotFound", "the server could not find the requested resource"));
    }
    if (segments[0] === "apis" && segments.length === 3) {
      const doc = apiResourceList(types, segments[1] ?? "", segments[2] ?? "");
      return doc ? sendJson(res, 200, doc) : this.fail(res, new ApiError(404, "NotFound", "the server could not find the requested resource"));
    }
    const route = this.route(segments);
    if (!route) throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    await this.serveResource(req, res, url, method, route);
  }

  /**
   * A wrong token is refused. No token at all is accepted, like kube-apiserver's old
   * insecure port: kubectl does not send bearer tokens over plain http, and the server only
   * listens on 127.0.0.1.
   */
  private authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization;
    return header === undefined || header === `Bearer ${this.opts.token}`;
  }

  /** Maps /api/v1/... and /apis/g/v/... paths onto a resource type, namespace and name. */
  private route(segments: string[]): Route | undefined {
    let group: string;
    let version: string;
    let rest: string[];
    if (segments[0] === "api") {
      group = "";
      version = segments[1] ?? "";
      rest = segments.slice(2);
    } else if (segments[0] === "apis") {
      group = segments[1] ?? "";
      version = segments[2] ?? "";
      rest = segments.slice(3);
    } else return undefined;
    let watchPath = false;
    if (rest[0] === "watch") {
      watchPath = true;
      rest = rest.slice(1);
    }
    const find = (plural: string | undefined) => {
      if (!plural) return undefined;
      const rt = this.store.typeFor(group, plural);
      return rt && rt.version === version && !rt.internal ? rt : undefined;
    };
    let namespace: string | undefined;
    if (rest[0] === "namespaces" && rest.length >= 3) {
      const rt = find(rest[2]);
      if (rt?.namespaced) {
        namespace = rest[1];
        return { rt, namespace, name: rest[3], subresource: rest[4], watchPath };
      }
    }
    const rt = find(rest[0]);
    if (!rt) return undefined;
    return { rt, namespace: undefined, name: rest[1], subresource: rest[2], watchPath };
  }

  private async serveResource(req: IncomingMessage, res: ServerResponse, url: URL, method: string, route: Route): Promise<void> {
    const { rt, namespace, name, subresource } = route;
    const q = url.searchParams;
    const dryRun = q.getAll("dryRun").includes("All");
    if (subresource && subresource !== "status" && !rt.extraSubresources.includes(subresource)) {
      throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    }
    if (subresource === "status" && !rt.statusSubresource) {
      throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    }
    const isWatch = route.watchPath || q.get("watch") === "true" || q.get("watch") === "1";

    if (!name) {
      if (method === "GET") {
        if (isWatch) return this.watch(req, res, q, rt, namespace);
        return this.list(req, res, q, rt, namespace);
      }
      if (method === "POST") {
        const body = await readObject(req);
        if (rt.namespaced) {
          if (!namespace) throw new ApiError(404, "NotFound", "the server could not find the requested resource");
          if (body.metadata?.namespace && body.metadata.namespace !== namespace) {
            throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
          }
          body.metadata = { ...body.metadata, namespace };
        }
        this.checkKind(rt, body);
        const created = this.store.create(rt, body, { dryRun });
        return this.sendObject(req, res, 201, rt, created);
      }
      if (method === "DELETE") {
        const labelSel = parseLabelSelector(q.get("labelSelector"));
        const fieldSel = parseFieldSelector(rt, q.get("fieldSelector"));
        const victims = this.store.list(rt, namespace).filter((o) => labelSel(o) && fieldSel(o));
        const deleted = victims.map((o) => this.store.delete(rt, o.metadata.namespace, o.metadata.name ?? "", { dryRun }));
        return sendJson(res, 200, { kind: rt.listKind, apiVersion: apiVersionOf(rt), metadata: { resourceVersion: String(this.store.currentRv()) }, items: deleted });
      }
      throw new ApiError(405, "MethodNotAllowed", `the server does not allow this method on the requested resource`);
    }

    if (rt.namespaced && !namespace) throw new ApiError(404, "NotFound", "the server could not find the requested resource");

    if (subresource === "log") {
      if (method !== "GET") throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
      return this.podLog(req, res, q, namespace ?? "", name);
    }
    if (subresource === "binding" || subresource === "eviction") {
      if (method !== "POST") throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
      const body = await readObject(req);
      if (subresource === "binding") {
        const pod = this.store.getCopy(rt, namespace, name);
        if (!pod) throw notFound(rt, name);
        const target = (body as unknown as { target?: { name?: string } }).target?.name;
        if (!target) throw badRequest("binding target name is required");
        if ((pod.spec as Record<string, unknown>).nodeName) {
          throw new ApiError(409, "Conflict", `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${String((pod.spec as Record<string, unknown>).nodeName)}"`);
        }
        (pod.spec as Record<string, unknown>).nodeName = target;
        this.store.update(rt, pod, { dryRun });
      } else {
        this.store.delete(rt, namespace, name, { dryRun });
      }
      return sendJson(res, 201, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 });
    }

    switch (method) {
      case "GET": {
        if (isWatch) {
          // A watch on a single object is a collection watch with a name field selector.
          const qs = new URLSearchParams(q);
          const fs = qs.get("fieldSelector");
          qs.set("fieldSelector", fs ? `${fs},metadata.name=${name}` : `metadata.name=${name}`);
          return this.watch(req, res, qs, rt, namespace);
        }
        const obj = this.store.getOrThrow(rt, namespace, name);
        return this.sendObject(req, res, 200, rt, obj);
      }
      case "PUT": {
        const body = await readObject(req);
        if (body.metadata?.name && body.metadata.name !== name) {
          throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
        }
        if (rt.namespaced && body.metadata?.namespace && body.metadata.namespace !== namespace) {
          throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        this.checkKind(rt, body);
        body.metadata = { ...body.metadata, name, ...(rt.namespaced ? { namespace } : {}) };
        const updated = this.store.update(rt, body, { dryRun, ...(subresource === "status" ? { subresource: "status" as const } : {}) });
        return this.sendObject(req, res, 200, rt, updated);
      }
      case "PATCH": {
        const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim() ?? "";
        const text = await readBody(req);
        const current = this.store.get(rt, namespace, name);
        if (contentType === "application/apply-patch+yaml") {
          const applied = parseBody(text, true) as KubeObject;
          if (!current) {
            applied.metadata = { ...applied.metadata, name, ...(rt.namespaced ? { namespace } : {}) };
            return this.sendObject(req, res, 201, rt, this.store.create(rt, applied, { dryRun }));
          }
          const merged = applyMergePatch(current, applied) as KubeObject;
          return this.sendObject(req, res, 200, rt, this.commitPatch(rt, current, merged, subresource, dryRun, applied));
        }
        if (!current) throw notFound(rt, name);
        let patch: unknown;
        try {
          patch = JSON.parse(text);
        } catch (err) {
          throw badRequest(`error decoding patch: ${(err as Error).message}`);
        }
        let patched: unknown;
        if (contentType === "application/json-patch+json") patched = applyJsonPatch(current, patch);
        else if (contentType === "application/merge-patch+json") patched = applyMergePatch(current, patch);
        else if (contentType === "application/strategic-merge-patch+json") {
          if (!rt.strategicMerge) {
            throw new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
          }
          patched = applyStrategicMergePatch(current, patch);
        } else {
          throw new ApiError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${rt.strategicMerge ? ", application/strategic-merge-patch+json" : ""}`);
        }
        if (!patched || typeof patched !== "object" || Array.isArray(patched)) throw badRequest("patch did not produce an object");
        return this.sendObject(req, res, 200, rt, this.commitPatch(rt, current, patched as KubeObject, subresource, dryRun, patch));
      }
      case "DELETE": {
        const text = await readBody(req);
        const body = text.trim() ? (parseBody(text, false) as Record<string, unknown>) : {};
        const pre = (body.preconditions ?? {}) as Record<string, string>;
        const grace = q.get("gracePeriodSeconds") ?? (body.gracePeriodSeconds as string | number | undefined);
        const policy = (q.get("propagationPolicy") ?? body.propagationPolicy) as "Background" | "Foreground" | "Orphan" | undefined;
        const orphan = q.get("orphanDependents") === "true" || body.orphanDependents === true;
        const deleted = this.store.delete(rt, namespace, name, {
          dryRun: dryRun || (Array.isArray(body.dryRun) && body.dryRun.includes("All")),
          ...(grace !== undefined && grace !== null ? { gracePeriodSeconds: Number(grace) } : {}),
          ...(policy ? { propagationPolicy: policy } : orphan ? { propagationPolicy: "Orphan" as const } : {}),
          ...(pre.uid ? { preconditionUid: pre.uid } : {}),
          ...(pre.resourceVersion ? { preconditionResourceVersion: pre.resourceVersion } : {}),
        });
        return this.sendObject(req, res, 200, rt, deleted);
      }
      default:
        throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    }
  }

  private commitPatch(rt: ResourceType, current: KubeObject, patched: KubeObject, subresource: string | undefined, dryRun: boolean, patch: unknown): KubeObject {
    // A resourceVersion inside the patch is a precondition; otherwise the patch applies to
    // whatever is stored now (Kubernetes patches are not conditional by default).
    const patchRv = findPatchRv(patch);
    patched.metadata = { ...patched.metadata, resourceVersion: patchRv ?? current.metadata.resourceVersion ?? "" };
    patched.metadata.name = current.metadata.name ?? "";
    if (rt.namespaced) patched.metadata.namespace = current.metadata.namespace ?? "";
    return this.store.update(rt, patched, { dryRun, ...(subresource === "status" ? { subresource: "status" as const } : {}) });
  }

  private checkKind(rt: ResourceType, body: KubeObject): void {
    if (body.kind && body.kind !== rt.kind) {
      throw badRequest(`${rt.kind} in version "${rt.version}" cannot be handled as a ${body.kind}: the object kind does not match the resource`);
    }
    if (body.apiVersion && body.apiVersion !== apiVersionOf(rt)) {
      throw badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(rt)})`);
    }
  }

  private sendObject(req: IncomingMessage, res: ServerResponse, code: number, rt: ResourceType, obj: KubeObject): void {
    if (wantsTable(req.headers.accept) && req.method === "GET") {
      return sendJson(res, code, renderTable(rt, [obj], { includeObject: includeObjectParam(req), resourceVersion: obj.metadata.resourceVersion ?? "" }));
    }
    sendJson(res, code, obj);
  }

  // ---- list --------------------------------------------------------------------------

  private list(req: IncomingMessage, res: ServerResponse, q: URLSearchParams, rt: ResourceType, namespace: string | undefined): void | Promise<void> {
    const labelSel = parseLabelSelector(q.get("labelSelector"));
    const fieldSel = parseFieldSelector(rt, q.get("fieldSelector"));
    const limit = Number(q.get("limit") ?? 0);
    const cont = q.get("continue");
    let startAfter: string | undefined;
    let listRv = String(this.store.currentRv());
    if (cont) {
      try {
        const token = JSON.parse(Buffer.from(cont, "base64url").toString("utf8")) as { start: string; rv: string };
        startAfter = token.start;
        listRv = token.rv;
      } catch {
        throw badRequest("continue key is not valid: illegal base64 data");
      }
    }
    const { entries: all, bytes: allBytes } = this.store.listEntries(rt, namespace);
    const filtered = q.get("labelSelector") || q.get("fieldSelector");
    let picked: Entry[] = [];
    let i = 0;
    if (startAfter !== undefined) {
      // Binary search in key order for the first key after the continue point.
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((all[mid]?.key ?? "") <= startAfter) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
    }
    let nextKey: string | undefined;
    let pickedBytes: number | undefined;
    if (!filtered && !(limit > 0) && i === 0) {
      picked = all;
      pickedBytes = allBytes;
      i = all.length;
    }
    for (; i < all.length; i++) {
      const e = all[i];
      if (!e) continue;
      if (filtered && !(labelSel(e.obj) && fieldSel(e.obj))) continue;
      if (limit > 0 && picked.length >= limit) {
        nextKey = picked[picked.length - 1]?.key;
        break;
      }
      picked.push(e);
    }
    const continueToken = nextKey !== undefined ? Buffer.from(JSON.stringify({ start: nextKey, rv: listRv })).toString("base64url") : undefined;
    const remaining = continueToken && !filtered ? all.length - i : undefined;

    if (wantsTable(req.headers.accept)) {
      return sendJson(res, 200, renderTable(rt, picked.map((p) => p.obj), { includeObject: includeObjectParam(req), resourceVersion: listRv, ...(continueToken ? { continueToken } : {}) }));
    }
    const meta = JSON.stringify({
      resourceVersion: listRv,
      ...(continueToken ? { continue: continueToken } : {}),
      ...(remaining !== undefined ? { remainingItemCount: remaining } : {}),
    });
    const head = Buffer.from(`{"kind":${JSON.stringify(rt.listKind)},"apiVersion":${JSON.stringify(apiVersionOf(rt))},"metadata":${meta},"items":[`);
    return writeJsonList(res, head, picked, pickedBytes, LIST_TAIL);
  }

  // ---- watch -------------------------------------------------------------------------

  private watch(req: IncomingMessage, res: ServerResponse, q: URLSearchParams, rt: ResourceType, namespace: string | undefined): void {
    const labelSel = parseLabelSelector(q.get("labelSelector"));
    const fieldSel = parseFieldSelector(rt, q.get("fieldSelector"));
    const matches: Predicate = (o) => labelSel(o) && fieldSel(o);
    const rvParam = q.get("resourceVersion") ?? "";
    const sendInitial = q.get("sendInitialEvents") === "true";
    const bookmarks = q.get("allowWatchBookmarks") === "true";
    const timeoutSeconds = Number(q.get("timeoutSeconds") ?? 0);
    const asTable = wantsTable(req.headers.accept);
    const includeObject = includeObjectParam(req);
    let columnsSent = false;

    res.writeHead(200, { "content-type": JSON_TYPE, "cache-control": "no-cache, private", "transfer-encoding": "chunked" });
    res.flushHeaders();

    const encode = (type: string, obj: KubeObject, json: string | undefined): string => {
      if (!asTable || type === "BOOKMARK" || type === "ERROR") {
        return `{"type":"${type}","object":${json ?? JSON.stringify(obj)}}\n`;
      }
      const table = {
        kind: "Table",
        apiVersion: "meta.k8s.io/v1",
        metadata: { resourceVersion: obj.metadata.resourceVersion ?? "" },
        columnDefinitions: columnsSent ? [] : columnDefinitions(rt),
        rows: [tableRow(rt, obj, includeObject, Date.now())],
      };
      columnsSent = true;
      return `{"type":"${type}","object":${JSON.stringify(table)}}\n`;
    };
    const write = (line: string | Buffer): void => {
      if (!res.writableEnded) res.write(line);
    };
    const bookmark = (annotations?: Record<string, string>): void =>
      write(encode("BOOKMARK", { kind: rt.kind, apiVersion: apiVersionOf(rt), metadata: { resourceVersion: String(this.store.currentRv()), ...(annotations ? { annotations } : {}) } }, undefined));

    let since: number | undefined;
    if (rvParam === "" || rvParam === "0" || sendInitial) {
      // Start with the current state as synthetic ADDED events, then stream from here.
      for (const e of this.store.listEntries(rt, namespace).entries) {
        if (matches(e.obj)) write(asTable ? encode("ADDED", e.obj, undefined) : watchLine("ADDED", e.bytes));
      }
      since = this.store.currentRv();
      if (sendInitial && bookmarks) bookmark({ "k8s.io/initial-events-end": "true" });
    } else {
      since = Number(rvParam);
      if (!Number.isFinite(since)) {
        write(encode("ERROR", badRequest(`invalid resource version: ${rvParam}`).toStatus() as unknown as KubeObject, undefined));
        res.end();
        return;
      }
    }

    let unsubscribe: () => void = () => undefined;
    try {
      unsubscribe = this.store.hub.subscribe(typeKey(rt), {
        namespace,
        matches,
        send: (type: EventType, ev: ChangeEvent) => write(asTable ? encode(type, ev.obj, undefined) : sharedWatchLine(type, ev)),
      }, since);
    } catch (err) {
      if (err instanceof ApiError && err.code === 410) {
        write(encode("ERROR", err.toStatus() as unknown as KubeObject, undefined));
        res.end();
        return;
      }
      throw err;
    }

    const timers: NodeJS.Timeout[] = [];
    const close = (): void => {
      unsubscribe();
      for (const t of timers) clearTimeout(t);
      if (!res.writableEnded) res.end();
    };
    if (bookmarks) {
      const t = setInterval(() => bookmark(), this.opts.bookmarkIntervalMs ?? 10_000);
      timers.push(t);
    }
    if (timeoutSeconds > 0) timers.push(setTimeout(close, timeoutSeconds * 1000));
    req.on("close", close);
    res.on("close", close);
  }

  // ---- logs --------------------------------------------------------------------------

  private podLog(req: IncomingMessage, res: ServerResponse, q: URLSearchParams, namespace: string, name: string): void {
    const podType = this.store.typeFor("", "pods");
    if (!podType) throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    const pod = this.store.getOrThrow(podType, namespace, name);
    const containers = ((pod.spec as Record<string, unknown>).containers as { name: string }[] | undefined) ?? [];
    const initContainers = ((pod.spec as Record<string, unknown>).initContainers as { name: string }[] | undefined) ?? [];
    let container = q.get("container") ?? undefined;
    if (!container) {
      const defaultName = pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"];
      if (defaultName) container = defaultName;
      else if (containers.length === 1) container = containers[0]?.name;
      else throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(" ")}] or one of the init containers: [${initContainers.map((c) => c.name).join(" ")}]`);
    }
    if (![...containers, ...initContainers].some((c) => c.name === container)) {
      throw badRequest(`container ${container} is not valid for pod ${name}`);
    }
    const logs = this.opts.logs;
    const tail = q.get("tailLines");
    const text = logs?.read(namespace, name, container, { previous: q.get("previous") === "true", timestamps: q.get("timestamps") === "true", ...(tail ? { tailLines: Number(tail) } : {}) }) ?? "";
    if (q.get("follow") !== "true" || !logs) {
      res.writeHead(200, { "content-type": "text/plain" }).end(text);
      return;
    }
    res.writeHead(200, { "content-type": "text/plain", "transfer-encoding": "chunked" });
    res.write(text);
    const stop = logs.follow(namespace, name, container, (line) => res.write(line.endsWith("\n") ? line : line + "\n"), () => res.end());
    req.on("close", stop);
  }
}

const LIST_TAIL = Buffer.from("]}");
const COMMA = 0x2c;
/** List bodies are copied into chunks of this size, each written once it is full. */
const LIST_CHUNK = 1 << 20;
/**
 * Chunks whose bytes have reached the socket are reused: a fresh 1 MiB buffer per chunk (40
 * per list of 20,000 pods) costs page faults and, as external memory, extra garbage
 * collections of the whole heap.
 */
const chunkPool: Buffer[] = [];
const CHUNK_POOL_MAX = 4;

/**
 * Writes `head`, the entries' JSON bytes joined by commas, and `tail` as one JSON response.
 * The length is known up front (no chunked encoding). The bytes are copied into 1 MiB chunks
 * that go to the socket as they fill; when the socket is backed up the copy waits for it to
 * drain, so the client receives the first bytes at once and the server holds a few chunks
 * rather than the whole body. The entries are an immutable snapshot, so a list that spans
 * several turns of the event loop still shows one resourceVersion.
 */
async function writeJsonList(res: ServerResponse, head: Buffer, entries: readonly Entry[], entryBytes: number | undefined, tail: Buffer): Promise<void> {
  let bytes = entryBytes;
  if (bytes === undefined) {
    bytes = 0;
    for (const e of entries) bytes += e.bytes.length;
  }
  const length = head.length + tail.length + Math.max(0, entries.length - 1) + bytes;
  res.writeHead(200, { "content-type": JSON_TYPE, "content-length": length });
  let chunk = chunkPool.pop() ?? Buffer.allocUnsafeSlow(LIST_CHUNK);
  let off = 0;
  let blocked = false;
  /** Hands the filled part of the chunk to the socket; the chunk returns to the pool once written. */
  const flush = (): void => {
    if (off === 0) return;
    const full = chunk;
    const ok = res.write(off === full.length ? full : full.subarray(0, off), (err) => {
      if (!err && chunkPool.length < CHUNK_POOL_MAX) chunkPool.push(full);
    });
    if (!ok) blocked = true;
    chunk = chunkPool.pop() ?? Buffer.allocUnsafeSlow(LIST_CHUNK);
    off = 0;
  };
  const drained = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        res.off("drain", done);
        res.off("close", done);
        resolve();
      };
      res.on("drain", done);
      res.on("close", done);
    });
  const add = (b: Buffer): void => {
    if (b.length > LIST_CHUNK - off) {
      flush();
      if (b.length > LIST_CHUNK) {
        if (!res.write(b)) blocked = true;
        return;
      }
    }
    chunk.set(b, off);
    off += b.length;
  };
  add(head);
  for (let i = 0; i < entries.length; i++) {
    if (off === LIST_CHUNK) flush();
    if (blocked) {
      if (!res.destroyed) await drained();
      blocked = false;
      if (res.destroyed) return;
    }
    if (i > 0) {
      if (off === LIST_CHUNK) flush();
      chunk[off++] = COMMA;
    }
    add((entries[i] as Entry).bytes);
  }
  add(tail);
  const last = chunk;
  res.end(last.subarray(0, off), () => {
    if (chunkPool.length < CHUNK_POOL_MAX) chunkPool.push(last);
  });
}

const WATCH_PREFIX: Record<EventType, Buffer> = {
  ADDED: Buffer.from('{"type":"ADDED","object":'),
  MODIFIED: Buffer.from('{"type":"MODIFIED","object":'),
  DELETED: Buffer.from('{"type":"DELETED","object":'),
};
const WATCH_SUFFIX = Buffer.from("}\n");

/** One watch event line, `{"type":…,"object":…}\n`, from the object's JSON bytes. */
function watchLine(type: EventType, bytes: Buffer): Buffer {
  const prefix = WATCH_PREFIX[type];
  const line = Buffer.allocUnsafe(prefix.length + bytes.length + WATCH_SUFFIX.length);
  line.set(prefix, 0);
  line.set(bytes, prefix.length);
  line.set(WATCH_SUFFIX, prefix.length + bytes.length);
  return line;
}

/**
 * An event goes to every watcher of its type in one synchronous loop, so remembering the
 * last line built lets all of them share one Buffer (one serialization per event, not per
 * watcher) without keeping anything beyond the latest event.
 */
let lastLine: { ev: ChangeEvent; type: EventType; line: Buffer } | undefined;
function sharedWatchLine(type: EventType, ev: ChangeEvent): Buffer {
  if (lastLine?.ev === ev && lastLine.type === type) return lastLine.line;
  const line = watchLine(type, ev.bytes);
  lastLine = { ev, type, line };
  return line;
}

function includeObjectParam(req: IncomingMessage): string {
  const q = new URL(req.url ?? "/", "http://localhost").searchParams;
  return q.get("includeObject") ?? "Metadata";
}

function findPatchRv(patch: unknown): string | undefined {
  if (Array.isArray(patch)) {
    for (const op of patch as { op?: string; path?: string; value?: unknown }[]) {
      if (op.path === "/metadata/resourceVersion" && (op.op === "replace" || op.op === "add") && typeof op.value === "string") return op.value;
    }
    return undefined;
  }
  const rv = (patch as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
  return typeof rv === "string" && rv ? rv : undefined;
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { "content-type": JSON_TYPE, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(text: string, allowYaml: boolean): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (allowYaml) {
      try {
        return parseYaml(text) as unknown;
      } catch {
        /* fall through */
      }
    }
    throw badRequest(`the object provided is unrecognized: ${(err as Error).message}`);
  }
}

async function readObject(req: IncomingMessage): Promise<KubeObject> {
  const type = req.headers["content-type"] ?? "";
  const body = parseBody(await readBody(req), /yaml/.test(type));
  if (!body || typeof body !== "object" || Array.isArray(body)) throw badRequest("the body of the request must be an object");
  const obj = clone(body) as KubeObject;
  obj.metadata ??= {};
  return obj;
}
