"use client";

import { useState, useTransition } from "react";
import { DiffBlock } from "@/components/deployments/yaml-view";
import { Button } from "@/components/ui/button";
import { previewCanaryAction, startCanaryAction } from "@/lib/actions/rollout-actions";
import type { TDiffLine } from "@/lib/domain/deployments/yaml-diff";
import type { TRolloutView } from "@/lib/services/rollouts/get-rollout";

const input = "h-9 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950";

/** Pick a newer version and the canary's share, review the YAML diff, then apply. */
export function StartCanaryForm({ view, onDone }: { view: TRolloutView; onDone: (message: string) => void }) {
  const [version, setVersion] = useState<number | null>(view.candidates.at(-1)?.version ?? null);
  const [percent, setPercent] = useState(String(Math.min(view.policy.defaultCanaryPercent, view.policy.ceiling)));
  const [diff, setDiff] = useState<TDiffLine[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const request = { namespace: view.namespace, name: view.name, expectedVersion: view.changeVersion ?? "", version: version ?? 0, canaryPercent: Number(percent) };

  const review = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await previewCanaryAction(request);
      if (!result.ok) {
        setErrors(result.error.fieldErrors ?? {});
        return setMessage(result.error.message);
      }
      if (!result.data.ok) return setErrors(result.data.fieldErrors);
      setErrors({});
      setDiff(result.data.diff);
    });
  const apply = () =>
    startTransition(async () => {
      const result = await startCanaryAction(request);
      if (!result.ok) {
        setErrors(result.error.fieldErrors ?? {});
        return setMessage(result.error.message);
      }
      onDone(`Canary v${result.data.version} started with ${result.data.canaryPercent} % of traffic.`);
    });

  if (!view.candidates.length) {
    return <p className="text-sm text-slate-500">No newer version of this model is registered. Register one on the model&apos;s page, then start a canary here.</p>;
  }
  return (
    <div className="space-y-3 text-sm" data-testid="start-canary-form">
      <div className="flex flex-wrap items-end gap-4">
        <label className="block">
          <span className="mb-1 block font-medium">New version</span>
          <select className={input} value={version ?? ""} onChange={(e) => (setVersion(Number(e.target.value)), setDiff(null))} aria-label="Canary version">
            {view.candidates.map((c) => (
              <option key={c.version} value={c.version}>
                v{c.version}
                {c.status === "deprecated" ? " (deprecated)" : ""}
              </option>
            ))}
          </select>
          {errors.version?.[0] ? <span className="mt-1 block text-red-700 dark:text-red-300">{errors.version[0]}</span> : null}
        </label>
        <label className="block">
          <span className="mb-1 block font-medium">Canary share</span>
          <span className="flex items-center gap-1">
            <input className={`${input} w-20`} type="number" min={1} max={view.policy.ceiling} value={percent} onChange={(e) => (setPercent(e.target.value), setDiff(null))} aria-label="Canary traffic percent at start" />%
          </span>
          {errors.canaryPercent?.[0] ? <span className="mt-1 block text-red-700 dark:text-red-300">{errors.canaryPercent[0]}</span> : null}
        </label>
        <Button variant="secondary" size="sm" onClick={review} disabled={pending || version === null} data-testid="review-canary">
          {pending && !diff ? "Preparing…" : "Review changes"}
        </Button>
      </div>
      <p className="text-xs text-slate-500">
        v{view.servingVersion} keeps the rest. At most {view.policy.ceiling} % before promotion in {view.environment}.
      </p>
      {Object.entries(errors)
        .filter(([field]) => field !== "version" && field !== "canaryPercent")
        .map(([field, list]) => (
          <p key={field} className="text-red-700 dark:text-red-300">
            {list?.[0]}
          </p>
        ))}
      {message ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {message}
        </p>
      ) : null}
      {diff ? (
        <>
          <p className="font-medium">What changes in the InferenceService</p>
          <DiffBlock lines={diff} />
          <div className="flex gap-2">
            <Button onClick={apply} disabled={pending} data-testid="apply-canary">
              {pending ? "Starting…" : `Start canary at ${percent} %`}
            </Button>
            <Button variant="secondary" onClick={() => setDiff(null)} disabled={pending}>
              Back
            </Button>
          </div>
        </>
      ) : null}
    </div>
  );
}
