import type { ResourceType } from "../store/types";

// Minimal OpenAPI documents. kubectl reads /openapi/v3 to learn that the server supports
// the fieldValidation query parameter (so it validates server-side instead of downloading
// schemas); each group-version document lists PATCH operations tagged with their GVK.

const gvPath = (rt: ResourceType): string => (rt.group ? `apis/${rt.group}/${rt.version}` : `api/${rt.version}`);

export function openApiV3Index(types: ResourceType[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const rt of types) {
    if (rt.internal) continue;
    const p = gvPath(rt);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=0` };
  }
  return { paths };
}

export function openApiV3GroupVersion(types: ResourceType[], path: string): Record<string, unknown> | undefined {
  const matching = types.filter((rt) => !rt.internal && gvPath(rt) === path);
  if (!matching.length) return undefined;
  const paths: Record<string, unknown> = {};
  for (const rt of matching) {
    const base = `/${gvPath(rt)}${rt.namespaced ? "/namespaces/{namespace}" : ""}/${rt.plural}/{name}`;
    const op = (action: string) => ({
      operationId: `${action}${rt.kind}`,
      "x-kubernetes-action": action,
      "x-kubernetes-group-version-kind": { group: rt.group, version: rt.version, kind: rt.kind },
      parameters: [
        { name: "dryRun", in: "query", schema: { type: "string", uniqueItems: true } },
        { name: "fieldManager", in: "query", schema: { type: "string", uniqueItems: true } },
        { name: "fieldValidation", in: "query", schema: { type: "string", uniqueItems: true } },
      ],
      responses: { "200": { description: "OK" } },
    });
    paths[base] = { get: op("get"), put: op("put"), patch: op("patch"), delete: op("delete") };
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: "v1.32.4" },
    paths,
    components: { schemas: {} },
  };
}

export function openApiV2(): Record<string, unknown> {
  return { swagger: "2.0", info: { title: "Kubernetes", version: "v1.32.4" }, paths: {}, definitions: {} };
}
