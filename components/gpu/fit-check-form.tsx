"use client";

import { CheckCircle2, XCircle } from "lucide-react";
import { useState, useTransition } from "react";
import { checkFitAction } from "@/lib/actions/gpu-pool-actions";
import type { TFitVerdict } from "@/lib/domain/gpu/fit-verdict";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

const FIELD = "h-8 w-full rounded-md border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900";

/** "Would my deployment fit here now?": the same check the launch wizard runs. */
export function FitCheckForm({ pool, migProfiles }: { pool: string; migProfiles: string[] }) {
  const [form, setForm] = useState({ cpu: "2", memory: "16Gi", gpus: "1", migProfile: "", replicas: "1", tolerateGpuTaint: false });
  const [verdict, setVerdict] = useState<TFitVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const set = (key: keyof typeof form) => (event: { target: { value: string; checked?: boolean; type?: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.type === "checkbox" ? Boolean(event.target.checked) : event.target.value }));

  const check = () =>
    startTransition(async () => {
      const result = await checkFitAction({
        pool,
        cpu: form.cpu,
        memory: form.memory,
        gpus: Number(form.gpus),
        migProfile: form.migProfile || null,
        replicas: Number(form.replicas),
        tolerations: form.tolerateGpuTaint ? [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }] : [],
      });
      if (result.ok) {
        setVerdict(result.data);
        setError(null);
      } else {
        setVerdict(null);
        setError(Object.values(result.error.fieldErrors ?? {}).flat()[0] ?? result.error.message);
      }
    });

  return (
    <Card className="p-5" data-testid="fit-check">
      <h2 className="text-base font-semibold">Would it fit?</h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Checks a deployment&apos;s size against this pool now, with the scheduler&apos;s rules (requests, taints, selectors).</p>
      <form
        className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-5"
        onSubmit={(event) => {
          event.preventDefault();
          check();
        }}
      >
        <label className="space-y-1">
          <span className="text-xs text-slate-500">CPU per replica</span>
          <input className={FIELD} value={form.cpu} onChange={set("cpu")} />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-slate-500">Memory per replica</span>
          <input className={FIELD} value={form.memory} onChange={set("memory")} />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-slate-500">{form.migProfile ? "MIG slices" : "GPUs"} per replica</span>
          <input className={FIELD} type="number" min={0} value={form.gpus} onChange={set("gpus")} />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-slate-500">GPU kind</span>
          <select className={FIELD} value={form.migProfile} onChange={set("migProfile")}>
            <option value="">Whole GPU</option>
            {migProfiles.map((profile) => (
              <option key={profile} value={profile}>
                MIG {profile}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="text-xs text-slate-500">Replicas</span>
          <input className={FIELD} type="number" min={1} value={form.replicas} onChange={set("replicas")} />
        </label>
        <label className="col-span-2 flex items-center gap-2 sm:col-span-4">
          <input type="checkbox" checked={form.tolerateGpuTaint} onChange={set("tolerateGpuTaint")} />
          <span>Tolerate the <code className="font-mono text-xs">nvidia.com/gpu</code> taint (needed for MIG-only pods on tainted GPU nodes)</span>
        </label>
        <div className="col-span-2 sm:col-span-1 sm:text-right">
          <Button type="submit" size="sm" disabled={isPending}>
            {isPending ? "Checking…" : "Check fit"}
          </Button>
        </div>
      </form>
      {error ? <p className="mt-3 text-sm text-red-600">{error}</p> : null}
      {verdict ? (
        <div className="mt-4 space-y-2 text-sm" data-testid="fit-verdict">
          <p className={verdict.fits ? "flex items-start gap-2 text-emerald-700 dark:text-emerald-400" : "flex items-start gap-2 text-red-700 dark:text-red-400"}>
            {verdict.fits ? <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" /> : <XCircle aria-hidden className="mt-0.5 size-4 shrink-0" />}
            <span className="break-words">{verdict.summary}</span>
          </p>
          {verdict.reasons.length ? (
            <ul className="ml-6 list-disc text-slate-600 dark:text-slate-400">
              {verdict.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : null}
          {verdict.suggestions.length ? (
            <ul className="ml-6 list-disc text-slate-700 dark:text-slate-300">
              {verdict.suggestions.map((suggestion) => (
                <li key={suggestion.pool}>{suggestion.summary}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
