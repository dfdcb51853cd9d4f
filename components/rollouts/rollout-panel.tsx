"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { RequestStatusBadge } from "@/components/approvals/request-status-badge";
import { formatAge } from "@/components/gpu/format";
import { clusterQueryKey } from "@/components/live/cluster-queries";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { setCanaryTrafficAction } from "@/lib/actions/rollout-actions";
import type { TCommitResult } from "@/lib/domain/rollouts/slider-commit";
import { CanaryEvidencePanel } from "./canary-evidence-panel";
import { CanarySlider } from "./canary-slider";
import { PromotionControls } from "./promotion-controls";
import { RolloutTimeline } from "./rollout-timeline";
import { canaryEvidenceQuery, rolloutQuery } from "./rollout-queries";
import { StartCanaryForm } from "./start-canary-form";
import { TrafficSplitBar } from "./traffic-split-bar";

// recharts stays out of the page's first-load JS.
const TrafficStepsChart = dynamic(() => import("./traffic-steps-chart").then((m) => m.TrafficStepsChart), { ssr: false });

const PHASE_TEXT = { canary: "Canary running", promoted: "Promoted", rolled_back: "Rolled back" } as const;

/** The deployment page's rollout section: start a canary, move traffic, compare, promote or roll back. */
export function RolloutPanel({ clusterKey, namespace, name }: { clusterKey: string; namespace: string; name: string }) {
  const queryClient = useQueryClient();
  const { data: view, dataUpdatedAt } = useQuery(rolloutQuery(clusterKey, namespace, name));
  const evidence = useQuery(canaryEvidenceQuery(namespace, name, view?.rollout?.startedAt ?? null));
  const [isStarting, setIsStarting] = useState(false);
  // A notice belongs to the phase it was given in: a promotion by an approver replaces it.
  const [notice, setNotice] = useState<{ text: string; phase: string } | null>(null);
  if (!view) return null;
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: clusterQueryKey(clusterKey) });
    await queryClient.invalidateQueries({ queryKey: ["canary-evidence", namespace, name] });
  };
  const done = (message: string) => {
    setIsStarting(false);
    void refresh().then(() => {
      const fresh = queryClient.getQueryData(rolloutQuery(clusterKey, namespace, name).queryKey);
      setNotice({ text: message, phase: fresh?.rollout?.phase ?? "none" });
    });
  };
  const { rollout, split } = view;
  const labels = rollout ? { canary: `v${rollout.canary.version}`, stable: `v${rollout.stable.version}` } : { canary: "canary", stable: "stable" };
  const commit = async (percent: number): Promise<TCommitResult> => {
    const fresh = queryClient.getQueryData(rolloutQuery(clusterKey, namespace, name).queryKey) ?? view;
    const result = await setCanaryTrafficAction({ namespace, name, expectedVersion: fresh.changeVersion ?? "", percent });
    // The new changeVersion must be the next commit's expectedVersion: refetch before returning.
    await queryClient.refetchQueries({ queryKey: rolloutQuery(clusterKey, namespace, name).queryKey });
    if (result.ok) return { ok: true, percent: result.data.percent };
    const now = queryClient.getQueryData(rolloutQuery(clusterKey, namespace, name).queryKey);
    return { ok: false, message: result.error.message, currentPercent: now?.split.configuredPercent ?? undefined };
  };
  const sliderDisabled = !view.can.manage ? "Only engineers of the owning team can move traffic." : null;
  return (
    <Card className="p-5" data-testid="rollout">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold">Canary rollout</h2>
          <p className="text-sm text-slate-500">{view.policy.description}</p>
        </div>
        {rollout ? (
          <p className="text-sm" data-testid="rollout-phase">
            <span className="font-medium">{PHASE_TEXT[rollout.phase]}</span>: v{rollout.stable.version} → v{rollout.canary.version}, started {formatAge(rollout.startedAt, dataUpdatedAt)} by {rollout.startedByEmail}
          </p>
        ) : null}
      </div>
      {notice && notice.phase === (view.rollout?.phase ?? "none") ? (
        <p role="status" className="mt-3 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100">
          {notice.text}
        </p>
      ) : null}

      <div className="mt-4 space-y-5">
        {view.mode === "Standard" ? (
          <p className="text-sm" data-testid="standard-mode-canary">
            KServe does not support canary traffic splitting in Standard (RawDeployment) mode: there are no revisions to split between. To compare a new version, launch it as a second deployment beside this one{" "}
            <Link
              className="text-brand-700 underline dark:text-brand-100"
              href={`/deployments/new?model=${encodeURIComponent(view.model)}${view.candidates[0] ? `&version=${view.candidates[0].version}` : ""}`}
              data-testid="launch-beside"
            >
              in the launch wizard
            </Link>{" "}
            and compare their dashboards.
          </p>
        ) : view.isCanaryLive && rollout ? (
          <CanarySlider
            configuredPercent={split.configuredPercent ?? 0}
            actual={split.actual}
            canaryName={labels.canary}
            stableName={labels.stable}
            isCanaryReady={split.isCanaryReady}
            ceilingPercent={view.policy.ceiling}
            ceilingNote={view.policy.ceiling < 100 ? `${view.environment}: above ${view.policy.ceiling} % needs an approved promotion` : null}
            disabledReason={sliderDisabled}
            onCommit={commit}
          />
        ) : (
          <div className="space-y-3">
            {split.actual ? <TrafficSplitBar label="Traffic now" canaryPercent={split.actual.canaryPercent} stablePercent={split.actual.stablePercent} canaryName={rollout ? labels.canary : "—"} stableName={rollout ? labels.stable : `v${view.servingVersion}`} /> : null}
            {view.can.manage ? (
              isStarting ? (
                <StartCanaryForm view={view} onDone={done} />
              ) : (
                <Button variant="secondary" size="sm" onClick={() => setIsStarting(true)} disabled={!view.changeVersion} data-testid="start-canary">
                  Start a canary
                </Button>
              )
            ) : !rollout ? (
              <p className="text-sm text-slate-500">No canary has run on this deployment.</p>
            ) : null}
          </div>
        )}

        {rollout ? <PromotionControls view={view} requirements={evidence.data?.requirements ?? null} onDone={done} /> : null}

        {view.requests.length ? (
          <div>
            <h3 className="mb-2 text-sm font-semibold">Promotion requests</h3>
            <ul className="space-y-2 text-sm" data-testid="promotion-requests">
              {view.requests.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800">
                  <RequestStatusBadge status={r.status} />
                  <span>
                    v{r.canaryVersion} at {r.canaryPercent} %, requested by {r.requestedBy} {formatAge(r.createdAt, dataUpdatedAt)}
                  </span>
                  <span className="text-slate-500">
                    {r.approvals.filter((a) => a.decision === "approve").length} of {r.approvalsRequired} approvals
                  </span>
                  {r.statusReason ? <span className="text-slate-500">{r.statusReason}</span> : null}
                  {r.promoteError ? <span className="text-red-700 dark:text-red-300">Promotion failed: {r.promoteError}</span> : null}
                  <Link href="/approvals" className="ml-auto text-brand-700 hover:underline dark:text-brand-100">
                    Open in Approvals
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {rollout && view.mode !== "Standard" ? (
          <div>
            <h3 className="mb-2 text-sm font-semibold">
              Canary v{rollout.canary.version} vs stable v{rollout.stable.version}
            </h3>
            <CanaryEvidencePanel data={evidence.data} isLoading={evidence.isFetching} labels={labels} />
          </div>
        ) : null}

        {rollout || view.timeline.length ? (
          <div className="grid gap-5 lg:grid-cols-2">
            <div>
              <h3 className="mb-2 text-sm font-semibold">Timeline</h3>
              <RolloutTimeline entries={view.timeline} nowMs={dataUpdatedAt} />
            </div>
            {view.trafficSteps.length ? <TrafficStepsChart steps={view.trafficSteps} nowMs={dataUpdatedAt} /> : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
