"use client";

import { useEffect, useRef, useState } from "react";

const MAX_LINES = 500;

/** The predictor's log, followed live over server-sent events while the panel is open (keyed by pod). */
export function LogTail({ namespace, name, pod }: { namespace: string; name: string; pod: string | null }) {
  const [lines, setLines] = useState<string[]>([]);
  const [state, setState] = useState<"connecting" | "live" | "ended">("connecting");
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLPreElement>(null);

  useEffect(() => {
    if (!pod) return;
    const source = new EventSource(`/api/v1/deployments/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/logs?pod=${encodeURIComponent(pod)}`);
    source.addEventListener("pod", () => setState("live"));
    source.addEventListener("line", (event) => {
      const line = JSON.parse((event as MessageEvent<string>).data) as string;
      setLines((previous) => [...previous.slice(-(MAX_LINES - 1)), line]);
    });
    source.addEventListener("end", (event) => {
      const { error: reason } = JSON.parse((event as MessageEvent<string>).data) as { error: string | null };
      setError(reason);
      setState("ended");
      source.close();
    });
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) setState("ended");
    });
    return () => source.close();
  }, [namespace, name, pod]);

  useEffect(() => {
    box.current?.scrollTo({ top: box.current.scrollHeight });
  }, [lines]);

  if (!pod) return <p className="text-sm text-slate-500">No pod is running, so there are no logs to show.</p>;
  return (
    <div>
      <p className="mb-2 text-xs text-slate-500">
        {pod} · {state === "live" ? "following live" : state === "connecting" ? "connecting…" : `stream ended${error ? `: ${error}` : ""}`}
      </p>
      <pre ref={box} data-testid="logs" className="h-64 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100">
        {lines.length ? lines.join("\n") : "Waiting for log lines…"}
      </pre>
    </div>
  );
}
