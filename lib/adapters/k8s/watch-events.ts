// Pure functions that keep a cache of cluster objects in step with watch events. They are
// the heart of the informer (watch-cache.ts) and are unit-tested on their own.

export type TWatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

export type TCachedObject<T> = { key: string; resourceVersion: string; value: T };

export type TCacheState<T> = {
  items: Map<string, TCachedObject<T>>;
  /** The resourceVersion to resume a watch from. Opaque: compared for equality only. */
  resourceVersion: string;
};

export type TWatchOutcome =
  | { kind: "changed"; key: string; type: "ADDED" | "MODIFIED" | "DELETED" }
  | { kind: "unchanged" }
  | { kind: "expired" }
  | { kind: "error"; message: string };

type TMeta = { metadata?: { name?: string; namespace?: string; resourceVersion?: string } };

export function objectKey(object: TMeta): string {
  const { namespace, name } = object.metadata ?? {};
  return namespace ? `${namespace}/${name}` : `${name}`;
}

/** Replaces the whole state from a list response. */
export function stateFromList<TRaw extends TMeta, T>(items: TRaw[], listResourceVersion: string, reshape: (raw: TRaw) => T): TCacheState<T> {
  const map = new Map<string, TCachedObject<T>>();
  for (const raw of items) {
    const key = objectKey(raw);
    map.set(key, { key, resourceVersion: raw.metadata?.resourceVersion ?? "", value: reshape(raw) });
  }
  return { items: map, resourceVersion: listResourceVersion };
}

/**
 * Applies one watch event to the state, in place, and says what happened. A 410 Gone
 * (an ERROR event whose Status has code 410) means the resourceVersion is too old: the
 * caller must list again. Bookmarks only advance the resourceVersion.
 */
export function applyWatchEvent<TRaw extends TMeta, T>(
  state: TCacheState<T>,
  type: string,
  object: unknown,
  reshape: (raw: TRaw) => T,
): TWatchOutcome {
  if (type === "ERROR") {
    const status = object as { code?: number; message?: string };
    if (status.code === 410) return { kind: "expired" };
    return { kind: "error", message: status.message ?? "watch error" };
  }
  const raw = object as TRaw;
  const resourceVersion = raw.metadata?.resourceVersion;
  if (resourceVersion) state.resourceVersion = resourceVersion;
  if (type === "BOOKMARK") return { kind: "unchanged" };

  const key = objectKey(raw);
  if (type === "DELETED") {
    if (!state.items.delete(key)) return { kind: "unchanged" };
    return { kind: "changed", key, type: "DELETED" };
  }
  if (type === "ADDED" || type === "MODIFIED") {
    const existing = state.items.get(key);
    // A replayed event for a version we already hold changes nothing.
    if (existing && resourceVersion && existing.resourceVersion === resourceVersion) return { kind: "unchanged" };
    state.items.set(key, { key, resourceVersion: resourceVersion ?? "", value: reshape(raw) });
    return { kind: "changed", key, type: existing ? "MODIFIED" : "ADDED" };
  }
  return { kind: "unchanged" };
}
