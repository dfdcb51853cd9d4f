export { DeploymentMetricsPanel, type TDeploymentMetricsPanelProps, type TPanelRevision } from "./deployment-metrics-panel";
export { GpuPoolMetricsPanel } from "./gpu-pool-metrics-panel";
export { GpuHeatmap, type TGpuHeatmapRow } from "./gpu-heatmap";
export { TimeSeriesChart, type TChartLine, type TTimeSeriesChartProps } from "./time-series-chart";
export { RangePicker } from "./range-picker";
