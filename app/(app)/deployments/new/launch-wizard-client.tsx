"use client";

import { AlertTriangle, Check, CheckCircle2, Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import { CodeBlock } from "@/components/deployments/yaml-view";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { launchDeploymentAction, previewDeploymentAction } from "@/lib/actions/deployment-actions";
import { formatBytes } from "@/lib/domain/models/estimate-gpu-memory";
import type { TLaunchOptions, TLaunchPool } from "@/lib/services/deployments/get-launch-options";
import type { TFitVerdict } from "@/lib/domain/gpu/fit-verdict";
import type { TPlanPreview } from "@/lib/services/deployments/plan-deployment";

const STEPS = [
  { key: "model", label: "Model", fields: ["name", "modelName", "version"] },
  { key: "environment", label: "Environment", fields: ["namespace"] },
  { key: "runtime", label: "Runtime", fields: ["runtime", "mode"] },
  { key: "pool", label: "GPU pool", fields: ["pool"] },
  { key: "resources", label: "Resources", fields: ["resources"] },
  { key: "autoscaling", label: "Autoscaling", fields: ["autoscaling"] },
  { key: "review", label: "Review", fields: [] },
] as const;

type TForm = {
  template: string;
  name: string;
  modelName: string;
  version: number;
  namespace: string;
  runtime: string;
  mode: "Knative" | "Standard";
  pool: string;
  cpu: string;
  memory: string;
  gpuKind: "none" | "whole" | "mig";
  gpus: number;
  migProfile: string;
  minReplicas: number;
  maxReplicas: number;
  targetKind: "concurrency" | "rps" | "keda" | "none";
  targetValue: number;
  kedaQuery: string;
  kedaThreshold: number;
  kedaServer: string;
};

const input = "h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-950";

function stepOf(path: string): number {
  const index = STEPS.findIndex((step) => (step.fields as readonly string[]).some((field) => path === field || path.startsWith(`${field}.`)));
  return index === -1 ? 0 : index;
}

function poolLabel(pool: TLaunchPool): string {
  if (!pool.gpuProduct) return `${pool.name}: CPU only, ${pool.readyNodes} nodes`;
  return `${pool.name}: ${pool.gpuProduct}${pool.sharing === "time-slicing" ? " (time-sliced)" : ""}, ${pool.freeGpus} of ${pool.totalGpus} GPUs free`;
}

export function LaunchWizardClient({ options, initialModel, initialVersion }: { options: TLaunchOptions; initialModel: string | null; initialVersion: number | null }) {
  const router = useRouter();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [step, setStep] = useState(0);
  const [visited, setVisited] = useState(0);
  const cpuPool = options.pools.find((p) => !p.gpuProduct)?.name ?? "";
  const firstModel = options.models.find((m) => m.name === initialModel) ?? null;
  const [form, setForm] = useState<TForm>(() => initialForm(options, firstModel?.name ?? "", initialVersion, cpuPool));
  const [preview, setPreview] = useState<TPlanPreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [launchError, setLaunchError] = useState<string | null>(null);
  const [launching, startLaunch] = useTransition();

  const model = options.models.find((m) => m.name === form.modelName) ?? null;
  const version = model?.versions.find((v) => v.version === form.version) ?? null;
  const environment = options.environments.find((e) => e.namespace === form.namespace) ?? null;

  const request = useMemo(
    () => ({
      name: form.name,
      namespace: form.namespace,
      modelName: form.modelName,
      version: form.version,
      runtime: form.runtime || null,
      mode: form.mode,
      pool: form.pool,
      resources: {
        cpu: form.cpu,
        memory: form.memory,
        gpu: form.gpuKind === "whole" ? { kind: "whole" as const, count: form.gpus } : form.gpuKind === "mig" ? { kind: "mig" as const, profile: form.migProfile, count: form.gpus } : null,
      },
      autoscaling: {
        minReplicas: form.minReplicas,
        maxReplicas: form.maxReplicas,
        target:
          form.targetKind === "none"
            ? null
            : form.targetKind === "keda"
              ? { kind: "keda" as const, serverAddress: form.kedaServer, query: form.kedaQuery, threshold: form.kedaThreshold }
              : { kind: form.targetKind, value: form.targetValue },
      },
    }),
    [form],
  );
  const requestKey = JSON.stringify(request);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      setChecking(true);
      void previewDeploymentAction(JSON.parse(requestKey) as typeof request).then((result) => {
        if (cancelled) return;
        setChecking(false);
        setPreview(result.ok ? result.data : { ok: false, fieldErrors: result.error.fieldErrors ?? { _: [result.error.message] } });
      });
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [requestKey]);

  const errors = preview && !preview.ok ? preview.fieldErrors : {};
  const errorsByStep = STEPS.map((_, index) => Object.entries(errors).filter(([path]) => stepOf(path) === index));
  const fieldError = (path: string) => errors[path]?.[0];
  const set = (patch: Partial<TForm>) => setForm((previous) => ({ ...previous, ...patch }));
  const go = (next: number) => {
    setStep(next);
    setVisited((v) => Math.max(v, next));
  };

  const chooseModel = (name: string, versionNumber?: number) => {
    const m = options.models.find((candidate) => candidate.name === name);
    const v = m?.versions.find((candidate) => candidate.version === versionNumber) ?? m?.versions[0];
    if (!m || !v) return set({ modelName: name });
    const gpuPool = options.pools.find((p) => p.gpuProduct && p.freeGpus >= v.defaults.gpus && p.sharing !== "time-slicing")?.name ?? options.pools.find((p) => p.gpuProduct)?.name ?? "";
    set({
      modelName: name,
      version: v.version,
      name: form.name && form.name !== form.modelName ? form.name : name.slice(0, 45),
      runtime: m.runtimes[0]?.runtime ?? "",
      cpu: v.defaults.cpu,
      memory: v.defaults.memory,
      gpuKind: v.defaults.gpus ? "whole" : "none",
      gpus: v.defaults.gpus || 1,
      pool: v.defaults.gpus ? gpuPool : cpuPool,
    });
  };

  const applyTemplate = (id: string) => {
    const template = options.templates.find((t) => t.id === id);
    if (!template) return set({ template: "" });
    const gpuPool = options.pools.find((p) => p.gpuProduct && p.freeGpus >= template.resources.gpus && p.sharing !== "time-slicing")?.name ?? "";
    const m = model && (template.frameworks as readonly string[]).includes(model.framework) ? model : options.models.find((candidate) => (template.frameworks as readonly string[]).includes(candidate.framework));
    set({
      template: id,
      ...(m && m.name !== form.modelName ? { modelName: m.name, version: m.versions[0]?.version ?? 0, name: m.name.slice(0, 45) } : {}),
      runtime: template.runtime ?? m?.runtimes[0]?.runtime ?? form.runtime,
      cpu: template.resources.cpu,
      memory: template.resources.memory,
      gpuKind: template.resources.gpus ? "whole" : "none",
      gpus: template.resources.gpus || 1,
      pool: template.poolKind === "gpu" ? gpuPool : cpuPool,
      minReplicas: template.autoscaling.minReplicas,
      maxReplicas: template.autoscaling.maxReplicas,
      targetKind: template.autoscaling.target.kind,
      targetValue: template.autoscaling.target.value,
      mode: "Knative",
    });
  };

  const launch = () =>
    startLaunch(async () => {
      setLaunchError(null);
      const result = await launchDeploymentAction({ ...request, idempotencyKey });
      if (!result.ok) {
        setLaunchError(result.error.fieldErrors ? Object.values(result.error.fieldErrors).flat().join(" ") : result.error.message);
        return;
      }
      router.push(`/deployments/${encodeURIComponent(result.data.namespace)}/${encodeURIComponent(result.data.name)}`);
    });

  const plan = preview?.ok ? preview.plan : null;
  const fit = plan?.fit ?? null;
  const fitNote = <FitNote fit={fit} />;

  return (
    <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
      <nav aria-label="Steps">
        <ol className="space-y-1">
          {STEPS.map((s, index) => {
            const hasErrors = index <= visited && index !== 6 && errorsByStep[index]!.length > 0;
            return (
              <li key={s.key}>
                <button
                  type="button"
                  onClick={() => go(index)}
                  aria-current={step === index ? "step" : undefined}
                  className={cn(
                    "flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm",
                    step === index ? "bg-brand-50 font-medium text-brand-700 dark:bg-brand-700/25 dark:text-brand-100" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
                  )}
                >
                  <span className={cn("flex size-5 items-center justify-center rounded-full text-xs", hasErrors ? "bg-amber-500 text-white" : index < visited ? "bg-emerald-600 text-white" : "bg-slate-200 dark:bg-slate-700")}>
                    {hasErrors ? "!" : index < visited ? <Check className="size-3" aria-hidden /> : index + 1}
                  </span>
                  {s.label}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <Card className="p-6" data-testid={`wizard-step-${STEPS[step]!.key}`}>
        <h2 className="mb-4 text-lg font-semibold">
          {step + 1}. {STEPS[step]!.label}
        </h2>
        {step === 0 ? (
          <div className="space-y-5">
            <div>
              <p className="mb-2 text-sm font-medium">Start from a template (optional)</p>
              <div className="grid gap-2 md:grid-cols-3">
                {options.templates.map((t) => (
                  <button
                    key={t.id}
                    type="button"
                    data-testid={`template-${t.id}`}
                    onClick={() => applyTemplate(t.id)}
                    className={cn("rounded-md border p-3 text-left text-sm", form.template === t.id ? "border-brand-500 bg-brand-50 dark:bg-brand-700/20" : "border-slate-200 hover:border-slate-400 dark:border-slate-700")}
                  >
                    <p className="font-medium">{t.title}</p>
                    <p className="mt-1 text-xs text-slate-500">{t.description}</p>
                  </button>
                ))}
              </div>
            </div>
            <Field label="Model" error={fieldError("modelName")}>
              <select className={input} value={form.modelName} onChange={(e) => chooseModel(e.target.value)} aria-label="Model">
                <option value="">Pick a model…</option>
                {options.models.map((m) => (
                  <option key={m.name} value={m.name}>
                    {m.name} ({m.framework}, team {m.team})
                  </option>
                ))}
              </select>
            </Field>
            {model ? (
              <Field label="Version" error={fieldError("version")}>
                <select className={input} value={form.version} onChange={(e) => chooseModel(form.modelName, Number(e.target.value))} aria-label="Version">
                  {model.versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      v{v.version} · {formatBytes(v.sizeBytes)} · {v.status} · {v.storageUri}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            <Field label="Deployment name" hint="Lower-case letters, digits and dashes; becomes the InferenceService name and part of its URL." error={fieldError("name")}>
              <input className={input} value={form.name} onChange={(e) => set({ name: e.target.value })} aria-label="Deployment name" />
            </Field>
            {options.models.length === 0 ? <p className="text-sm text-slate-500">Your teams have no registered models yet. Register a model version first.</p> : null}
          </div>
        ) : null}
        {step === 1 ? (
          <div className="space-y-3">
            {options.environmentsError ? <p className="text-sm text-red-600">{options.environmentsError}</p> : null}
            <div className="grid gap-2 md:grid-cols-3" role="radiogroup" aria-label="Environment">
              {options.environments.map((env) => (
                <button
                  key={env.namespace}
                  type="button"
                  role="radio"
                  aria-checked={form.namespace === env.namespace}
                  onClick={() => set({ namespace: env.namespace })}
                  className={cn("rounded-md border p-3 text-left text-sm", form.namespace === env.namespace ? "border-brand-500 bg-brand-50 dark:bg-brand-700/20" : "border-slate-200 hover:border-slate-400 dark:border-slate-700")}
                >
                  <p className="font-medium">{env.namespace}</p>
                  <p className="text-xs text-slate-500">
                    {env.environment}
                    {env.team ? ` · team ${env.team}` : ""}
                  </p>
                </button>
              ))}
            </div>
            {fieldError("namespace") ? <p className="text-sm text-red-600 dark:text-red-400">{fieldError("namespace")}</p> : null}
            {environment ? <p className="rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-800/50">{environment.policy}</p> : null}
          </div>
        ) : null}
        {step === 2 ? (
          <div className="space-y-4">
            <Field label="Serving runtime" hint={model ? `Chosen from the model's format (${model.framework}) as KServe would; change it if you need another server.` : "Pick a model first."} error={fieldError("runtime")}>
              <select className={input} value={form.runtime} onChange={(e) => set({ runtime: e.target.value })} aria-label="Runtime">
                {(model?.runtimes ?? []).map((r) => (
                  <option key={r.runtime} value={r.runtime}>
                    {r.label} ({r.runtime})
                  </option>
                ))}
              </select>
            </Field>
            <fieldset>
              <legend className="mb-2 text-sm font-medium">Deployment mode</legend>
              {(["Knative", "Standard"] as const).map((m) => (
                <label key={m} className="mb-2 flex items-start gap-2 text-sm">
                  <input type="radio" name="mode" checked={form.mode === m} onChange={() => set({ mode: m })} className="mt-1" />
                  <span>
                    <span className="font-medium">{m}</span>
                    <span className="block text-xs text-slate-500">
                      {m === "Knative" ? "The default: revisions, traffic splitting for canaries, scale to zero." : "A plain Kubernetes Deployment with HPA or KEDA; no revisions, no Knative canaries."}
                    </span>
                  </span>
                </label>
              ))}
              {fieldError("mode") ? <p className="text-sm text-red-600">{fieldError("mode")}</p> : null}
            </fieldset>
          </div>
        ) : null}
        {step === 3 ? (
          <div className="space-y-3">
            <div className="grid gap-2 md:grid-cols-2" role="radiogroup" aria-label="Pool">
              {options.pools.map((p) => (
                <button
                  key={p.name}
                  type="button"
                  role="radio"
                  aria-checked={form.pool === p.name}
                  data-testid={`pool-${p.name}`}
                  onClick={() => set({ pool: p.name, ...(p.gpuProduct ? (form.gpuKind === "none" ? { gpuKind: "whole" as const, gpus: 1 } : {}) : { gpuKind: "none" as const }) })}
                  className={cn("rounded-md border p-3 text-left text-sm", form.pool === p.name ? "border-brand-500 bg-brand-50 dark:bg-brand-700/20" : "border-slate-200 hover:border-slate-400 dark:border-slate-700")}
                >
                  <p className="font-medium">{p.name}</p>
                  <p className="text-xs text-slate-500">{poolLabel(p).slice(p.name.length + 2)}</p>
                  {p.migProfiles.length ? <p className="text-xs text-slate-500">MIG: {p.migProfiles.map((m) => `${m.profile} ${m.free}/${m.capacity} free`).join(", ")}</p> : null}
                </button>
              ))}
            </div>
            {fieldError("pool") ? <p className="text-sm text-red-600">{fieldError("pool")}</p> : null}
            {fitNote}
          </div>
        ) : null}
        {step === 4 ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {version ? `Defaults from v${version.version}: ${formatBytes(version.sizeBytes)} of weights${version.gpuMemoryBytes ? `, about ${formatBytes(version.gpuMemoryBytes)} of GPU memory` : ""}.` : ""}
            </p>
            <div className="grid gap-4 md:grid-cols-2">
              <Field label="CPU per replica" hint="Cores, e.g. 2 or 500m." error={fieldError("resources.cpu")}>
                <input className={input} value={form.cpu} onChange={(e) => set({ cpu: e.target.value })} aria-label="CPU" />
              </Field>
              <Field label="Memory per replica" hint="e.g. 16Gi; must hold the model." error={fieldError("resources.memory")}>
                <input className={input} value={form.memory} onChange={(e) => set({ memory: e.target.value })} aria-label="Memory" />
              </Field>
              <Field label="GPU" error={fieldError("resources.gpu") ?? fieldError("resources.gpu.count") ?? fieldError("resources.gpu.profile")}>
                <select className={input} value={form.gpuKind} onChange={(e) => set({ gpuKind: e.target.value as TForm["gpuKind"] })} aria-label="GPU kind">
                  <option value="none">No GPU</option>
                  <option value="whole">Whole GPUs</option>
                  <option value="mig">MIG slice</option>
                </select>
              </Field>
              {form.gpuKind !== "none" ? (
                <Field label={form.gpuKind === "mig" ? "Slices" : "GPUs per replica"} error={undefined}>
                  <input className={input} type="number" min={1} value={form.gpus} onChange={(e) => set({ gpus: Number(e.target.value) })} aria-label="GPU count" />
                </Field>
              ) : null}
              {form.gpuKind === "mig" ? (
                <Field label="MIG profile" hint="e.g. 1g.10gb or 3g.40gb (on MIG-capable pools)." error={fieldError("resources.gpu.profile")}>
                  <input className={input} value={form.migProfile} onChange={(e) => set({ migProfile: e.target.value })} aria-label="MIG profile" />
                </Field>
              ) : null}
            </div>
            {fitNote}
          </div>
        ) : null}
        {step === 5 ? (
          <div className="space-y-4">
            <div className="grid gap-4 md:grid-cols-2">
              <Field label="Min replicas" hint="0 scales to zero when idle (Knative, or KEDA in Standard mode)." error={fieldError("autoscaling.minReplicas")}>
                <input className={input} type="number" min={0} value={form.minReplicas} onChange={(e) => set({ minReplicas: Number(e.target.value) })} aria-label="Min replicas" />
              </Field>
              <Field label="Max replicas" error={fieldError("autoscaling.maxReplicas")}>
                <input className={input} type="number" min={1} value={form.maxReplicas} onChange={(e) => set({ maxReplicas: Number(e.target.value) })} aria-label="Max replicas" />
              </Field>
              <Field label="Scale on" error={fieldError("autoscaling.target")}>
                <select className={input} value={form.targetKind} onChange={(e) => set({ targetKind: e.target.value as TForm["targetKind"] })} aria-label="Scale on">
                  <option value="concurrency">Concurrent requests per replica</option>
                  <option value="rps">Requests per second per replica</option>
                  <option value="keda">KEDA: a Prometheus query (Standard mode)</option>
                  <option value="none">KServe default</option>
                </select>
              </Field>
              {form.targetKind === "concurrency" || form.targetKind === "rps" ? (
                <Field label="Target per replica" error={fieldError("autoscaling.target.value")}>
                  <input className={input} type="number" min={1} value={form.targetValue} onChange={(e) => set({ targetValue: Number(e.target.value) })} aria-label="Target value" />
                </Field>
              ) : null}
            </div>
            {form.targetKind === "keda" ? (
              <div className="grid gap-4 md:grid-cols-2">
                <Field label="Prometheus query" hint="e.g. request rate or queue depth." error={fieldError("autoscaling.target.query")}>
                  <input className={input} value={form.kedaQuery} onChange={(e) => set({ kedaQuery: e.target.value })} aria-label="Prometheus query" />
                </Field>
                <Field label="Threshold per replica" error={fieldError("autoscaling.target.threshold")}>
                  <input className={input} type="number" value={form.kedaThreshold} onChange={(e) => set({ kedaThreshold: Number(e.target.value) })} aria-label="Threshold" />
                </Field>
                <Field label="Prometheus address" error={fieldError("autoscaling.target.serverAddress")}>
                  <input className={input} value={form.kedaServer} onChange={(e) => set({ kedaServer: e.target.value })} aria-label="Prometheus address" />
                </Field>
              </div>
            ) : null}
          </div>
        ) : null}
        {step === 6 ? (
          <div className="space-y-4">
            {Object.keys(errors).length ? (
              <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100" data-testid="review-errors">
                <p className="font-medium">Fix these before launching:</p>
                <ul className="mt-1 list-disc pl-5">
                  {Object.entries(errors).map(([path, messages]) => (
                    <li key={path}>
                      <button type="button" className="underline" onClick={() => go(stepOf(path))}>
                        {STEPS[stepOf(path)]!.label}
                      </button>
                      : {messages[0]}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {plan ? (
              <>
                {fitNote}
                <div>
                  <p className="mb-1 text-sm font-medium">What will be applied</p>
                  <p className="mb-2 text-xs text-slate-500">Exactly this InferenceService{plan.manifests.scaledObject ? " and ScaledObject" : ""}; only the gantry.dev/deployment-id label gets its real value at launch.</p>
                  <CodeBlock text={plan.yaml} label="YAML" testId="review-yaml" />
                </div>
                <div>
                  <p className="mb-1 text-sm font-medium">The same with kubectl</p>
                  <CodeBlock text={plan.kubectl} label="kubectl command" testId="review-kubectl" />
                </div>
              </>
            ) : checking ? (
              <p className="flex items-center gap-2 text-sm text-slate-500">
                <Loader2 className="size-4 animate-spin" aria-hidden /> Building the manifests…
              </p>
            ) : null}
            {launchError ? <p className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200" data-testid="launch-error">{launchError}</p> : null}
          </div>
        ) : null}
        <div className="mt-6 flex items-center justify-between border-t border-slate-200 pt-4 dark:border-slate-800">
          <Button variant="secondary" onClick={() => go(Math.max(0, step - 1))} disabled={step === 0}>
            Back
          </Button>
          <span className="text-xs text-slate-500">{checking ? "Checking…" : ""}</span>
          {step < 6 ? (
            <Button onClick={() => go(step + 1)} data-testid="next">
              Next: {STEPS[step + 1]!.label}
            </Button>
          ) : (
            <Button onClick={launch} disabled={!plan || launching || checking} data-testid="launch">
              {launching ? "Launching…" : "Launch"}
            </Button>
          )}
        </div>
      </Card>
    </div>
  );
}

function initialForm(options: TLaunchOptions, modelName: string, versionNumber: number | null, cpuPool: string): TForm {
  const model = options.models.find((m) => m.name === modelName);
  const version = model?.versions.find((v) => v.version === versionNumber) ?? model?.versions[0];
  const gpuPool = options.pools.find((p) => p.gpuProduct && p.freeGpus >= (version?.defaults.gpus ?? 1) && p.sharing !== "time-slicing")?.name ?? "";
  return {
    template: "",
    name: modelName.slice(0, 45),
    modelName,
    version: version?.version ?? 0,
    namespace: options.environments.find((e) => e.environment === "dev" && (!model || e.team === model.team))?.namespace ?? "",
    runtime: model?.runtimes[0]?.runtime ?? "",
    mode: "Knative",
    pool: version?.defaults.gpus ? gpuPool : cpuPool,
    cpu: version?.defaults.cpu ?? "1",
    memory: version?.defaults.memory ?? "2Gi",
    gpuKind: version?.defaults.gpus ? "whole" : "none",
    gpus: version?.defaults.gpus || 1,
    migProfile: "1g.10gb",
    minReplicas: 1,
    maxReplicas: 3,
    targetKind: "concurrency",
    targetValue: 10,
    kedaQuery: "sum(rate(revision_app_request_count[1m]))",
    kedaThreshold: 20,
    kedaServer: "http://prometheus.monitoring.svc:9090",
  };
}

function Field({ label, hint, error, children }: { label: string; hint?: string; error: string | undefined; children: React.ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium">{label}</span>
      {children}
      {hint ? <span className="mt-1 block text-xs text-slate-500">{hint}</span> : null}
      {error ? <span className="mt-1 block text-xs text-red-600 dark:text-red-400" data-testid="field-error">{error}</span> : null}
    </label>
  );
}

function FitNote({ fit }: { fit: TFitVerdict | null }) {
  if (!fit) return null;
  return (
    <div
      data-testid="fit"
      className={cn(
        "rounded-md border p-3 text-sm",
        fit.fits ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100" : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100",
      )}
    >
      <p className="flex items-center gap-2 font-medium">
        {fit.fits ? <CheckCircle2 className="size-4" aria-hidden /> : <AlertTriangle className="size-4" aria-hidden />}
        {fit.fits ? "Fits now" : "This will be Pending: it does not fit in this pool now"}
      </p>
      <p className="mt-1">{fit.summary}</p>
      {fit.suggestions.length ? <p className="mt-1">Pools with room: {fit.suggestions.map((s) => s.summary).join(" ")}</p> : null}
    </div>
  );
}
