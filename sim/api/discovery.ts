import type { ResourceType } from "../store/types";

// Legacy (non-aggregated) discovery documents. kubectl falls back to these when the server
// answers its aggregated-discovery Accept header with plain application/json.

export const versionInfo = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.4",
  gitCommit: "59526cd4867447956156ae3a602fcbac10a2c335",
  gitTreeState: "clean",
  buildDate: "2025-04-22T16:00:00Z",
  goVersion: "go1.23.6",
  compiler: "gc",
  platform: "linux/amd64",
};

export function coreVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function groupsOf(types: ResourceType[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const rt of types) {
    if (!rt.group || rt.internal) continue;
    const versions = groups.get(rt.group) ?? [];
    if (!versions.includes(rt.version)) versions.push(rt.version);
    groups.set(rt.group, versions);
  }
  return groups;
}

const groupDoc = (name: string, versions: string[]) => {
  // Prefer the highest stability (v1beta1 before v1alpha1), as Kubernetes orders versions.
  const sorted = [...versions].sort((a, b) => versionRank(b) - versionRank(a));
  return {
    name,
    versions: sorted.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${sorted[0]}`, version: sorted[0] },
  };
};

function versionRank(v: string): number {
  const m = v.match(/^v(\d+)(alpha|beta)?(\d*)$/);
  if (!m) return 0;
  const stability = m[2] === "alpha" ? 0 : m[2] === "beta" ? 1 : 2;
  return stability * 1_000_000 + Number(m[1]) * 1000 + Number(m[3] || 0);
}

export function apiGroupList(types: ResourceType[]): Record<string, unknown> {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [...groupsOf(types)].map(([name, versions]) => groupDoc(name, versions)),
  };
}

export function apiGroup(types: ResourceType[], group: string): Record<string, unknown> | undefined {
  const versions = groupsOf(types).get(group);
  return versions ? { kind: "APIGroup", apiVersion: "v1", ...groupDoc(group, versions) } : undefined;
}

export function apiResourceList(types: ResourceType[], group: string, version: string): Record<string, unknown> | undefined {
  const matching = types.filter((t) => t.group === group && t.version === version && !t.internal);
  if (!matching.length) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const rt of matching) {
    resources.push({
      name: rt.plural,
      singularName: rt.singular,
      namespaced: rt.namespaced,
      kind: rt.kind,
      verbs: rt.verbs,
      ...(rt.shortNames.length ? { shortNames: rt.shortNames } : {}),
      ...(rt.categories.length ? { categories: rt.categories } : {}),
    });
    if (rt.statusSubresource) {
      resources.push({ name: `${rt.plural}/status`, singularName: "", namespaced: rt.namespaced, kind: rt.kind, verbs: ["get", "patch", "update"] });
    }
    for (const sub of rt.extraSubresources) {
      const verbs = sub === "log" ? ["get"] : ["create"];
      const kind = sub === "log" ? "Pod" : sub === "binding" ? "Binding" : "Eviction";
      resources.push({ name: `${rt.plural}/${sub}`, singularName: "", namespaced: rt.namespaced, kind, ...(sub === "eviction" ? { group: "policy", version: "v1" } : {}), verbs });
    }
  }
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: group ? `${group}/${version}` : version, resources };
}
