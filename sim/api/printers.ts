import type { KubeObject, TableCell, TableColumn } from "../store/types";
import { evalJsonPath } from "./jsonpath";

// Server-side table columns, worded like kube-apiserver's printers so `kubectl get` looks real.

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 192) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  const days = Math.floor(hours / 24);
  if (days < 365 * 8) return `${days}d`;
  return `${Math.floor(days / 365)}y${days % 365}d`;
}

export const age = (ts: unknown, now: number): string =>
  typeof ts === "string" ? humanDuration(now - Date.parse(ts)) : "<unknown>";

const nameColumn: TableColumn = {
  name: "Name",
  type: "string",
  format: "name",
  description: "Name must be unique within a namespace.",
  cell: (o) => o.metadata.name ?? "",
};

const ageColumn: TableColumn = {
  name: "Age",
  type: "string",
  description: "CreationTimestamp is a timestamp representing the server time when this object was created.",
  cell: (o, now) => age(o.metadata.creationTimestamp, now),
};

const rec = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

/** Columns built from CRD additionalPrinterColumns (jsonPath based). */
export function crdColumns(cols: { name: string; type: string; jsonPath: string; priority?: number; description?: string }[]): TableColumn[] {
  return [
    nameColumn,
    ...cols.map((c): TableColumn => ({
      name: c.name,
      type: c.type === "date" ? "date" : c.type,
      ...(c.priority ? { priority: c.priority } : {}),
      description: c.description ?? "",
      cell: (o, now): TableCell => {
        const found = evalJsonPath(o, c.jsonPath);
        if (!found.length) return null;
        if (c.type === "date") return age(found[0], now);
        if (found.length === 1) {
          const v = found[0];
          return typeof v === "object" ? JSON.stringify(v) : (v as TableCell);
        }
        return found.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(",");
      },
    })),
  ];
}

export const genericColumns: TableColumn[] = [nameColumn, ageColumn];

export const namespaceColumns: TableColumn[] = [
  nameColumn,
  { name: "Status", type: "string", description: "The status of the namespace", cell: (o) => String(rec(o.status).phase ?? "Active") },
  ageColumn,
];

function nodeStatus(o: KubeObject): string {
  const ready = arr(rec(o.status).conditions).find((c) => c.type === "Ready");
  let s = ready?.status === "True" ? "Ready" : ready?.status === "False" ? "NotReady" : "Unknown";
  if (rec(o.spec).unschedulable) s += ",SchedulingDisabled";
  return s;
}

export const nodeColumns: TableColumn[] = [
  nameColumn,
  { name: "Status", type: "string", description: "The status of the node", cell: nodeStatus },
  {
    name: "Roles",
    type: "string",
    description: "The roles of the node",
    cell: (o) => {
      const roles = Object.keys(o.metadata.labels ?? {})
        .filter((k) => k.startsWith("node-role.kubernetes.io/"))
        .map((k) => k.slice("node-role.kubernetes.io/".length));
      return roles.length ? roles.join(",") : "<none>";
    },
  },
  ageColumn,
  { name: "Version", type: "string", description: "Kubelet Version reported by the node.", cell: (o) => String(rec(rec(o.status).nodeInfo).kubeletVersion ?? "") },
  {
    name: "Internal-IP",
    type: "string",
    priority: 1,
    description: "List of internal IPs for the node.",
    cell: (o) => String(arr(rec(o.status).addresses).find((a) => a.type === "InternalIP")?.address ?? "<none>"),
  },
  { name: "External-IP", type: "string", priority: 1, description: "List of external IPs for the node.", cell: () => "<none>" },
  { name: "OS-Image", type: "string", priority: 1, description: "OS image reported by the node.", cell: (o) => String(rec(rec(o.status).nodeInfo).osImage ?? "") },
  { name: "Kernel-Version", type: "string", priority: 1, description: "Kernel version reported by the node.", cell: (o) => String(rec(rec(o.status).nodeInfo).kernelVersion ?? "") },
  { name: "Container-Runtime", type: "string", priority: 1, description: "Container runtime reported by the node.", cell: (o) => String(rec(rec(o.status).nodeInfo).containerRuntimeVersion ?? "") },
];

/** The STATUS column of `kubectl get pods` (a port of printPod's reasoning). */
export function podStatusReason(o: KubeObject): string {
  const status = rec(o.status);
  let reason = String(status.reason ?? status.phase ?? "Pending");
  const inits = arr(status.initContainerStatuses);
  let initializing = false;
  inits.forEach((c, i) => {
    if (initializing) return;
    const state = rec(c.state);
    const term = rec(state.terminated);
    const wait = rec(state.waiting);
    if (state.terminated && term.exitCode === 0) return;
    initializing = true;
    if (state.terminated) reason = term.reason ? `Init:${String(term.reason)}` : `Init:ExitCode:${String(term.exitCode)}`;
    else if (state.waiting && wait.reason && wait.reason !== "PodInitializing") reason = `Init:${String(wait.reason)}`;
    else reason = `Init:${i}/${inits.length}`;
  });
  if (!initializing) {
    let hasRunning = false;
    const containers = arr(status.containerStatuses);
    for (let i = containers.length - 1; i >= 0; i--) {
      const state = rec(containers[i]?.state);
      const wait = rec(state.waiting);
      const term = rec(state.terminated);
      if (state.waiting && wait.reason) reason = String(wait.reason);
      else if (state.terminated && term.reason) reason = String(term.reason);
      else if (state.terminated) reason = `ExitCode:${String(term.exitCode)}`;
      else if (state.running && containers[i]?.ready) hasRunning = true;
    }
    if (reason === "Completed" && hasRunning) reason = "Running";
  }
  if (o.metadata.deletionTimestamp) reason = "Terminating";
  return reason;
}

export const podColumns: TableColumn[] = [
  nameColumn,
  {
    name: "Ready",
    type: "string",
    description: "The aggregate readiness state of this pod for accepting traffic.",
    cell: (o) => {
      const statuses = arr(rec(o.status).containerStatuses);
      const total = arr(rec(o.spec).containers).length;
      return `${statuses.filter((c) => c.ready).length}/${total}`;
    },
  },
  { name: "Status", type: "string", description: "The aggregate status of the containers in this pod.", cell: podStatusReason },
  {
    name: "Restarts",
    type: "string",
    description: "The number of times the containers in this pod have been restarted.",
    cell: (o) => String(arr(rec(o.status).containerStatuses).reduce((n, c) => n + Number(c.restartCount ?? 0), 0)),
  },
  ageColumn,
  { name: "IP", type: "string", priority: 1, description: "IP address allocated to the pod.", cell: (o) => String(rec(o.status).podIP ?? "<none>") },
  { name: "Node", type: "string", priority: 1, description: "Name of the Node this pod is scheduled on.", cell: (o) => String(rec(o.spec).nodeName ?? "<none>") },
  { name: "Nominated Node", type: "string", priority: 1, description: "Nominated node.", cell: () => "<none>" },
  { name: "Readiness Gates", type: "string", priority: 1, description: "Pod readiness gates.", cell: () => "<none>" },
];

export const eventColumns: TableColumn[] = [
  {
    name: "Last Seen",
    type: "string",
    description: "Time since the event was last seen.",
    cell: (o, now) => age(o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp, now),
  },
  { name: "Type", type: "string", description: "Type of the event.", cell: (o) => String(o.type ?? "") },
  { name: "Reason", type: "string", description: "Reason of the event.", cell: (o) => String(o.reason ?? "") },
  {
    name: "Object",
    type: "string",
    description: "The object this event is about.",
    cell: (o) => {
      const io = rec(o.involvedObject);
      return `${String(io.kind ?? "").toLowerCase()}/${String(io.name ?? "")}`;
    },
  },
  { name: "Message", type: "string", description: "Message of the event.", cell: (o) => String(o.message ?? "") },
];

export const serviceColumns: TableColumn[] = [
  nameColumn,
  { name: "Type", type: "string", description: "The type of the service.", cell: (o) => String(rec(o.spec).type ?? "ClusterIP") },
  { name: "Cluster-IP", type: "string", description: "The cluster IP of the service.", cell: (o) => String(rec(o.spec).clusterIP ?? "<none>") },
  { name: "External-IP", type: "string", description: "External IPs of the service.", cell: () => "<none>" },
  {
    name: "Port(s)",
    type: "string",
    description: "The ports of the service.",
    cell: (o) => arr(rec(o.spec).ports).map((p) => `${String(p.port)}/${String(p.protocol ?? "TCP")}`).join(",") || "<none>",
  },
  ageColumn,
];

export const secretColumns: TableColumn[] = [
  nameColumn,
  { name: "Type", type: "string", description: "The type of the secret.", cell: (o) => String(o.type ?? "Opaque") },
  { name: "Data", type: "string", description: "The number of data items.", cell: (o) => String(Object.keys(rec(o.data)).length + Object.keys(rec(o.stringData)).length) },
  ageColumn,
];

export const configMapColumns: TableColumn[] = [
  nameColumn,
  { name: "Data", type: "string", description: "The number of data items.", cell: (o) => String(Object.keys(rec(o.data)).length + Object.keys(rec(o.binaryData)).length) },
  ageColumn,
];
