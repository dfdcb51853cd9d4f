import { z } from "zod";
import { poolQueries, RANGES } from "@/lib/adapters/prometheus/queries";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { getGpuPoolOrThrow } from "@/lib/services/gpu-pools/get-gpu-pool";
import { metricsClient, metricWindow, runPanels, type TMetricPanel, type TMetricWindow } from "./metric-panels";

export const ZGetGpuPoolMetricsInput = z.object({ pool: z.string().min(1).max(100), range: z.enum(RANGES).default("1h") });
export type TGetGpuPoolMetricsInput = z.input<typeof ZGetGpuPoolMetricsInput>;

export type TGpuPoolMetrics = TMetricWindow & { panels: TMetricPanel[] };

/** A pool's utilization over time and per GPU; its GPUs are those on the pool's nodes. */
export async function getGpuPoolMetrics(actor: TActor | null, raw: TGetGpuPoolMetricsInput): Promise<TGpuPoolMetrics> {
  requirePermission(actor, "fleet.view");
  const input = ZGetGpuPoolMetricsInput.parse(raw);
  const view = await getGpuPoolOrThrow(actor, input.pool);
  const nodes = view.pool?.nodes.map((n) => n.name) ?? [];
  const { client, labels } = metricsClient();
  const w = metricWindow(input.range);
  const panels = await runPanels(client, Object.entries(poolQueries(nodes, labels)), w);
  return { range: w.range, stepSec: w.stepSec, startMs: w.startMs, endMs: w.endMs, panels };
}
