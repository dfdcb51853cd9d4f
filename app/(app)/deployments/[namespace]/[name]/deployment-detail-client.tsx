"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, ArrowLeft, CheckCircle2, CircleDashed, Lightbulb, XCircle } from "lucide-react";
import Link from "next/link";
import { useState, useTransition } from "react";
import { DeploymentMetricsPanel } from "@/components/charts";
import { DeleteDeploymentDialog } from "@/components/deployments/delete-deployment-dialog";
import { deploymentQuery } from "@/components/deployments/deployment-queries";
import { EditDeploymentForm } from "@/components/deployments/edit-deployment-form";
import { LogTail } from "@/components/deployments/log-tail";
import { PhaseBadge } from "@/components/deployments/phase-badge";
import { ProgressSteps } from "@/components/deployments/progress-steps";
import { RolloutPanel } from "@/components/rollouts/rollout-panel";
import { SloForm } from "@/components/deployments/slo-form";
import { CodeBlock } from "@/components/deployments/yaml-view";
import { formatAge } from "@/components/gpu/format";
import { clusterQueryKey } from "@/components/live/cluster-queries";
import { useClusterEvents } from "@/components/live/use-cluster-events";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { scaleDeploymentAction } from "@/lib/actions/deployment-actions";
import { formatBytes } from "@/lib/domain/models/estimate-gpu-memory";

function Section({ title, children, testId, description }: { title: string; children: React.ReactNode; testId?: string; description?: string }) {
  return (
    <Card className="p-5" data-testid={testId}>
      <h2 className="text-base font-semibold">{title}</h2>
      {description ? <p className="mb-3 text-sm text-slate-500">{description}</p> : <div className="mb-3" />}
      {children}
    </Card>
  );
}

const th = "px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-slate-500";
const td = "px-3 py-2 align-top";

export function DeploymentDetailClient({ clusterKey, namespace, name }: { clusterKey: string; namespace: string; name: string }) {
  useClusterEvents();
  const queryClient = useQueryClient();
  const { data: d, dataUpdatedAt } = useQuery(deploymentQuery(clusterKey, namespace, name));
  const [mode, setMode] = useState<"view" | "edit" | "delete">("view");
  const [scaleError, setScaleError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!d) return null;
  const now = dataUpdatedAt;
  // Each reason once: KServe copies the same message into several conditions.
  const shownDetails = new Set<string>();

  const scale = (isStopped: boolean) =>
    startTransition(async () => {
      setScaleError(null);
      const result = await scaleDeploymentAction({ namespace, name, expectedVersion: d.changeVersion ?? "", isStopped });
      if (!result.ok) setScaleError(result.error.message);
      await queryClient.invalidateQueries({ queryKey: clusterQueryKey(clusterKey) });
    });

  return (
    <div className="space-y-5">
      <div>
        <Link href="/deployments" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:underline">
          <ArrowLeft className="size-3" aria-hidden /> Deployments
        </Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-3">
              <h1 className="break-all text-2xl font-semibold tracking-tight">{d.name}</h1>
              <PhaseBadge phase={d.phase} />
              {d.hasDrift ? <Badge tone="warning">Changed outside Gantry</Badge> : null}
            </div>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              <Link href={`/models/${encodeURIComponent(d.model)}`} className="font-medium hover:underline">
                {d.model}
              </Link>{" "}
              v{d.version} · {d.namespace} ({d.environment}) · team {d.team} · pool{" "}
              <Link href={`/gpu-pools/${encodeURIComponent(d.pool)}`} className="hover:underline">
                {d.pool}
              </Link>{" "}
              · {d.runtime} · {d.mode} mode · launched {formatAge(d.createdAt, now)}
              {d.createdBy ? ` by ${d.createdBy}` : ""}
            </p>
          </div>
          {d.canManage ? (
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" size="sm" onClick={() => setMode("edit")} disabled={!d.isInCluster} data-testid="edit">
                Edit resources & scaling
              </Button>
              <Button variant="secondary" size="sm" onClick={() => scale(!d.isStopped)} disabled={pending || !d.isInCluster} data-testid="scale">
                {d.isStopped ? "Resume" : "Scale to zero"}
              </Button>
              <Button variant="danger" size="sm" onClick={() => setMode("delete")} data-testid="delete">
                Delete
              </Button>
            </div>
          ) : null}
        </div>
      </div>

      {d.clusterStatus.state !== "live" ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100">
          {d.clusterStatus.state === "syncing" ? "Reading the cluster…" : `The cluster cannot be reached (${d.clusterStatus.error ?? "no answer"}); showing the last known state.`}
        </p>
      ) : null}
      {scaleError ? <p className="rounded-md border border-red-300 bg-red-50 px-4 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200">{scaleError}</p> : null}
      {mode === "delete" ? <DeleteDeploymentDialog namespace={namespace} name={name} onCancel={() => setMode("view")} /> : null}
      {mode === "edit" ? (
        <Section title="Edit resources and autoscaling" description="Review the YAML diff, then apply. Changing resources starts a new revision; the old one serves until the new one is ready.">
          <EditDeploymentForm detail={d} onDone={() => setMode("view")} />
        </Section>
      ) : null}

      {d.drift.length ? (
        <div data-testid="drift" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100">
          <p className="flex items-center gap-2 font-semibold">
            <AlertTriangle className="size-4" aria-hidden /> Changed outside Gantry{d.driftDetectedAt ? ` (noticed ${formatAge(d.driftDetectedAt, now)})` : ""}
          </p>
          <p className="mt-1">The cluster object no longer matches what Gantry applied (for example after a kubectl edit). Gantry has not overwritten it. Use Edit to apply Gantry&apos;s values again, or ask whoever changed it.</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 font-mono text-xs">
            {d.drift.map((item) => (
              <li key={item.path}>
                {item.path}: Gantry applied {JSON.stringify(item.expected)}, the cluster has {JSON.stringify(item.actual)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {d.explanations.map((e) => (
        <div key={e.kind} data-testid="explanation" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100">
          <p className="flex items-center gap-2 font-semibold">
            <XCircle className="size-4 shrink-0" aria-hidden /> {e.title}
          </p>
          <p className="mt-1 break-words">{e.detail}</p>
          <p className="mt-2 flex items-start gap-2 font-medium">
            <Lightbulb className="mt-0.5 size-4 shrink-0" aria-hidden /> {e.fix}
          </p>
        </div>
      ))}

      {d.isStopped ? (
        <Section title="Scaled to zero" description="The InferenceService is kept, its pods are removed. Resume to start them again.">
          <p className="text-sm">No pods run and requests to the URL fail until it is resumed.</p>
        </Section>
      ) : d.progress ? (
        <Section title="Launch progress" description={`Follows the newest predictor pod${d.progress.pod ? ` (${d.progress.pod})` : ""}. Model size ${formatBytes(d.modelSizeBytes)}.`} testId="progress-section">
          <ProgressSteps progress={d.progress} />
        </Section>
      ) : !d.isInCluster ? (
        <Section title="Not in the cluster">
          <p className="text-sm">{d.registryState === "creating" ? "The launch is being applied to the cluster…" : "The InferenceService is missing from the cluster. It may have been deleted outside Gantry."}</p>
        </Section>
      ) : null}

      <div className="grid gap-5 xl:grid-cols-2">
        <Section title="Status" description="KServe's conditions, in plain words.">
          <ul className="space-y-2 text-sm" data-testid="conditions">
            {d.conditions.length === 0 ? <li className="text-slate-500">No conditions reported yet.</li> : null}
            {d.conditions.map((c) => (
              <li key={c.type} className="flex items-start gap-2">
                {c.state === "yes" ? <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden /> : c.state === "no" ? <XCircle className="mt-0.5 size-4 shrink-0 text-red-600" aria-hidden /> : <CircleDashed className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden />}
                <div className="min-w-0">
                  <span className={c.isInfo ? "text-slate-600 dark:text-slate-400" : "font-medium"}>{c.label}</span>{" "}
                  <span className="text-xs text-slate-500">
                    ({c.type}
                    {c.since ? `, since ${formatAge(c.since, now)}` : ""})
                  </span>
                  {c.detail && c.state !== "yes" && !c.isInfo && !shownDetails.has(c.detail) && shownDetails.add(c.detail) ? <p className="break-words text-xs text-slate-500">{c.detail}</p> : null}
                </div>
              </li>
            ))}
          </ul>
        </Section>
        <Section title="Endpoint and configuration">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">URL</dt>
            <dd className="break-all font-mono text-xs" data-testid="url">{d.url ?? "not yet assigned"}</dd>
            <dt className="text-slate-500">Internal address</dt>
            <dd className="break-all font-mono text-xs">{d.internalUrl ?? "not yet assigned"}</dd>
            <dt className="text-slate-500">Model</dt>
            <dd className="break-all font-mono text-xs">{d.storageUri}</dd>
            <dt className="text-slate-500">Resources</dt>
            <dd>
              {d.resources.cpu} CPU, {d.resources.memory} memory{d.resources.gpu ? `, ${d.resources.gpu}` : ""} per replica
            </dd>
            <dt className="text-slate-500">Autoscaling</dt>
            <dd>
              {d.autoscaling.minReplicas}–{d.autoscaling.maxReplicas} replicas{d.autoscaling.minReplicas === 0 ? " (scales to zero when idle)" : ""}
              {d.autoscaling.target ? `, ${d.autoscaling.target}` : ""}
            </dd>
            <dt className="text-slate-500">Replicas</dt>
            <dd data-testid="replicas">
              {d.replicas.ready} ready of {d.replicas.desired}
            </dd>
            <dt className="text-slate-500">SLO</dt>
            <dd data-testid="slo">{d.slo ? `p99 ≤ ${d.slo.p99LatencyMs} ms, errors ≤ ${(d.slo.errorRateRatio * 100).toFixed(2)} %` : "none set (no latency alerts for this deployment)"}</dd>
          </dl>
          {d.canManage ? (
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer font-medium text-brand-700 dark:text-brand-100">{d.slo ? "Change the SLO" : "Set an SLO"}</summary>
              <div className="mt-2">
                <SloForm namespace={namespace} name={name} current={d.slo} />
              </div>
            </details>
          ) : null}
        </Section>
      </div>

      <Section title="Revisions and traffic" description="Each change to the pod template creates a revision; traffic shows which revisions serve requests.">
        {d.trafficTargets.length ? (
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Revision</th>
                <th className={th}>Traffic</th>
                <th className={th}>Role</th>
              </tr>
            </thead>
            <tbody>
              {d.trafficTargets.map((t) => (
                <tr key={`${t.revisionName}-${t.tag}`} className="border-t border-slate-100 dark:border-slate-800">
                  <td className={`${td} font-mono text-xs`}>{t.revisionName}</td>
                  <td className={td}>{t.percent} %</td>
                  <td className={td}>{t.tag === "prev" ? "stable (previous rollout)" : t.isLatest ? "latest ready" : (t.tag ?? "")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500">{d.mode === "Standard" ? "Standard mode has no revisions: updates are rolling updates of one Deployment." : "No traffic yet: the first revision is not ready."}</p>
        )}
        {d.revisions.latestCreated ? (
          <p className="mt-2 text-xs text-slate-500">
            Latest created {d.revisions.latestCreated}; latest ready {d.revisions.latestReady ?? "none"}; rolled out {d.revisions.latestRolledout ?? "none"}.
          </p>
        ) : null}
      </Section>

      {d.isInCluster ? <RolloutPanel clusterKey={clusterKey} namespace={namespace} name={name} /> : null}

      <DeploymentMetricsPanel
        namespace={namespace}
        name={name}
        runtime={d.runtime}
        revisions={
          d.mode === "Standard"
            ? [{ name: `${name}-predictor`, role: "stable" }]
            : d.trafficTargets.flatMap((t) => (t.revisionName ? [{ name: t.revisionName, role: d.trafficTargets.length > 1 && t.isLatest ? "canary" : "stable", percent: t.percent }] : []))
        }
      />

      <Section title="Pods" testId="pods">
        {d.pods.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr>
                  <th className={th}>Pod</th>
                  <th className={th}>Node</th>
                  <th className={th}>GPU</th>
                  <th className={th}>State</th>
                  <th className={th}>Restarts</th>
                  <th className={th}>Age</th>
                </tr>
              </thead>
              <tbody>
                {d.pods.map((p) => (
                  <tr key={p.name} className="border-t border-slate-100 dark:border-slate-800">
                    <td className={`${td} break-all font-mono text-xs`}>{p.name}</td>
                    <td className={`${td} font-mono text-xs`} data-testid="pod-node">{p.nodeName ?? "not scheduled"}</td>
                    <td className={td}>{p.gpuRequest ?? "none"}</td>
                    <td className={td}>{p.ready ? "Ready" : (p.reason ?? p.phase)}</td>
                    <td className={td}>{p.restarts}</td>
                    <td className={td}>{formatAge(p.createdAt, now)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-slate-500">No pods{d.isStopped ? ": scaled to zero." : d.autoscaling.minReplicas === 0 ? ": scaled to zero while idle." : " yet."}</p>
        )}
      </Section>

      <Section title="Predictor logs" description="The model server's output, followed live.">
        <LogTail key={d.progress?.pod ?? d.pods[0]?.name ?? "none"} namespace={namespace} name={name} pod={d.progress?.pod ?? d.pods[0]?.name ?? null} />
      </Section>

      <Section title="Events" description="What Kubernetes and KServe reported, newest first.">
        {d.events.length ? (
          <ul className="space-y-1 text-sm" data-testid="events">
            {d.events.map((e) => (
              <li key={`${e.name}-${e.lastAt}`} className="flex flex-wrap gap-x-2">
                <span className="w-20 shrink-0 text-xs text-slate-500">{formatAge(e.lastAt, now)}</span>
                <Badge tone={e.type === "Warning" ? "warning" : "neutral"}>{e.reason}</Badge>
                <span className="min-w-0 flex-1 break-words">
                  {e.message}
                  {e.count > 1 ? <span className="text-xs text-slate-500"> (×{e.count})</span> : null}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">No events.</p>
        )}
      </Section>

      <Section title="Manifest" description="The InferenceService as Gantry applies it.">
        <CodeBlock text={d.yaml} label="manifest" />
      </Section>
    </div>
  );
}
