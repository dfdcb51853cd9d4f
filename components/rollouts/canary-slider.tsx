"use client";

import { AlertTriangle, Check, Loader2, Lock, RefreshCw } from "lucide-react";
import { useEffect, useId, useRef, useState, type ChangeEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  STEP_PERCENTS,
  clampToCeiling,
  createCommitQueue,
  resolveSliderInput,
  type TCommitQueue,
  type TCommitQueueState,
  type TCommitResult,
} from "@/lib/domain/rollouts/slider-commit";
import { CANARY_FILL, TrafficSplitBar, describeSplit } from "./traffic-split-bar";

export type TCanarySliderProps = {
  /** spec.predictor.canaryTrafficPercent */
  configuredPercent: number;
  /** From status.components.predictor.traffic; null when unknown. */
  actual: { canaryPercent: number; stablePercent: number } | null;
  /** e.g. "v4" */
  canaryName: string;
  /** e.g. "v3" */
  stableName: string;
  /** False while the new revision is not ready: KServe still sends its share to the old revision. */
  isCanaryReady: boolean;
  /** Policy ceiling without approval (100 = none). */
  ceilingPercent: number;
  /** e.g. "prod: above 50 % needs an approved promotion" */
  ceilingNote: string | null;
  /** e.g. "Only engineers of team search can move traffic"; the slider is read-only when set. */
  disabledReason: string | null;
  onCommit: (percent: number) => Promise<TCommitResult>;
};

type TOutcome = { kind: "saved"; percent: number } | { kind: "failed"; message: string; currentPercent: number | null };

const THUMB = cn(
  "[&::-webkit-slider-runnable-track]:h-4 [&::-webkit-slider-runnable-track]:bg-transparent",
  "[&::-webkit-slider-thumb]:size-4 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-full [&::-webkit-slider-thumb]:border-2 [&::-webkit-slider-thumb]:border-violet-600 [&::-webkit-slider-thumb]:bg-white [&::-webkit-slider-thumb]:shadow",
  "dark:[&::-webkit-slider-thumb]:border-violet-400 dark:[&::-webkit-slider-thumb]:bg-slate-900",
  "disabled:[&::-webkit-slider-thumb]:border-slate-400 dark:disabled:[&::-webkit-slider-thumb]:border-slate-500",
  "[&::-moz-range-track]:h-4 [&::-moz-range-track]:bg-transparent",
  "[&::-moz-range-thumb]:box-border [&::-moz-range-thumb]:size-4 [&::-moz-range-thumb]:rounded-full [&::-moz-range-thumb]:border-2 [&::-moz-range-thumb]:border-violet-600 [&::-moz-range-thumb]:bg-white [&::-moz-range-thumb]:shadow",
  "dark:[&::-moz-range-thumb]:border-violet-400 dark:[&::-moz-range-thumb]:bg-slate-900",
  "disabled:[&::-moz-range-thumb]:border-slate-400 dark:disabled:[&::-moz-range-thumb]:border-slate-500",
);

const HATCH =
  "bg-slate-100 bg-[repeating-linear-gradient(-45deg,var(--color-slate-400)_0_2px,transparent_2px_6px)] dark:bg-slate-800 dark:bg-[repeating-linear-gradient(-45deg,var(--color-slate-600)_0_2px,transparent_2px_6px)]";

/**
 * The canary traffic slider of a KServe canary rollout (Knative mode). Moves preview the split live;
 * a drag commits once on release, keys once they go quiet, step buttons at once: one patch per burst.
 */
export function CanarySlider({ configuredPercent, actual, canaryName, stableName, isCanaryReady, ceilingPercent, ceilingNote, disabledReason, onCommit }: TCanarySliderProps) {
  const ceiling = clampToCeiling(ceilingPercent, 100);
  const isDisabled = disabledReason !== null;
  const [preview, setPreview] = useState(configuredPercent);
  /** The value the server last confirmed (or reported). */
  const [confirmed, setConfirmed] = useState(configuredPercent);
  const [queueState, setQueueState] = useState<TCommitQueueState>("idle");
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  const [seenConfigured, setSeenConfigured] = useState(configuredPercent);

  // A refresh from the server moves the slider, unless the user has a change on its way.
  if (configuredPercent !== seenConfigured) {
    setSeenConfigured(configuredPercent);
    if (queueState === "idle") {
      setPreview(configuredPercent);
      setConfirmed(configuredPercent);
      if (configuredPercent !== confirmed) setOutcome(null);
    }
  }

  const queueRef = useRef<TCommitQueue | null>(null);
  const isDraggingRef = useRef(false);
  const latestRef = useRef({ onCommit, confirmed });
  useEffect(() => {
    latestRef.current = { onCommit, confirmed };
  });
  useEffect(() => {
    queueRef.current?.sync(configuredPercent);
  }, [configuredPercent]);
  useEffect(
    () => () => {
      queueRef.current?.dispose();
      queueRef.current = null;
    },
    [],
  );

  // Created on first use, from event handlers only.
  const getQueue = (): TCommitQueue => {
    if (queueRef.current) return queueRef.current;
    const queue: TCommitQueue = createCommitQueue({
      initial: latestRef.current.confirmed,
      commit: (percent) => latestRef.current.onCommit(percent),
      onStateChange: setQueueState,
      onSettled: (result) => {
        if (result.ok) {
          setConfirmed(result.percent);
          setOutcome({ kind: "saved", percent: result.percent });
          if (queue.state() === "idle") setPreview(result.percent);
        } else {
          // The pending moves are dropped: show the server's value, never overwrite it.
          setConfirmed(queue.committed());
          setPreview(queue.committed());
          setOutcome({ kind: "failed", message: result.message, currentPercent: result.currentPercent ?? null });
        }
      },
    });
    queueRef.current = queue;
    return queue;
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    if (isDisabled) return;
    const next = resolveSliderInput({ raw: Number(event.target.value), current: preview, ceiling, isDragging: isDraggingRef.current });
    if (next === null) return;
    setPreview(next);
    setOutcome(null);
    if (isDraggingRef.current) getQueue().preview(next);
    else getQueue().schedule(next);
  };

  const release = () => {
    if (!isDraggingRef.current) return;
    isDraggingRef.current = false;
    queueRef.current?.flush();
  };

  const onPointerDown = () => {
    if (isDisabled) return;
    isDraggingRef.current = true;
    // The pointer may be released outside the input.
    const onUp = () => {
      window.removeEventListener("pointerup", onUp);
      window.removeEventListener("pointercancel", onUp);
      release();
    };
    window.addEventListener("pointerup", onUp);
    window.addEventListener("pointercancel", onUp);
  };

  const onBlur = () => {
    isDraggingRef.current = false;
    queueRef.current?.flush();
  };

  const chooseStep = (step: number) => {
    if (isDisabled || step > ceiling) return;
    setPreview(step);
    setOutcome(null);
    getQueue().flush(step);
  };

  const ids = { ceiling: useId(), disabled: useId() };
  const describedBy = [ceiling < 100 ? ids.ceiling : null, isDisabled ? ids.disabled : null].filter(Boolean).join(" ") || undefined;
  const isAboveCeiling = preview > ceiling;
  const ceilingTitle = `Above the ${ceiling} % ceiling${ceilingNote ? `: ${ceilingNote}` : ""}`;
  const isKServeApplying = isCanaryReady && actual !== null && actual.canaryPercent !== confirmed;

  return (
    <div className="min-w-0 space-y-3" data-testid="canary-slider">
      <div className="flex items-baseline justify-between gap-3">
        <p className="text-sm font-medium">Canary traffic</p>
        <p className="text-lg font-semibold tabular-nums" data-testid="canary-preview">
          {preview} %
        </p>
      </div>

      <div className="px-0.5">
        {ceiling < 100 ? (
          <div aria-hidden className="relative mx-2 h-4 text-[11px] text-slate-500 dark:text-slate-400">
            <span
              className={cn("absolute top-0 whitespace-nowrap", ceiling > 75 ? "-translate-x-full" : ceiling < 25 ? "" : "-translate-x-1/2")}
              style={{ left: `${ceiling}%` }}
            >
              max {ceiling} %
            </span>
          </div>
        ) : null}
        <div className="relative h-5">
          <div aria-hidden className="absolute inset-x-2 top-1/2 h-2 -translate-y-1/2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
            <div className={cn("absolute inset-y-0 left-0", isDisabled ? "bg-slate-400 dark:bg-slate-600" : CANARY_FILL)} style={{ width: `${preview}%` }} />
            {ceiling < 100 ? <div className={cn("absolute inset-y-0 right-0 opacity-90", HATCH)} style={{ left: `${ceiling}%` }} /> : null}
          </div>
          {ceiling < 100 ? (
            <div aria-hidden className="absolute inset-x-2 top-1/2 h-4 -translate-y-1/2">
              <div className="absolute inset-y-0 w-0.5 -translate-x-1/2 rounded bg-slate-500 dark:bg-slate-400" style={{ left: `${ceiling}%` }} />
            </div>
          ) : null}
          <input
            type="range"
            min={0}
            max={100}
            step={1}
            value={preview}
            onChange={onChange}
            onPointerDown={onPointerDown}
            onTouchEnd={release}
            onBlur={onBlur}
            disabled={isDisabled}
            aria-label="Canary traffic percent"
            aria-valuetext={describeSplit(preview, 100 - preview, canaryName, stableName)}
            aria-describedby={describedBy}
            className={cn("absolute inset-x-0 top-1/2 h-4 w-full -translate-y-1/2 cursor-pointer appearance-none rounded-full bg-transparent disabled:cursor-not-allowed", THUMB)}
          />
        </div>
        <div aria-hidden className="mx-2 flex justify-between text-[11px] tabular-nums text-slate-500 dark:text-slate-400">
          <span>0 %</span>
          <span>100 %</span>
        </div>
      </div>

      <div role="group" aria-label="Set canary traffic to" className="flex flex-wrap gap-1.5">
        {STEP_PERCENTS.map((step) => {
          const isBlocked = step > ceiling;
          return (
            <Button
              key={step}
              type="button"
              variant="secondary"
              size="sm"
              className={cn("h-7 px-2.5 tabular-nums disabled:opacity-50", preview === step && "ring-2 ring-violet-500 dark:ring-violet-400")}
              aria-pressed={preview === step}
              disabled={isDisabled || isBlocked}
              title={isDisabled ? (disabledReason ?? undefined) : isBlocked ? ceilingTitle : `Send ${step} % to canary ${canaryName}`}
              onClick={() => chooseStep(step)}
            >
              {step} %
            </Button>
          );
        })}
      </div>

      {ceiling < 100 || isDisabled ? (
        <div className="space-y-1 text-xs text-slate-600 dark:text-slate-400">
          {ceiling < 100 ? (
            <p id={ids.ceiling} className="flex items-start gap-1.5">
              <Lock aria-hidden className="mt-0.5 size-3 shrink-0" />
              <span>
                {ceilingNote ?? `Above ${ceiling} % needs an approved promotion.`}
                {isAboveCeiling ? ` Now at ${preview} % (approved): you can lower it to ${ceiling} % or less, not raise it.` : null}
              </span>
            </p>
          ) : null}
          {isDisabled ? (
            <p id={ids.disabled} className="flex items-start gap-1.5" data-testid="canary-disabled-reason">
              <Lock aria-hidden className="mt-0.5 size-3 shrink-0" />
              <span>{disabledReason}</span>
            </p>
          ) : null}
        </div>
      ) : null}

      <StatusLine queueState={queueState} outcome={outcome} />

      {!isCanaryReady ? (
        <p
          data-testid="canary-not-ready"
          className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 p-2.5 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100"
        >
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            {preview > 0
              ? `${canaryName} is not ready yet: KServe keeps sending its ${preview} % share to ${stableName} until it is.`
              : `${canaryName} is not ready yet.`}
          </span>
        </p>
      ) : null}

      <div className="grid gap-3 sm:grid-cols-2">
        <TrafficSplitBar
          label="Configured"
          canaryPercent={preview}
          stablePercent={100 - preview}
          canaryName={canaryName}
          stableName={stableName}
          note={preview !== confirmed && queueState === "waiting" ? "Not saved yet" : undefined}
        />
        {actual ? (
          <TrafficSplitBar
            label="Actual"
            canaryPercent={actual.canaryPercent}
            stablePercent={actual.stablePercent}
            canaryName={canaryName}
            stableName={stableName}
            note={isKServeApplying ? "KServe is applying the change…" : undefined}
          />
        ) : (
          <div className="min-w-0 rounded-md border border-dashed border-slate-300 p-3 dark:border-slate-700" data-testid="actual-unknown">
            <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Actual</p>
            <p className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
              <RefreshCw aria-hidden className="size-3 shrink-0" />
              Waiting for KServe to report traffic
            </p>
          </div>
        )}
      </div>
    </div>
  );
}

function StatusLine({ queueState, outcome }: { queueState: TCommitQueueState; outcome: TOutcome | null }) {
  if (queueState === "idle" && outcome?.kind === "failed") {
    return (
      <div role="alert" data-testid="canary-status" className="rounded-md border border-red-200 bg-red-50 p-2.5 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200">
        <p className="font-medium">{outcome.message}</p>
        {outcome.currentPercent !== null ? <p className="mt-0.5">Changed by someone else: now {outcome.currentPercent} %</p> : null}
      </div>
    );
  }
  return (
    <p aria-live="polite" data-testid="canary-status" className="flex min-h-5 items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
      {queueState === "saving" ? (
        <>
          <Loader2 aria-hidden className="size-3 animate-spin" />
          Saving…
        </>
      ) : outcome?.kind === "saved" ? (
        <>
          <Check aria-hidden className="size-3 text-emerald-600 dark:text-emerald-400" />
          Saved {outcome.percent} %
        </>
      ) : null}
    </p>
  );
}
