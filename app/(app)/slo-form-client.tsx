"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { setDeploymentSloAction } from "@/lib/actions/slo-actions";

const input = "mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950";

/** Sets or changes one deployment's SLO. */
export function SloForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  return (
    <form
      aria-label="Set an SLO"
      className="grid items-end gap-3 sm:grid-cols-5"
      action={(form) =>
        start(async () => {
          const result = await setDeploymentSloAction({
            namespace: String(form.get("namespace") ?? ""),
            name: String(form.get("name") ?? ""),
            p99LatencyMs: String(form.get("p99LatencyMs") ?? ""),
            errorRatePercent: String(form.get("errorRatePercent") ?? ""),
          });
          if (result.ok) {
            setErrors({});
            setMessage(`SLO saved for ${result.data.namespace}/${result.data.name}.`);
            router.refresh();
          } else {
            setErrors(result.error.fieldErrors ?? {});
            setMessage(result.error.message);
          }
        })
      }
    >
      {(
        [
          ["namespace", "Namespace", "text", "fraud-prod"],
          ["name", "Deployment", "text", "fraud-scorer"],
          ["p99LatencyMs", "p99 target (ms)", "number", "250"],
          ["errorRatePercent", "Error-rate target (%)", "number", "1"],
        ] as const
      ).map(([name, label, type, placeholder]) => (
        <label key={name} className="text-xs font-medium text-slate-600 dark:text-slate-300">
          {label}
          <input name={name} type={type} step={type === "number" ? "any" : undefined} required placeholder={placeholder} className={input} aria-invalid={Boolean(errors[name])} />
          {errors[name] ? <span className="mt-1 block text-red-600">{errors[name]?.[0]}</span> : null}
        </label>
      ))}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save SLO"}
      </Button>
      {message ? (
        <p role="status" className="text-sm text-slate-600 sm:col-span-5 dark:text-slate-300">
          {message}
        </p>
      ) : null}
    </form>
  );
}
