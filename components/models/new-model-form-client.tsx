"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { registerModelAction } from "@/lib/actions/model-actions";
import { MODEL_CARD_SECTIONS, MODEL_FRAMEWORKS, MODEL_TASKS, ZRegisterModelInput, type TModelCard } from "@/lib/domain/models/model-fields";
import { FormField, INPUT_CLASS } from "./form-field";

type TValues = { name: string; team: string; task: string; framework: string; description: string; tags: string } & TModelCard;

/** The "new model" form: validated as you type with the server's zod schema. */
export function NewModelFormClient({ teams }: { teams: string[] }) {
  const [values, setValues] = useState<TValues>({
    name: "",
    team: teams[0] ?? "",
    task: "classification",
    framework: "sklearn",
    description: "",
    tags: "",
    intendedUse: "",
    limitations: "",
    evaluationData: "",
    ethicalConsiderations: "",
  });
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();

  const parsed = useMemo(
    () =>
      ZRegisterModelInput.safeParse({
        name: values.name,
        team: values.team,
        task: values.task,
        framework: values.framework,
        description: values.description,
        tags: values.tags.split(/[\s,]+/).filter(Boolean),
        modelCard: { intendedUse: values.intendedUse, limitations: values.limitations, evaluationData: values.evaluationData, ethicalConsiderations: values.ethicalConsiderations },
      }),
    [values],
  );
  const errors: Record<string, string> = {};
  for (const issue of parsed.error?.issues ?? []) {
    // Model card fields are nested (modelCard.limitations); the form shows them flat.
    const key = issue.path[0] === "modelCard" ? issue.path[1] : issue.path[0];
    errors[String(key ?? "_")] ??= issue.message;
  }
  const errorOf = (field: keyof TValues) => serverErrors[field] ?? (touched.has(field) ? errors[field] : undefined);
  const bind = (field: keyof TValues) => ({
    id: `field-${field}`,
    value: values[field],
    "aria-invalid": Boolean(errorOf(field)),
    onChange: (event: { target: { value: string } }) => {
      setValues((current) => ({ ...current, [field]: event.target.value }));
      setTouched((current) => new Set(current).add(field));
      setServerErrors(({ [field]: _cleared, ...rest }) => rest);
    },
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setTouched(new Set(Object.keys(values)));
    if (!parsed.success) return setFormError("Some fields need attention.");
    startTransition(async () => {
      const result = await registerModelAction(parsed.data);
      if (result.ok) {
        router.push(`/models/${result.data.model.name}`);
        return;
      }
      setServerErrors(Object.fromEntries(Object.entries(result.error.fieldErrors ?? {}).map(([key, messages]) => [key.split(".").at(-1)!, messages[0] ?? ""])));
      setFormError(result.error.message);
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New model">
      <Card className="grid gap-4 p-6 md:grid-cols-2">
        <FormField id="field-name" label="Name" hint="Lower-case letters, digits and dashes; it becomes part of Kubernetes names." error={errorOf("name")}>
          <input {...bind("name")} placeholder="fraud-scorer" className={`${INPUT_CLASS} font-mono`} />
        </FormField>
        <FormField id="field-team" label="Owning team" hint="Only its members (and admins) can register versions." error={errorOf("team")}>
          <select {...bind("team")} className={INPUT_CLASS}>
            {teams.map((team) => (
              <option key={team} value={team}>
                {team}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="field-task" label="Task" error={errorOf("task")}>
          <select {...bind("task")} className={INPUT_CLASS}>
            {MODEL_TASKS.map((task) => (
              <option key={task}>{task}</option>
            ))}
          </select>
        </FormField>
        <FormField id="field-framework" label="Framework" hint="huggingface covers transformers and LLMs." error={errorOf("framework")}>
          <select {...bind("framework")} className={INPUT_CLASS}>
            {MODEL_FRAMEWORKS.map((framework) => (
              <option key={framework}>{framework}</option>
            ))}
          </select>
        </FormField>
        <div className="md:col-span-2">
          <FormField id="field-description" label="Description" error={errorOf("description")}>
            <input {...bind("description")} className={INPUT_CLASS} />
          </FormField>
        </div>
        <div className="md:col-span-2">
          <FormField id="field-tags" label="Tags" hint="Separated by spaces or commas; used by search." error={errorOf("tags")}>
            <input {...bind("tags")} placeholder="tabular fraud real-time" className={INPUT_CLASS} />
          </FormField>
        </div>
        {MODEL_CARD_SECTIONS.map(({ key, label }) => (
          <FormField key={key} id={`field-${key}`} label={`Model card: ${label.toLowerCase()}`} error={errorOf(key)}>
            <textarea {...bind(key)} rows={3} className={`${INPUT_CLASS} h-auto py-2`} />
          </FormField>
        ))}
        <div className="flex items-center gap-3 md:col-span-2">
          <Button type="submit" disabled={isPending}>
            {isPending ? "Registering…" : "Register model"}
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
