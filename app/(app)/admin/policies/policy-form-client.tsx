"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { FormField, INPUT_CLASS } from "@/components/models/form-field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { updateEnvironmentPolicyAction } from "@/lib/actions/rollout-actions";
import { describePolicy, type TEnvironmentPolicy } from "@/lib/domain/rollouts/promotion-policy";
import type { TUpdateEnvironmentPolicyInput } from "@/lib/services/rollouts/environment-policies";

// One environment's policy as a form: numbers are edited as text (so a half-typed value is not
// forced to 0) and checked to be numbers here; the action validates the rest and its field
// errors appear under their inputs.

type TNumberField = "canaryCeilingPercent" | "defaultCanaryPercent" | "approvalsRequired" | "minCanaryMinutes" | "minCanaryRequests" | "requestTtlHours";

const NUMBER_FIELDS: { name: TNumberField; label: string; unit: string; hint: string; needsApproval: boolean }[] = [
  { name: "canaryCeilingPercent", label: "Canary ceiling", unit: "%", hint: "The highest share an engineer may give a canary; beyond it only a promotion to 100 % goes. 100 for no ceiling.", needsApproval: false },
  { name: "defaultCanaryPercent", label: "Default canary share", unit: "%", hint: "What a new canary starts with; at most the ceiling.", needsApproval: false },
  { name: "approvalsRequired", label: "Approvals required", unit: "", hint: "Approvers, none of them the requester or whoever started the canary (1–5).", needsApproval: true },
  { name: "minCanaryMinutes", label: "Minimum canary run", unit: "min", hint: "How long the canary must run before promotion can be requested; 0 for no minimum.", needsApproval: true },
  { name: "minCanaryRequests", label: "Minimum canary requests", unit: "requests", hint: "How many requests the canary must have served first; 0 for no minimum.", needsApproval: true },
  { name: "requestTtlHours", label: "Request expires after", unit: "h", hint: "A request without enough approvals by then expires (1–720 h).", needsApproval: true },
];

type TValues = Record<TNumberField, string> & { requiresApproval: boolean };

const valuesOf = (p: TEnvironmentPolicy): TValues => ({
  canaryCeilingPercent: String(p.canaryCeilingPercent),
  defaultCanaryPercent: String(p.defaultCanaryPercent),
  requiresApproval: p.requiresApproval,
  approvalsRequired: String(p.approvalsRequired),
  minCanaryMinutes: String(p.minCanaryMinutes),
  minCanaryRequests: String(p.minCanaryRequests),
  requestTtlHours: String(p.requestTtlHours),
});

const isSame = (a: TValues, b: TValues) => (Object.keys(a) as (keyof TValues)[]).every((key) => a[key] === b[key]);

export function PolicyFormClient({ policy }: { policy: TEnvironmentPolicy }) {
  const router = useRouter();
  const [saved, setSaved] = useState<TEnvironmentPolicy>(policy);
  const [values, setValues] = useState<TValues>(() => valuesOf(policy));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const env = policy.environment;
  const isDirty = !isSame(values, valuesOf(saved));

  const set = (name: keyof TValues, value: string | boolean) => {
    setValues((current) => ({ ...current, [name]: value }));
    setFieldErrors(({ [name]: _removed, ...rest }) => rest);
    setMessage(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const errors: Record<string, string> = {};
    const numbers = {} as Record<TNumberField, number>;
    for (const { name } of NUMBER_FIELDS) {
      const text = values[name].trim();
      const value = text === "" ? NaN : Number(text);
      if (!Number.isFinite(value)) errors[name] = "Enter a number.";
      else numbers[name] = value;
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length) return;
    const input: TUpdateEnvironmentPolicyInput = { environment: env as TUpdateEnvironmentPolicyInput["environment"], requiresApproval: values.requiresApproval, ...numbers };
    startTransition(async () => {
      const result = await updateEnvironmentPolicyAction(input);
      if (!result.ok) {
        const errs = Object.fromEntries(Object.entries(result.error.fieldErrors ?? {}).map(([name, list]) => [name, list[0] ?? ""]));
        setFieldErrors(errs);
        setMessage({ tone: "error", text: result.error.message });
        return;
      }
      setSaved(result.data);
      setValues(valuesOf(result.data));
      setMessage({ tone: "ok", text: `Saved the ${env} policy.` });
      router.refresh();
    });
  };

  const id = (name: string) => `policy-${env}-${name}`;
  return (
    <Card className="flex flex-col" data-testid={`policy-${env}`}>
      <form onSubmit={submit} aria-labelledby={id("title")} className="flex flex-1 flex-col" noValidate>
        <header className="border-b border-slate-200 px-5 py-4 dark:border-slate-800">
          <h2 id={id("title")} className="flex items-center gap-2 text-lg font-semibold">
            {env} <Badge tone={saved.requiresApproval ? "warning" : "neutral"}>{saved.requiresApproval ? "approval required" : "no approval"}</Badge>
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="policy-description">
            {describePolicy(saved)}
          </p>
        </header>
        <div className="flex-1 space-y-4 px-5 py-4">
          <label className="flex items-start gap-2 text-sm" htmlFor={id("requiresApproval")}>
            <input
              id={id("requiresApproval")}
              type="checkbox"
              checked={values.requiresApproval}
              onChange={(event) => set("requiresApproval", event.target.checked)}
              className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600"
            />
            <span>
              <span className="font-medium">Promotion needs approval</span>
              <span className="block text-xs text-slate-500">Off: engineers promote their canaries to 100 % themselves, without a request.</span>
            </span>
          </label>
          {NUMBER_FIELDS.map((field) => {
            const error = fieldErrors[field.name];
            const isIdle = field.needsApproval && !values.requiresApproval;
            return (
              <FormField key={field.name} id={id(field.name)} label={field.label} error={error} hint={isIdle ? "Used only when promotion needs approval." : field.hint}>
                <div className="flex items-center gap-2">
                  <input
                    id={id(field.name)}
                    inputMode="numeric"
                    value={values[field.name]}
                    onChange={(event) => set(field.name, event.target.value)}
                    disabled={isIdle}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id(field.name)}-error` : `${id(field.name)}-hint`}
                    className={`${INPUT_CLASS} max-w-32 tabular-nums disabled:cursor-not-allowed disabled:opacity-60`}
                  />
                  {field.unit ? <span className="text-sm text-slate-500">{field.unit}</span> : null}
                </div>
              </FormField>
            );
          })}
        </div>
        <footer className="flex flex-wrap items-center gap-3 border-t border-slate-200 px-5 py-3 dark:border-slate-800">
          <Button type="submit" size="sm" disabled={isPending || !isDirty} data-testid={`save-policy-${env}`}>
            {isPending ? "Saving…" : `Save ${env}`}
          </Button>
          {isDirty && !isPending ? (
            <Button
              type="button"
              size="sm"
              variant="ghost"
              onClick={() => {
                setValues(valuesOf(saved));
                setFieldErrors({});
                setMessage(null);
              }}
            >
              Reset
            </Button>
          ) : null}
          <span role="status" className={message?.tone === "error" ? "text-sm text-red-700 dark:text-red-300" : "text-sm text-emerald-700 dark:text-emerald-400"}>
            {message?.text}
          </span>
        </footer>
      </form>
    </Card>
  );
}
