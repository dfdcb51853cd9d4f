// Shapes shared by the store, the API server and the controllers.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface FieldCause {
  field: string;
  message: string;
  reason?: string;
}

export type TableCell = string | number | boolean | null;

export interface TableColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  cell: (obj: KubeObject, now: number) => TableCell;
}

/** Everything the sim knows about one served (or internal) resource type. */
export interface ResourceType {
  group: string; // "" for core
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** Has a /status subresource: the main endpoint ignores status, /status ignores the rest. */
  statusSubresource: boolean;
  /** Subresources beyond status, e.g. "log" for pods. */
  extraSubresources: string[];
  /** Core kinds accept strategic merge patch; custom resources answer 415, as upstream does. */
  strategicMerge: boolean;
  /** Not served over HTTP (controller bookkeeping that must survive restarts). */
  internal: boolean;
  fieldSelectors: Record<string, (obj: KubeObject) => string | undefined>;
  columns: TableColumn[];
  /** Mutating admission and defaulting, run on create (and on update when `onUpdate`). */
  admit?: (obj: KubeObject, old: KubeObject | undefined) => void;
  /** What create does with a client-supplied status. */
  createStatus: "keep" | "drop";
  validate?: (obj: KubeObject, old: KubeObject | undefined) => FieldCause[];
  /** Seconds a delete waits for the kubelet (pods on a node); 0 or absent deletes at once. */
  deletionGraceSeconds?: (obj: KubeObject) => number;
}

export const apiVersionOf = (rt: Pick<ResourceType, "group" | "version">): string =>
  rt.group ? `${rt.group}/${rt.version}` : rt.version;

export const qualifiedResource = (rt: Pick<ResourceType, "group" | "plural">): string =>
  rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
