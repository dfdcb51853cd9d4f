"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { clusterQueryKey } from "@/components/live/cluster-queries";
import { previewDeploymentUpdateAction, updateDeploymentAction } from "@/lib/actions/deployment-actions";
import type { TDiffLine } from "@/lib/domain/deployments/yaml-diff";
import type { TDeploymentDetail } from "@/lib/services/deployments/get-deployment";
import { DiffBlock } from "./yaml-view";

const input = "h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950";

/**
 * Edit resources and autoscaling. Shows the YAML diff before applying; a change made by
 * someone else meanwhile is refused with the new state shown, and the user applies again.
 */
export function EditDeploymentForm({ detail, onDone }: { detail: TDeploymentDetail; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { resources, autoscaling } = detail.editable;
  const [cpu, setCpu] = useState(resources.cpu);
  const [memory, setMemory] = useState(resources.memory);
  const [gpus, setGpus] = useState(resources.gpu?.count ?? 0);
  const [minReplicas, setMin] = useState(autoscaling.minReplicas);
  const [maxReplicas, setMax] = useState(autoscaling.maxReplicas);
  const target = autoscaling.target;
  const [targetValue, setTargetValue] = useState(target && target.kind !== "keda" ? target.value : 0);
  const [diff, setDiff] = useState<TDiffLine[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: "error" | "conflict"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  // Pinned when the form opens; replaced by the fresh one only when the user re-applies after a conflict.
  const [baseVersion, setBaseVersion] = useState(detail.changeVersion ?? "");

  const change = {
    namespace: detail.namespace,
    name: detail.name,
    expectedVersion: baseVersion,
    resources: { cpu, memory, gpu: resources.gpu ? { ...resources.gpu, count: gpus } : null },
    autoscaling: {
      minReplicas,
      maxReplicas,
      target: target ? (target.kind === "keda" ? target : { kind: target.kind, value: targetValue }) : null,
    },
  };
  const key = JSON.stringify(change);

  useEffect(() => {
    const timer = setTimeout(() => {
      void previewDeploymentUpdateAction(JSON.parse(key) as typeof change).then((result) => {
        if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
        if (result.data.ok) {
          setDiff(result.data.diff);
          setErrors({});
        } else {
          setErrors(result.data.fieldErrors);
        }
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [key]);

  const apply = () =>
    startTransition(async () => {
      const result = await updateDeploymentAction(change);
      await queryClient.invalidateQueries({ queryKey: clusterQueryKey(detail.clusterKey) });
      if (result.ok) return onDone();
      setMessage({ tone: result.error.code === "CONFLICT" ? "conflict" : "error", text: result.error.message });
      if (result.error.fieldErrors) setErrors(result.error.fieldErrors);
    });

  const fieldError = (path: string) => errors[path]?.[0] ?? errors[`resources.${path}`]?.[0] ?? errors[`autoscaling.${path}`]?.[0];
  const hasChanges = diff?.some((line) => line.kind !== "same") ?? false;
  const isStale = detail.changeVersion !== null && detail.changeVersion !== baseVersion;

  return (
    <div data-testid="edit-form" className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Field label="CPU" error={fieldError("cpu")}>
          <input className={input} value={cpu} onChange={(e) => setCpu(e.target.value)} aria-label="CPU" />
        </Field>
        <Field label="Memory" error={fieldError("memory")}>
          <input className={input} value={memory} onChange={(e) => setMemory(e.target.value)} aria-label="Memory" />
        </Field>
        {resources.gpu ? (
          <Field label={resources.gpu.kind === "mig" ? `MIG ${resources.gpu.profile} slices` : "GPUs"} error={fieldError("gpu")}>
            <input className={input} type="number" min={1} value={gpus} onChange={(e) => setGpus(Number(e.target.value))} aria-label="GPUs" />
          </Field>
        ) : null}
        <Field label="Min replicas" error={fieldError("minReplicas")}>
          <input className={input} type="number" min={0} value={minReplicas} onChange={(e) => setMin(Number(e.target.value))} aria-label="Min replicas" />
        </Field>
        <Field label="Max replicas" error={fieldError("maxReplicas")}>
          <input className={input} type="number" min={1} value={maxReplicas} onChange={(e) => setMax(Number(e.target.value))} aria-label="Max replicas" />
        </Field>
        {target && target.kind !== "keda" ? (
          <Field label={target.kind === "rps" ? "Target requests/s" : "Target concurrency"} error={fieldError("target")}>
            <input className={input} type="number" min={1} value={targetValue} onChange={(e) => setTargetValue(Number(e.target.value))} aria-label="Target" />
          </Field>
        ) : null}
      </div>
      {message ? (
        <div data-testid={message.tone === "conflict" ? "conflict" : "edit-error"} className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100">
          <p className="font-medium">{message.text}</p>
          {message.tone === "conflict" ? (
            <p className="mt-1">
              The page now shows the deployment as it is. Your values are kept in this form;{" "}
              <button type="button" className="font-medium underline" onClick={() => { setBaseVersion(detail.changeVersion ?? ""); setMessage(null); }}>
                re-apply them on the new state
              </button>
              .
            </p>
          ) : null}
        </div>
      ) : null}
      <div>
        <p className="mb-1 text-sm font-medium">What will change in the cluster</p>
        {diff ? hasChanges ? <DiffBlock lines={diff.filter((l, i, all) => l.kind !== "same" || all.slice(Math.max(0, i - 2), i + 3).some((n) => n.kind !== "same"))} /> : <p className="text-sm text-slate-500">No changes yet.</p> : <p className="text-sm text-slate-500">Computing…</p>}
      </div>
      <div className="flex gap-2">
        <Button onClick={apply} disabled={pending || !hasChanges || Object.keys(errors).length > 0 || isStale} data-testid="apply-edit">
          {pending ? "Applying…" : "Apply changes"}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function Field({ label, error, children }: { label: string; error: string | undefined; children: React.ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium">{label}</span>
      {children}
      {error ? <span className="mt-1 block text-xs text-red-600 dark:text-red-400">{error}</span> : null}
    </label>
  );
}
