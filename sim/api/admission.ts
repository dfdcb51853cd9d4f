import { createHash } from "node:crypto";
import type { FieldCause, KubeObject } from "../store/types";

// Mutating admission that a real cluster applies to pods and services before storing them.

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** Extended resources are domain-prefixed names outside the kubernetes.io domain. */
export const isExtendedResource = (name: string): boolean =>
  name.includes("/") && !name.startsWith("kubernetes.io/") && !name.includes(".kubernetes.io/") && !name.startsWith("requests.");

function allContainers(spec: Rec): Rec[] {
  return [...arr(spec.containers), ...arr(spec.initContainers)];
}

/**
 * ExtendedResourceToleration (enabled on GKE): a pod that requests an extended resource such
 * as nvidia.com/gpu tolerates NoSchedule taints keyed with that resource name.
 */
export function addExtendedResourceTolerations(spec: Rec): void {
  const names = new Set<string>();
  for (const c of allContainers(spec)) {
    const res = rec(c.resources);
    for (const k of [...Object.keys(rec(res.requests)), ...Object.keys(rec(res.limits))]) {
      if (isExtendedResource(k)) names.add(k);
    }
  }
  if (!names.size) return;
  const tolerations = arr(spec.tolerations) as Toleration[];
  for (const name of [...names].sort()) {
    const covered = tolerations.some((t) => t.key === name && t.operator === "Exists" && (t.effect === "NoSchedule" || !t.effect));
    if (!covered) tolerations.push({ key: name, operator: "Exists", effect: "NoSchedule" });
  }
  spec.tolerations = tolerations;
}

/** DefaultTolerationSeconds: evict from NotReady/unreachable nodes after 300 s. */
function addDefaultTolerationSeconds(spec: Rec): void {
  const tolerations = arr(spec.tolerations) as Toleration[];
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    if (!tolerations.some((t) => t.key === key && (t.effect === "NoExecute" || !t.effect))) {
      tolerations.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 });
    }
  }
  spec.tolerations = tolerations;
}

function qosClass(spec: Rec): string {
  let anyRequest = false;
  let guaranteed = true;
  for (const c of arr(spec.containers)) {
    const res = rec(c.resources);
    const req = rec(res.requests);
    const lim = rec(res.limits);
    if (["cpu", "memory"].some((r) => req[r] !== undefined || lim[r] !== undefined)) anyRequest = true;
    for (const r of ["cpu", "memory"]) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || String(q) !== String(l)) guaranteed = false;
    }
  }
  if (!anyRequest) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

export function admitPod(pod: KubeObject, old: KubeObject | undefined): void {
  if (old) return;
  const spec = rec(pod.spec);
  pod.spec = spec;
  spec.schedulerName ??= "default-scheduler";
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.serviceAccountName ??= "default";
  spec.enableServiceLinks ??= true;
  spec.priority ??= 0;
  for (const c of allContainers(spec)) {
    // Limits without requests default the requests, as the API server does.
    const res = rec(c.resources);
    if (Object.keys(rec(res.limits)).length) {
      res.requests = { ...rec(res.limits), ...rec(res.requests) };
      c.resources = res;
    }
    const image = String(c.image ?? "");
    c.imagePullPolicy ??= image.endsWith(":latest") || !image.includes(":") ? "Always" : "IfNotPresent";
    c.terminationMessagePath ??= "/dev/termination-log";
    c.terminationMessagePolicy ??= "File";
  }
  addExtendedResourceTolerations(spec);
  addDefaultTolerationSeconds(spec);
  pod.status = { phase: "Pending", qosClass: qosClass(spec) };
}

export function validatePod(pod: KubeObject, old: KubeObject | undefined): FieldCause[] {
  const spec = rec(pod.spec);
  const causes: FieldCause[] = [];
  const containers = arr(spec.containers);
  if (!containers.length) causes.push({ field: "spec.containers", message: "Required value", reason: "FieldValueRequired" });
  containers.forEach((c, i) => {
    if (!c.name) causes.push({ field: `spec.containers[${i}].name`, message: "Required value", reason: "FieldValueRequired" });
    if (!c.image) causes.push({ field: `spec.containers[${i}].image`, message: "Required value", reason: "FieldValueRequired" });
  });
  if (old) {
    const oldNode = rec(old.spec).nodeName;
    if (oldNode && spec.nodeName !== oldNode) {
      causes.push({ field: "spec.nodeName", message: "Forbidden: pod updates may not change fields other than `spec.containers[*].image`, ... `spec.tolerations` (only additions to existing tolerations)", reason: "FieldValueForbidden" });
    }
  }
  return causes;
}

export function admitService(svc: KubeObject, old: KubeObject | undefined): void {
  const spec = rec(svc.spec);
  svc.spec = spec;
  spec.type ??= "ClusterIP";
  if (old) {
    spec.clusterIP = rec(old.spec).clusterIP;
    spec.clusterIPs = rec(old.spec).clusterIPs;
  } else if (spec.clusterIP !== "None") {
    const h = createHash("sha1").update(`${svc.metadata.namespace}/${svc.metadata.name}`).digest();
    spec.clusterIP = `10.96.${h[0] ?? 0}.${((h[1] ?? 0) % 253) + 2}`;
    spec.clusterIPs = [spec.clusterIP];
  }
  for (const p of arr(spec.ports)) {
    p.protocol ??= "TCP";
    p.targetPort ??= p.port;
  }
  spec.sessionAffinity ??= "None";
  svc.status ??= { loadBalancer: {} };
}

export function admitNamespace(ns: KubeObject, old: KubeObject | undefined): void {
  if (!ns.metadata.deletionTimestamp) ns.status = { phase: "Active" };
  ns.metadata.labels = { ...ns.metadata.labels, "kubernetes.io/metadata.name": ns.metadata.name ?? "" };
  void old;
}
