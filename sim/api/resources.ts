import type { KubeObject, ResourceType, TableColumn } from "../store/types";
import { admitInferenceService, validateInferenceService } from "../validation/validate-isvc";
import { admitNamespace, admitPod, admitService, validatePod } from "./admission";
import {
  configMapColumns,
  crdColumns,
  eventColumns,
  genericColumns,
  namespaceColumns,
  nodeColumns,
  podColumns,
  secretColumns,
  serviceColumns,
} from "./printers";
import { commonFieldSelectors, fieldValue } from "./selectors";

const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

interface TypeSpec extends Partial<ResourceType> {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

function defineType(spec: TypeSpec): ResourceType {
  const { fieldSelectors, ...rest } = spec;
  return {
    listKind: `${spec.kind}List`,
    singular: spec.kind.toLowerCase(),
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    statusSubresource: false,
    extraSubresources: [],
    strategicMerge: spec.group === "",
    internal: false,
    columns: genericColumns,
    createStatus: "keep",
    ...rest,
    fieldSelectors: { ...commonFieldSelectors(spec.namespaced), ...fieldSelectors },
  };
}

const podGrace = (pod: KubeObject): number => {
  const spec = (pod.spec ?? {}) as Record<string, unknown>;
  if (!spec.nodeName) return 0;
  const phase = (pod.status as Record<string, unknown> | undefined)?.phase;
  if (phase === "Succeeded" || phase === "Failed") return 0;
  return Number(spec.terminationGracePeriodSeconds ?? 30);
};

export const namespaces = defineType({
  group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false,
  shortNames: ["ns"], columns: namespaceColumns, admit: admitNamespace,
  statusSubresource: true,
  fieldSelectors: { "status.phase": fieldValue("status.phase") },
});

export const nodes = defineType({
  group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false,
  shortNames: ["no"], columns: nodeColumns, statusSubresource: true,
  fieldSelectors: { "spec.unschedulable": (o) => String(Boolean((o.spec as Record<string, unknown> | undefined)?.unschedulable)) },
});

export const pods = defineType({
  group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true,
  shortNames: ["po"], categories: ["all"], columns: podColumns, statusSubresource: true,
  extraSubresources: ["log", "binding", "eviction"],
  admit: admitPod, validate: validatePod, deletionGraceSeconds: podGrace,
  fieldSelectors: {
    "spec.nodeName": fieldValue("spec.nodeName"),
    "spec.restartPolicy": fieldValue("spec.restartPolicy"),
    "spec.schedulerName": fieldValue("spec.schedulerName"),
    "spec.serviceAccountName": fieldValue("spec.serviceAccountName"),
    "spec.hostNetwork": (o) => String(Boolean((o.spec as Record<string, unknown> | undefined)?.hostNetwork)),
    "status.phase": fieldValue("status.phase"),
    "status.podIP": fieldValue("status.podIP"),
    "status.nominatedNodeName": fieldValue("status.nominatedNodeName"),
  },
});

const involved = (f: string) => fieldValue(`involvedObject.${f}`);
export const events = defineType({
  group: "", version: "v1", kind: "Event", plural: "events", namespaced: true,
  shortNames: ["ev"], columns: eventColumns,
  fieldSelectors: {
    "involvedObject.kind": involved("kind"),
    "involvedObject.namespace": involved("namespace"),
    "involvedObject.name": involved("name"),
    "involvedObject.uid": involved("uid"),
    "involvedObject.apiVersion": involved("apiVersion"),
    "involvedObject.resourceVersion": involved("resourceVersion"),
    "involvedObject.fieldPath": involved("fieldPath"),
    reason: fieldValue("reason"),
    reportingComponent: fieldValue("reportingComponent"),
    source: fieldValue("source.component"),
    type: fieldValue("type"),
  },
});

export const services = defineType({
  group: "", version: "v1", kind: "Service", plural: "services", namespaced: true,
  shortNames: ["svc"], categories: ["all"], columns: serviceColumns, statusSubresource: true, admit: admitService,
});

export const secrets = defineType({
  group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true,
  columns: secretColumns, fieldSelectors: { type: fieldValue("type") },
});

export const configMaps = defineType({
  group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true,
  shortNames: ["cm"], columns: configMapColumns,
});

// Printer columns as declared by the upstream CRDs.
const isvcColumns: TableColumn[] = crdColumns([
  { name: "URL", type: "string", jsonPath: ".status.url" },
  { name: "Ready", type: "string", jsonPath: ".status.conditions[?(@.type=='Ready')].status" },
  { name: "Prev", type: "integer", jsonPath: ".status.components.predictor.traffic[?(@.tag=='prev')].percent" },
  { name: "Latest", type: "integer", jsonPath: ".status.components.predictor.traffic[?(@.latestRevision==true)].percent" },
  { name: "PrevRolledoutRevision", type: "string", jsonPath: ".status.components.predictor.traffic[?(@.tag=='prev')].revisionName" },
  { name: "LatestReadyRevision", type: "string", jsonPath: ".status.components.predictor.traffic[?(@.latestRevision==true)].revisionName" },
  { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
]);

const runtimeColumns: TableColumn[] = crdColumns([
  { name: "Disabled", type: "boolean", jsonPath: ".spec.disabled" },
  { name: "ModelType", type: "string", jsonPath: ".spec.supportedModelFormats[*].name" },
  { name: "Containers", type: "string", jsonPath: ".spec.containers[*].name" },
  { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
]);

export const inferenceServices = defineType({
  group: "serving.kserve.io", version: "v1beta1", kind: "InferenceService", plural: "inferenceservices",
  namespaced: true, shortNames: ["isvc"], categories: [], columns: isvcColumns,
  statusSubresource: true, createStatus: "drop", validate: validateInferenceService, admit: admitInferenceService,
});

// ServingRuntime kinds are served at v1alpha1, which is the version their upstream CRDs define.
export const servingRuntimes = defineType({
  group: "serving.kserve.io", version: "v1alpha1", kind: "ServingRuntime", plural: "servingruntimes",
  namespaced: true, columns: runtimeColumns, statusSubresource: true, createStatus: "drop",
});

export const clusterServingRuntimes = defineType({
  group: "serving.kserve.io", version: "v1alpha1", kind: "ClusterServingRuntime", plural: "clusterservingruntimes",
  namespaced: false, columns: runtimeColumns, statusSubresource: true, createStatus: "drop",
});

export const scaledObjects = defineType({
  group: "keda.sh", version: "v1alpha1", kind: "ScaledObject", plural: "scaledobjects",
  namespaced: true, shortNames: ["so"], categories: ["keda", "scaledobject"],
  statusSubresource: true, createStatus: "drop",
  columns: crdColumns([
    { name: "ScaleTargetKind", type: "string", jsonPath: ".status.scaleTargetKind" },
    { name: "ScaleTargetName", type: "string", jsonPath: ".spec.scaleTargetRef.name" },
    { name: "Min", type: "integer", jsonPath: ".spec.minReplicaCount" },
    { name: "Max", type: "integer", jsonPath: ".spec.maxReplicaCount" },
    { name: "Ready", type: "string", jsonPath: ".status.conditions[?(@.type==\"Ready\")].status" },
    { name: "Active", type: "string", jsonPath: ".status.conditions[?(@.type==\"Active\")].status" },
    { name: "Fallback", type: "string", jsonPath: ".status.conditions[?(@.type==\"Fallback\")].status" },
    { name: "Paused", type: "string", jsonPath: ".status.conditions[?(@.type==\"Paused\")].status" },
    { name: "Triggers", type: "string", jsonPath: ".status.triggersTypes" },
    { name: "Authentications", type: "string", jsonPath: ".status.authenticationsTypes" },
    { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
  ]),
});

/** Knative-style revision bookkeeping of the KServe controller; persisted, not served. */
export const revisions = defineType({
  group: "internal.sim", version: "v1", kind: "Revision", plural: "revisions", namespaced: true,
  internal: true, strategicMerge: false,
});

export const ALL_TYPES: ResourceType[] = [
  namespaces, nodes, pods, events, services, secrets, configMaps,
  inferenceServices, servingRuntimes, clusterServingRuntimes, scaledObjects, revisions,
];
