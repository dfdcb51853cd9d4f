export { DeploymentMetricsPanel, type TDeploymentMetricsPanelProps, type TPanelRevision } from "./deployment-metrics-panel";
export { GpuPoolMetricsPanel } from "./gpu-pool-metrics-panel";
export { GpuHeatmap, type TGpuHeatmapRow } from "./gpu-heatmap";
// The chart itself is loaded lazily (recharts stays out of the pages' first-load JS).
export { TimeSeriesChart } from "./lazy-time-series-chart";
export type { TChartLine, TTimeSeriesChartProps } from "./time-series-chart";
export { RangePicker } from "./range-picker";
