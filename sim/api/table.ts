import type { KubeObject, ResourceType } from "../store/types";

// Server-side printing: `Accept: application/json;as=Table;g=meta.k8s.io;v=v1`.

export const wantsTable = (accept: string | undefined): boolean => !!accept && /as=Table/.test(accept);

export function columnDefinitions(rt: ResourceType): Record<string, unknown>[] {
  return rt.columns.map((c) => ({
    name: c.name,
    type: c.type,
    format: c.format ?? "",
    description: c.description ?? "",
    priority: c.priority ?? 0,
  }));
}

function partialMetadata(obj: KubeObject): Record<string, unknown> {
  const { managedFields: _mf, ...metadata } = obj.metadata;
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata };
}

export function tableRow(rt: ResourceType, obj: KubeObject, includeObject: string, now: number): Record<string, unknown> {
  const row: Record<string, unknown> = { cells: rt.columns.map((c) => c.cell(obj, now)) };
  if (includeObject === "Object") row.object = obj;
  else if (includeObject !== "None") row.object = partialMetadata(obj);
  return row;
}

export function renderTable(
  rt: ResourceType,
  objects: KubeObject[],
  opts: { includeObject: string; resourceVersion: string; continueToken?: string; withColumns?: boolean },
): Record<string, unknown> {
  const now = Date.now();
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: {
      resourceVersion: opts.resourceVersion,
      ...(opts.continueToken ? { continue: opts.continueToken } : {}),
    },
    columnDefinitions: opts.withColumns === false ? [] : columnDefinitions(rt),
    rows: objects.map((o) => tableRow(rt, o, opts.includeObject, now)),
  };
}
