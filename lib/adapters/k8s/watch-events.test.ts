import { describe, expect, it } from "vitest";
import { applyWatchEvent, stateFromList } from "./watch-events";

type TRaw = { metadata: { name: string; namespace?: string; resourceVersion?: string }; spec?: { n: number } };
const reshape = (raw: TRaw) => ({ name: raw.metadata.name, n: raw.spec?.n ?? 0 });
const obj = (name: string, rv: string, n = 0, namespace?: string): TRaw => ({ metadata: { name, namespace, resourceVersion: rv }, spec: { n } });

describe("watch event reducer", () => {
  it("builds the state from a list, keyed by namespace/name", () => {
    const state = stateFromList([obj("a", "1"), obj("b", "2", 0, "ns")], "5", reshape);
    expect([...state.items.keys()]).toEqual(["a", "ns/b"]);
    expect(state.resourceVersion).toBe("5");
  });

  it("adds, modifies and deletes, and advances the resourceVersion", () => {
    const state = stateFromList<TRaw, ReturnType<typeof reshape>>([], "1", reshape);
    expect(applyWatchEvent(state, "ADDED", obj("a", "2", 1), reshape)).toEqual({ kind: "changed", key: "a", type: "ADDED" });
    expect(applyWatchEvent(state, "MODIFIED", obj("a", "3", 7), reshape)).toEqual({ kind: "changed", key: "a", type: "MODIFIED" });
    expect(state.items.get("a")?.value.n).toBe(7);
    expect(state.resourceVersion).toBe("3");
    expect(applyWatchEvent(state, "DELETED", obj("a", "4"), reshape)).toEqual({ kind: "changed", key: "a", type: "DELETED" });
    expect(state.items.size).toBe(0);
    expect(state.resourceVersion).toBe("4");
  });

  it("treats an ADDED for an unknown key after a relist as an add, and a MODIFIED for an unknown key as an add", () => {
    const state = stateFromList<TRaw, ReturnType<typeof reshape>>([], "1", reshape);
    expect(applyWatchEvent(state, "MODIFIED", obj("x", "9"), reshape)).toMatchObject({ type: "ADDED" });
  });

  it("ignores replays of a version it already holds and deletes of unknown objects", () => {
    const state = stateFromList([obj("a", "2", 1)], "2", reshape);
    expect(applyWatchEvent(state, "MODIFIED", obj("a", "2", 1), reshape)).toEqual({ kind: "unchanged" });
    expect(applyWatchEvent(state, "DELETED", obj("zzz", "3"), reshape)).toEqual({ kind: "unchanged" });
  });

  it("moves the resourceVersion on bookmarks without touching items", () => {
    const state = stateFromList([obj("a", "2")], "2", reshape);
    expect(applyWatchEvent(state, "BOOKMARK", { metadata: { resourceVersion: "40" } }, reshape)).toEqual({ kind: "unchanged" });
    expect(state.resourceVersion).toBe("40");
    expect(state.items.size).toBe(1);
  });

  it("reports 410 Gone as expired and other errors as errors", () => {
    const state = stateFromList<TRaw, ReturnType<typeof reshape>>([], "1", reshape);
    expect(applyWatchEvent(state, "ERROR", { kind: "Status", code: 410, message: "too old resource version" }, reshape)).toEqual({ kind: "expired" });
    expect(applyWatchEvent(state, "ERROR", { kind: "Status", code: 500, message: "boom" }, reshape)).toEqual({ kind: "error", message: "boom" });
  });
});
