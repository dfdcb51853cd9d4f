import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { KubeObject } from "../store/types";
import { parseQuantity } from "../scheduler/quantity";

const ZMigPartition = z.object({
  profile: z.string().regex(/^\d+g\.\d+gb$/),
  gpus: z.number().int().positive(),
  perGpu: z.number().int().positive(),
  memoryMiB: z.number().int().positive(),
});

const ZGpu = z.object({
  product: z.string(),
  accelerator: z.string().optional(),
  memoryMiB: z.number().int().positive(),
  count: z.number().int().positive(),
  family: z.string().default("undefined"),
  computeMajor: z.number().int().default(0),
  computeMinor: z.number().int().default(0),
  migCapable: z.boolean().default(false),
  mig: z.object({ strategy: z.literal("mixed"), partitions: z.array(ZMigPartition) }).optional(),
  sharing: z.object({ strategy: z.enum(["time-slicing", "mps"]), replicas: z.number().int().min(2) }).optional(),
});

const ZPool = z.object({
  name: z.string().regex(/^[a-z0-9-]+$/),
  count: z.number().int().min(0),
  machineType: z.string().default("e2-standard-8"),
  cpu: z.string(),
  memory: z.string(),
  labels: z.record(z.string(), z.string()).default({}),
  taints: z.array(z.object({ key: z.string(), value: z.string().optional(), effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]) })).optional(),
  gpu: ZGpu.optional(),
});

const ZFleet = z.object({
  cluster: z
    .object({
      domain: z.string().default("example.com"),
      region: z.string().default("us-central1"),
      zones: z.array(z.string()).min(1).default(["us-central1-a"]),
      kubeletVersion: z.string().default("v1.32.4"),
    })
    .default({ domain: "example.com", region: "us-central1", zones: ["us-central1-a"], kubeletVersion: "v1.32.4" }),
  storage: z.object({ known: z.array(z.string()) }).default({ known: ["s3://models/", "gs://", "hf://", "pvc://"] }),
  pools: z.array(ZPool),
});

export type FleetConfig = z.infer<typeof ZFleet>;
export type PoolConfig = z.infer<typeof ZPool>;
export type GpuConfig = z.infer<typeof ZGpu>;

export const DEFAULT_FLEET_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "default-fleet.yaml");

export function loadFleet(file: string = DEFAULT_FLEET_FILE): FleetConfig {
  const raw = parseYaml(readFileSync(file, "utf8")) as unknown;
  const parsed = ZFleet.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid fleet file ${file}: ${parsed.error.message}`);
  return parsed.data;
}

/** One schedulable GPU unit as the device plugin advertises it. */
export interface GpuDevice {
  resource: string; // nvidia.com/gpu or nvidia.com/mig-1g.10gb
  /** Device id the plugin hands out; shared GPUs have one id per replica ("GPU-…::2"). */
  id: string;
  uuid: string; // physical GPU or MIG instance UUID
  index: number; // physical GPU index on the node
  product: string;
  memoryMiB: number;
  migProfile?: string;
}

const uuidFrom = (seed: string): string => {
  const h = createHash("sha1").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

export const nodeName = (pool: PoolConfig, i: number): string => `gke-gantry-${pool.name}-${i}`;

/** The devices a node of this pool advertises, in device-plugin order. */
export function gpuDevices(pool: PoolConfig, node: string): GpuDevice[] {
  const gpu = pool.gpu;
  if (!gpu) return [];
  const devices: GpuDevice[] = [];
  const partitionedGpus = gpu.mig?.partitions.reduce((n, p) => n + p.gpus, 0) ?? 0;
  const wholeGpus = gpu.count - partitionedGpus;
  const replicas = gpu.sharing?.replicas ?? 1;
  for (let index = 0; index < wholeGpus; index++) {
    const uuid = `GPU-${uuidFrom(`${node}/gpu/${index}`)}`;
    for (let r = 0; r < replicas; r++) {
      devices.push({ resource: "nvidia.com/gpu", id: replicas > 1 ? `${uuid}::${r}` : uuid, uuid, index, product: gpu.product, memoryMiB: gpu.memoryMiB });
    }
  }
  let index = wholeGpus;
  for (const p of gpu.mig?.partitions ?? []) {
    for (let g = 0; g < p.gpus; g++, index++) {
      for (let m = 0; m < p.perGpu; m++) {
        const uuid = `MIG-${uuidFrom(`${node}/gpu/${index}/mig/${m}`)}`;
        devices.push({ resource: `nvidia.com/mig-${p.profile}`, id: uuid, uuid, index, product: `${gpu.product}-MIG-${p.profile}`, memoryMiB: p.memoryMiB, migProfile: p.profile });
      }
    }
  }
  return devices;
}

function gpuLabels(gpu: GpuConfig, machineType: string): Record<string, string> {
  const partitioned = gpu.mig?.partitions.reduce((n, p) => n + p.gpus, 0) ?? 0;
  const shared = gpu.sharing !== undefined;
  const labels: Record<string, string> = {
    "nvidia.com/gpu.present": "true",
    "nvidia.com/gpu.product": shared ? `${gpu.product}-SHARED` : gpu.product,
    "nvidia.com/gpu.memory": String(gpu.memoryMiB),
    "nvidia.com/gpu.count": String(gpu.count - partitioned),
    "nvidia.com/gpu.replicas": String(gpu.sharing?.replicas ?? 1),
    "nvidia.com/gpu.sharing-strategy": gpu.sharing?.strategy ?? "none",
    "nvidia.com/gpu.family": gpu.family,
    "nvidia.com/gpu.compute.major": String(gpu.computeMajor),
    "nvidia.com/gpu.compute.minor": String(gpu.computeMinor),
    "nvidia.com/gpu.machine": machineType,
    "nvidia.com/gpu.mode": "compute",
    "nvidia.com/cuda.driver-version.major": "550",
    "nvidia.com/cuda.driver-version.minor": "90",
    "nvidia.com/cuda.driver-version.revision": "07",
    "nvidia.com/cuda.driver-version.full": "550.90.07",
    "nvidia.com/cuda.runtime-version.major": "12",
    "nvidia.com/cuda.runtime-version.minor": "4",
    "nvidia.com/cuda.runtime-version.full": "12.4",
    "nvidia.com/mig.capable": String(gpu.migCapable),
    "nvidia.com/mps.capable": String(gpu.sharing?.strategy === "mps"),
    "nvidia.com/vgpu.present": "false",
    "feature.node.kubernetes.io/pci-10de.present": "true",
  };
  if (gpu.accelerator) labels["cloud.google.com/gke-accelerator"] = gpu.accelerator;
  if (gpu.mig) {
    labels["nvidia.com/mig.strategy"] = gpu.mig.strategy;
    for (const p of gpu.mig.partitions) {
      const prefix = `nvidia.com/mig-${p.profile}`;
      labels[`${prefix}.count`] = String(p.gpus * p.perGpu);
      labels[`${prefix}.memory`] = String(p.memoryMiB);
      labels[`${prefix}.product`] = `${gpu.product}-MIG-${p.profile}`;
      labels[`${prefix}.replicas`] = "1";
      labels[`${prefix}.sharing-strategy`] = "none";
      labels[`${prefix}.slices.gi`] = p.profile.split("g.")[0] ?? "1";
    }
  }
  return labels;
}

/** Allocatable is capacity minus what GKE reserves for the system (roughly). */
function reserve(cpu: string, memory: string): { cpu: string; memory: string } {
  const cpuMilli = Math.round(parseQuantity(cpu) * 1000);
  const memBytes = parseQuantity(memory);
  const cpuReserved = Math.min(cpuMilli * 0.06, 1000) + 100;
  const memReserved = Math.min(memBytes * 0.1, 12 * 2 ** 30) + 100 * 2 ** 20;
  return { cpu: `${Math.floor(cpuMilli - cpuReserved)}m`, memory: `${Math.floor((memBytes - memReserved) / 1024)}Ki` };
}

/** Node objects for the fleet, with GPU feature discovery labels, taints and capacity. */
export function nodesFromFleet(fleet: FleetConfig): KubeObject[] {
  const nodes: KubeObject[] = [];
  let nodeIndex = 0;
  fleet.pools.forEach((pool, poolIndex) => {
    for (let i = 0; i < pool.count; i++, nodeIndex++) {
      const name = nodeName(pool, i);
      const zone = fleet.cluster.zones[i % fleet.cluster.zones.length] ?? "us-central1-a";
      const devices = gpuDevices(pool, name);
      const extended: Record<string, string> = {};
      for (const d of devices) extended[d.resource] = String(Number(extended[d.resource] ?? 0) + 1);
      const alloc = reserve(pool.cpu, pool.memory);
      const capacity = { cpu: pool.cpu, memory: `${Math.floor(parseQuantity(pool.memory) / 1024)}Ki`, pods: "110", "ephemeral-storage": "98831908Ki", ...extended };
      const allocatable = { cpu: alloc.cpu, memory: alloc.memory, pods: "110", "ephemeral-storage": "47060071478", ...extended };
      const taints = pool.taints ?? (pool.gpu ? [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" as const }] : []);
      const ip = `10.128.${poolIndex}.${i + 2}`;
      nodes.push({
        apiVersion: "v1",
        kind: "Node",
        metadata: {
          name,
          labels: {
            "kubernetes.io/hostname": name,
            "kubernetes.io/os": "linux",
            "kubernetes.io/arch": "amd64",
            "beta.kubernetes.io/os": "linux",
            "beta.kubernetes.io/arch": "amd64",
            "beta.kubernetes.io/instance-type": pool.machineType,
            "node.kubernetes.io/instance-type": pool.machineType,
            "topology.kubernetes.io/region": fleet.cluster.region,
            "topology.kubernetes.io/zone": zone,
            "failure-domain.beta.kubernetes.io/region": fleet.cluster.region,
            "failure-domain.beta.kubernetes.io/zone": zone,
            "cloud.google.com/gke-nodepool": pool.name,
            "cloud.google.com/machine-family": pool.machineType.split("-")[0] ?? "",
            "gantry.dev/pool": pool.name,
            ...(pool.gpu ? gpuLabels(pool.gpu, pool.machineType) : {}),
            ...pool.labels,
          },
          annotations: {
            "node.alpha.kubernetes.io/ttl": "0",
            "volumes.kubernetes.io/controller-managed-attach-detach": "true",
          },
        },
        spec: {
          podCIDR: `10.4.${nodeIndex}.0/24`,
          podCIDRs: [`10.4.${nodeIndex}.0/24`],
          providerID: `gce://gantry-demo/${zone}/${name}`,
          ...(taints.length ? { taints } : {}),
        },
        status: {
          capacity,
          allocatable,
          conditions: [],
          addresses: [
            { type: "InternalIP", address: ip },
            { type: "Hostname", address: name },
          ],
          daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
          nodeInfo: {
            machineID: createHash("md5").update(name).digest("hex"),
            systemUUID: uuidFrom(`${name}/system`),
            bootID: uuidFrom(`${name}/boot`),
            kernelVersion: "6.6.56+",
            osImage: "Container-Optimized OS from Google",
            containerRuntimeVersion: "containerd://1.7.24",
            kubeletVersion: fleet.cluster.kubeletVersion,
            kubeProxyVersion: fleet.cluster.kubeletVersion,
            operatingSystem: "linux",
            architecture: "amd64",
          },
        },
      });
    }
  });
  return nodes;
}

/** Node conditions of a healthy kubelet. */
export function healthyConditions(now: string): Record<string, string>[] {
  const c = (type: string, status: string, reason: string, message: string) => ({
    type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message,
  });
  return [
    c("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
    c("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    c("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    c("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
  ];
}
