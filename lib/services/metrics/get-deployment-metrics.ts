import { z } from "zod";
import { deploymentQueries, RANGES } from "@/lib/adapters/prometheus/queries";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { metricsClient, metricWindow, runPanels, type TMetricPanel, type TMetricWindow } from "./metric-panels";

export const ZGetDeploymentMetricsInput = z.object({
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "not a namespace name"),
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "not a deployment name"),
  runtime: z.enum(["kserve", "vllm", "triton"]).default("kserve"),
  range: z.enum(RANGES).default("1h"),
});
export type TGetDeploymentMetricsInput = z.input<typeof ZGetDeploymentMetricsInput>;

export type TDeploymentMetrics = TMetricWindow & { panels: TMetricPanel[] };

/** A deployment's dashboard: latency, traffic, errors, GPU (and LLM) panels, queried in parallel. */
export async function getDeploymentMetrics(actor: TActor | null, raw: TGetDeploymentMetricsInput): Promise<TDeploymentMetrics> {
  requirePermission(actor, "fleet.view");
  const input = ZGetDeploymentMetricsInput.parse(raw);
  const { client, labels } = metricsClient();
  const w = metricWindow(input.range);
  const specs = Object.entries(deploymentQueries({ namespace: input.namespace, name: input.name, runtime: input.runtime }, w.window, labels));
  const panels = await runPanels(client, specs, w);
  return { range: w.range, stepSec: w.stepSec, startMs: w.startMs, endMs: w.endMs, panels };
}
