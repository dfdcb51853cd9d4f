"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import { clusterQueryKey } from "./cluster-queries";

// One EventSource per browser tab, however many components listen: it opens with the first
// and closes with the last. Each `cluster` event refreshes the queries of that cluster; after
// a reconnect every cluster query is refreshed, since events may have been missed meanwhile.

type TConnection = "connecting" | "open" | "closed";

let source: EventSource | null = null;
let users = 0;
let connection: TConnection = "closed";
let hasOpenedBefore = false;
const connectionListeners = new Set<() => void>();

function setConnection(next: TConnection): void {
  connection = next;
  for (const listener of connectionListeners) listener();
}

function open(queryClient: QueryClient): void {
  source = new EventSource("/api/v1/events");
  setConnection("connecting");
  source.addEventListener("open", () => {
    if (hasOpenedBefore) void queryClient.invalidateQueries({ queryKey: ["cluster"] });
    hasOpenedBefore = true;
    setConnection("open");
  });
  source.addEventListener("cluster", (event) => {
    const { clusterKey } = JSON.parse((event as MessageEvent<string>).data) as { clusterKey: string };
    refresh(queryClient, clusterKey);
  });
  // The browser reconnects by itself; show that we are not live meanwhile.
  source.addEventListener("error", () => setConnection(source?.readyState === EventSource.CLOSED ? "closed" : "connecting"));
}

const refreshAgain = new Set<string>();

/**
 * Refetches a cluster's queries. While a refetch is in flight, further events only mark the
 * cluster for one more refetch afterwards: cancelling the running fetch on every event (the
 * default) would, on a busy cluster, cancel every fetch and never show anything new.
 */
function refresh(queryClient: QueryClient, clusterKey: string): void {
  const queryKey = clusterQueryKey(clusterKey);
  if (queryClient.isFetching({ queryKey }) > 0) {
    refreshAgain.add(clusterKey);
    return;
  }
  void queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false }).finally(() => {
    if (refreshAgain.delete(clusterKey)) refresh(queryClient, clusterKey);
  });
}

/** Keeps this tab's cluster queries fresh from the server's event stream; returns the stream's state. */
export function useClusterEvents(): TConnection {
  const queryClient = useQueryClient();
  useEffect(() => {
    users += 1;
    if (!source) open(queryClient);
    return () => {
      users -= 1;
      if (users === 0 && source) {
        source.close();
        source = null;
        hasOpenedBefore = false;
        setConnection("closed");
      }
    };
  }, [queryClient]);
  return useSyncExternalStore(
    (listener) => {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    () => connection,
    () => "connecting",
  );
}
