"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { setDeploymentSloAction } from "@/lib/actions/slo-actions";

const input = "mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950";

/** Sets or changes a deployment's SLO (p99 latency and error-rate targets), on its page. */
export function SloForm({ namespace, name, current }: { namespace: string; name: string; current: { p99LatencyMs: number; errorRateRatio: number } | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  return (
    <form
      aria-label="Set an SLO"
      className="grid items-end gap-3 sm:grid-cols-3"
      action={(form) =>
        start(async () => {
          const result = await setDeploymentSloAction({
            namespace,
            name,
            p99LatencyMs: String(form.get("p99LatencyMs") ?? ""),
            errorRatePercent: String(form.get("errorRatePercent") ?? ""),
          });
          if (result.ok) {
            setErrors({});
            setMessage(`SLO saved: p99 ≤ ${result.data.p99LatencyMs} ms, errors ≤ ${(result.data.errorRateRatio * 100).toFixed(2)} %.`);
            router.refresh();
            await queryClient.invalidateQueries();
          } else {
            setErrors(result.error.fieldErrors ?? {});
            setMessage(result.error.message);
          }
        })
      }
    >
      {(
        [
          ["p99LatencyMs", "p99 target (ms)", "250", current ? String(current.p99LatencyMs) : ""],
          ["errorRatePercent", "Error-rate target (%)", "1", current ? String(Number((current.errorRateRatio * 100).toFixed(4))) : ""],
        ] as const
      ).map(([field, label, placeholder, value]) => (
        <label key={field} className="text-xs font-medium text-slate-600 dark:text-slate-300">
          {label}
          <input name={field} type="number" step="any" required placeholder={placeholder} defaultValue={value} className={input} aria-invalid={Boolean(errors[field])} />
          {errors[field] ? <span className="mt-1 block text-red-600">{errors[field]?.[0]}</span> : null}
        </label>
      ))}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save SLO"}
      </Button>
      {message ? (
        <p role="status" className="text-sm text-slate-600 sm:col-span-3 dark:text-slate-300">
          {message}
        </p>
      ) : null}
    </form>
  );
}
