"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { promoteCanaryAction, requestPromotionAction, rollbackDeploymentAction } from "@/lib/actions/rollout-actions";
import type { TRequirement } from "@/lib/domain/rollouts/promotion-policy";
import type { TRolloutView } from "@/lib/services/rollouts/get-rollout";

const textarea = "mt-1 block w-full rounded-md border border-slate-300 bg-white p-2 text-sm dark:border-slate-700 dark:bg-slate-950";

type TMode = "idle" | "request" | "promote" | "rollback";

/**
 * Promote (directly, or by requesting approval where the policy says so) and roll back. Each
 * asks first: a note for approvers, a confirmation, or the reason for the rollback.
 */
export function PromotionControls({ view, requirements, onDone }: { view: TRolloutView; requirements: TRequirement[] | null; onDone: (message: string) => void }) {
  const [mode, setMode] = useState<TMode>("idle");
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const rollout = view.rollout;
  const openRequest = view.requests.find((r) => r.status === "pending" || r.status === "approved");
  const unmet = (requirements ?? []).filter((r) => !r.met);
  const canRollback = view.can.rollback && rollout && rollout.phase !== "rolled_back";
  const ref = { namespace: view.namespace, name: view.name };

  const run = (action: () => Promise<{ ok: true; message: string } | { ok: false; message: string }>) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (!result.ok) return setError(result.message);
      setMode("idle");
      setText("");
      onDone(result.message);
    });
  const request = () =>
    run(async () => {
      const r = await requestPromotionAction({ ...ref, expectedVersion: view.changeVersion ?? "", note: text });
      return r.ok ? { ok: true, message: "Promotion requested. Approvers see it in Approvals." } : { ok: false, message: r.error.fieldErrors?.note?.[0] ?? r.error.message };
    });
  const promote = () =>
    run(async () => {
      const r = await promoteCanaryAction({ ...ref, expectedVersion: view.changeVersion ?? "" });
      return r.ok ? { ok: true, message: `Promoted: v${r.data.version} now takes all traffic.` } : { ok: false, message: r.error.message };
    });
  const rollback = () =>
    run(async () => {
      const r = await rollbackDeploymentAction({ ...ref, reason: text });
      return r.ok ? { ok: true, message: `Rolled back: v${r.data.servingVersion} takes all traffic.` } : { ok: false, message: r.error.fieldErrors?.reason?.[0] ?? r.error.message };
    });

  const open = (next: TMode) => () => (setMode(next), setText(""), setError(null));
  return (
    <div className="space-y-3 text-sm" data-testid="promotion-controls">
      {mode === "idle" ? (
        <div className="flex flex-wrap gap-2">
          {view.isCanaryLive && view.can.request ? (
            <Button onClick={open("request")} disabled={Boolean(openRequest) || unmet.length > 0} data-testid="request-promotion" title={openRequest ? `A request is already ${openRequest.status}` : unmet.length ? "See what promotion still waits for" : undefined}>
              Request promotion
            </Button>
          ) : null}
          {view.isCanaryLive && view.can.promoteDirectly ? (
            <Button onClick={open("promote")} disabled={unmet.some((r) => r.label.startsWith("Canary revision"))} data-testid="promote">
              Promote to 100 %
            </Button>
          ) : null}
          {canRollback ? (
            <Button variant="danger" onClick={open("rollback")} data-testid="rollback">
              Roll back
            </Button>
          ) : null}
        </div>
      ) : null}
      {mode === "request" ? (
        <ActionDialog label="Request promotion" confirm="Request promotion" busy="Requesting…" testId="confirm-request" pending={pending} onConfirm={request} onCancel={open("idle")}>
          <p className="font-medium">Request promotion of v{rollout?.canary.version} to 100 %</p>
          <p className="text-slate-500">{view.policy.description} The evidence below is recorded with the request.</p>
          <label className="mt-2 block">
            <span className="font-medium">Note for approvers</span>
            <textarea className={textarea} rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="Why the canary is ready: what you checked, anything unusual." aria-label="Note for approvers" />
          </label>
        </ActionDialog>
      ) : null}
      {mode === "promote" ? (
        <ActionDialog label="Promote canary" confirm="Promote" busy="Promoting…" testId="confirm-promote" pending={pending} onConfirm={promote} onCancel={open("idle")}>
          <p className="font-medium">
            Send all traffic to v{rollout?.canary.version}? KServe then makes it the rolled-out revision; v{rollout?.stable.version} stops serving. You can still roll back afterwards.
          </p>
        </ActionDialog>
      ) : null}
      {mode === "rollback" ? (
        <ActionDialog label="Roll back" confirm="Roll back now" busy="Rolling back…" testId="confirm-rollback" pending={pending} onConfirm={rollback} onCancel={open("idle")} isDanger>
          <p className="font-medium text-red-900 dark:text-red-100">
            {rollout?.phase === "promoted" ? `Send all traffic back to v${rollout.stable.version} (the previous rolled-out revision)?` : `Pin all traffic to the stable v${rollout?.stable.version}? The canary keeps running with 0 %.`} No approval is needed; open promotion requests become void.
          </p>
          <label className="mt-2 block">
            <span className="font-medium">Reason</span>
            <textarea className={textarea} rows={2} value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. p99 doubled after the canary started" aria-label="Reason for the rollback" />
          </label>
        </ActionDialog>
      ) : null}
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** An inline confirmation: what will happen, an input if needed, then confirm or cancel. */
function ActionDialog(props: { label: string; confirm: string; busy: string; testId: string; pending: boolean; isDanger?: boolean; onConfirm: () => void; onCancel: () => void; children: React.ReactNode }) {
  return (
    <div role="dialog" aria-label={props.label} className={props.isDanger ? "rounded-md border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950/40" : "rounded-md border border-slate-200 p-3 dark:border-slate-700"}>
      {props.children}
      <div className="mt-2 flex gap-2">
        <Button variant={props.isDanger ? "danger" : "primary"} onClick={props.onConfirm} disabled={props.pending} data-testid={props.testId}>
          {props.pending ? props.busy : props.confirm}
        </Button>
        <Button variant="secondary" onClick={props.onCancel} disabled={props.pending}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
