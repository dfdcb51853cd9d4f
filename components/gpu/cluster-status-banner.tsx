"use client";

import { CloudOff, Loader2 } from "lucide-react";
import { useEffect, useState } from "react";
import type { TClusterStatus } from "@/lib/adapters/k8s/cluster-cache";
import { formatAge } from "./format";

/**
 * Says when what is shown is not live: the cluster is unreachable (last known state and its
 * age, ticking) or still being read. Renders nothing while all is well.
 */
export function ClusterStatusBanner({ status, stream }: { status: TClusterStatus; stream: "connecting" | "open" | "closed" }) {
  const [now, setNow] = useState(() => Date.now());
  const isDown = status.state !== "live";
  useEffect(() => {
    if (!isDown) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isDown]);

  if (status.state === "disconnected") {
    return (
      <div data-testid="cluster-banner" className="mb-6 flex items-start gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100">
        <CloudOff aria-hidden className="mt-0.5 size-4 shrink-0" />
        <div>
          <p className="font-semibold">The cluster cannot be reached right now.</p>
          <p>
            {status.lastContactAt
              ? `Showing the last known state, from ${formatAge(status.lastContactAt, now)}. It updates by itself once the cluster answers again.`
              : "Nothing is known about it yet, so there is nothing to show."}
            {status.error ? <span className="mt-1 block font-mono text-xs opacity-80">{status.error}</span> : null}
          </p>
        </div>
      </div>
    );
  }
  if (status.state === "syncing") {
    return (
      <div data-testid="cluster-banner" className="mb-6 flex items-center gap-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm dark:border-slate-800 dark:bg-slate-900">
        <Loader2 aria-hidden className="size-4 animate-spin" /> Reading the cluster…
      </div>
    );
  }
  return <LiveIndicator stream={stream} />;
}

function LiveIndicator({ stream }: { stream: "connecting" | "open" | "closed" }) {
  const isLive = stream === "open";
  return (
    <p className="mb-4 flex items-center gap-2 text-xs text-slate-500" data-testid="live-indicator" data-state={stream}>
      <span aria-hidden className={isLive ? "size-2 rounded-full bg-emerald-500" : "size-2 rounded-full bg-slate-400"} />
      {isLive ? "Live: changes in the cluster show here as they happen." : "Connecting to live updates…"}
    </p>
  );
}
