"use client";

import dynamic from "next/dynamic";

// recharts is loaded after the page (not part of its first-load JS); a pulsing box holds the place.
export const TimeSeriesChart = dynamic(() => import("./time-series-chart").then((m) => m.TimeSeriesChart), {
  ssr: false,
  loading: () => <div role="status" aria-label="Loading chart" className="h-[246px] animate-pulse rounded-lg border border-slate-200 bg-slate-100 dark:border-slate-800 dark:bg-slate-800" />,
});
