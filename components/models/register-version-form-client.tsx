"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { registerModelVersionAction } from "@/lib/actions/model-actions";
import { STORAGE_URI_SCHEMES, ZRegisterModelVersionInput } from "@/lib/domain/models/model-fields";
import { FormField, INPUT_CLASS } from "./form-field";

export type TVersionDefaults = {
  version: number;
  modelFormat: string;
  runtimeHint: string;
  metricNames: string[];
  parentVersion: number | null;
  versions: number[];
};

type TValues = Record<"version" | "storageUri" | "modelFormat" | "runtimeHint" | "sizeMb" | "gpuGib" | "metrics" | "trainingRunId" | "trainingRunUrl" | "dataset" | "gitCommit" | "parentVersion", string>;

const MB = 1_000_000;
const GIB = 1024 ** 3;

/** "auc = 0.95" per line → { auc: 0.95 }, or the first line that is not "name = number". */
function parseMetrics(text: string): { metrics: Record<string, number> } | { error: string } {
  const metrics: Record<string, number> = {};
  const lines = text.split("\n").map((line) => line.trim());
  for (const [index, line] of lines.entries()) {
    if (!line) continue;
    const match = /^([^=:\s]+)\s*[=:]\s*(-?[\d.]+(?:e-?\d+)?)$/i.exec(line);
    if (!match || !Number.isFinite(Number(match[2]))) return { error: `Line ${index + 1}: write each metric as name = number (for example auc = 0.95).` };
    metrics[match[1]!] = Number(match[2]);
  }
  return { metrics };
}

/** Builds the action input from the form, validating with the same zod schema as the server. */
function toInput(modelName: string, values: TValues) {
  const errors: Record<string, string> = {};
  const metrics = parseMetrics(values.metrics);
  if ("error" in metrics) errors.metrics = metrics.error;
  const size = Number(values.sizeMb);
  if (!values.sizeMb.trim() || !Number.isFinite(size) || size <= 0) errors.sizeMb = "Give the artifact size in MB (more than 0).";
  const gpu = values.gpuGib.trim() ? Number(values.gpuGib) : undefined;
  if (gpu !== undefined && (!Number.isFinite(gpu) || gpu < 0)) errors.gpuGib = "GPU memory is a number of GiB (0 for CPU only), or leave it empty to estimate.";
  const candidate = {
    modelName,
    version: values.version.trim() ? Number(values.version) : undefined,
    storageUri: values.storageUri,
    modelFormat: values.modelFormat,
    runtimeHint: values.runtimeHint,
    artifactSizeBytes: Math.round(size * MB),
    gpuMemoryBytes: gpu === undefined ? undefined : Math.round(gpu * GIB),
    metrics: "metrics" in metrics ? metrics.metrics : {},
    trainingRunId: values.trainingRunId,
    trainingRunUrl: values.trainingRunUrl,
    dataset: values.dataset,
    gitCommit: values.gitCommit,
    parentVersion: values.parentVersion ? Number(values.parentVersion) : undefined,
  };
  const parsed = ZRegisterModelVersionInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF[String(issue.path[0])] ?? String(issue.path[0]);
      errors[field] ??= issue.message;
    }
  }
  return { input: parsed.success ? parsed.data : null, errors };
}

// Server field names → the form field that shows their error.
const FIELD_OF: Record<string, keyof TValues> = { artifactSizeBytes: "sizeMb", gpuMemoryBytes: "gpuGib" };

export function RegisterVersionFormClient({ modelName, defaults }: { modelName: string; defaults: TVersionDefaults }) {
  const [values, setValues] = useState<TValues>({
    version: String(defaults.version),
    storageUri: "",
    modelFormat: defaults.modelFormat,
    runtimeHint: defaults.runtimeHint,
    sizeMb: "",
    gpuGib: "",
    metrics: defaults.metricNames.map((name) => `${name} = `).join("\n"),
    trainingRunId: "",
    trainingRunUrl: "",
    dataset: "",
    gitCommit: "",
    parentVersion: defaults.parentVersion ? String(defaults.parentVersion) : "",
  });
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  const { input, errors } = useMemo(() => toInput(modelName, values), [modelName, values]);

  const errorOf = (field: keyof TValues) => serverErrors[field] ?? (touched.has(field) ? errors[field] : undefined);
  const bind = (field: keyof TValues) => ({
    id: `field-${field}`,
    name: field,
    value: values[field],
    "aria-invalid": Boolean(errorOf(field)),
    "aria-describedby": errorOf(field) ? `field-${field}-error` : undefined,
    onChange: (event: { target: { value: string } }) => {
      setValues((current) => ({ ...current, [field]: event.target.value }));
      setTouched((current) => new Set(current).add(field));
      setServerErrors(({ [field]: _cleared, ...rest }) => rest);
    },
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setTouched(new Set(Object.keys(values)));
    if (!input || Object.keys(errors).length) return setFormError("Some fields need attention.");
    setFormError(null);
    startTransition(async () => {
      const result = await registerModelVersionAction(input);
      if (result.ok) {
        router.push(`/models/${modelName}`);
        router.refresh();
        return;
      }
      const fieldErrors: Record<string, string> = {};
      for (const [key, messages] of Object.entries(result.error.fieldErrors ?? {})) fieldErrors[FIELD_OF[key] ?? key] = messages[0] ?? "";
      setServerErrors(fieldErrors);
      setFormError(result.error.message);
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Register a version">
      <Card className="grid gap-4 p-6 md:grid-cols-2">
        <FormField id="field-version" label="Version number" hint="Whole number; the next free one is filled in." error={errorOf("version")}>
          <input {...bind("version")} inputMode="numeric" className={INPUT_CLASS} />
        </FormField>
        <FormField id="field-parentVersion" label="Parent version" hint="The version this one was trained from, if any." error={errorOf("parentVersion")}>
          <select {...bind("parentVersion")} className={INPUT_CLASS}>
            <option value="">none</option>
            {defaults.versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </FormField>
        <div className="md:col-span-2">
          <FormField id="field-storageUri" label="Storage URI" hint={`Where the artifact lives: ${STORAGE_URI_SCHEMES.map((s) => `${s}://`).join(", ")}.`} error={errorOf("storageUri")}>
            <input {...bind("storageUri")} placeholder={`s3://models/${modelName}/v${defaults.version}`} className={`${INPUT_CLASS} font-mono`} />
          </FormField>
        </div>
        <FormField id="field-modelFormat" label="Model format" hint="As KServe names it: sklearn, xgboost, onnx, huggingface…" error={errorOf("modelFormat")}>
          <input {...bind("modelFormat")} className={INPUT_CLASS} />
        </FormField>
        <FormField id="field-runtimeHint" label="Runtime hint (optional)" hint="For example kserve-tritonserver or vllm." error={errorOf("runtimeHint")}>
          <input {...bind("runtimeHint")} className={INPUT_CLASS} />
        </FormField>
        <FormField id="field-sizeMb" label="Artifact size (MB)" hint="1 GB = 1000 MB." error={errorOf("sizeMb")}>
          <input {...bind("sizeMb")} inputMode="decimal" className={INPUT_CLASS} />
        </FormField>
        <FormField id="field-gpuGib" label="GPU memory needed (GiB, optional)" hint="Leave empty and Gantry estimates it from size and framework; 0 means CPU only." error={errorOf("gpuGib")}>
          <input {...bind("gpuGib")} inputMode="decimal" className={INPUT_CLASS} />
        </FormField>
        <div className="md:col-span-2">
          <FormField id="field-metrics" label="Evaluation metrics" hint="One per line: name = number. They are compared with the previous version." error={errorOf("metrics")}>
            <textarea {...bind("metrics")} rows={4} className={`${INPUT_CLASS} h-auto py-2 font-mono`} />
          </FormField>
        </div>
        <FormField id="field-trainingRunId" label="Training run id (optional)" error={errorOf("trainingRunId")}>
          <input {...bind("trainingRunId")} className={INPUT_CLASS} />
        </FormField>
        <FormField id="field-trainingRunUrl" label="Training run URL (optional)" error={errorOf("trainingRunUrl")}>
          <input {...bind("trainingRunUrl")} placeholder="https://mlflow…/runs/…" className={INPUT_CLASS} />
        </FormField>
        <FormField id="field-dataset" label="Dataset (optional)" error={errorOf("dataset")}>
          <input {...bind("dataset")} placeholder="s3://datasets/…" className={INPUT_CLASS} />
        </FormField>
        <FormField id="field-gitCommit" label="Git commit (optional)" error={errorOf("gitCommit")}>
          <input {...bind("gitCommit")} className={`${INPUT_CLASS} font-mono`} />
        </FormField>
        <div className="flex items-center gap-3 md:col-span-2">
          <Button type="submit" disabled={isPending}>
            {isPending ? "Registering…" : "Register version"}
          </Button>
          {formError ? (
            <p role="alert" className="text-sm text-red-600">
              {formError}
            </p>
          ) : null}
        </div>
      </Card>
    </form>
  );
}
