"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { moveModelAliasAction } from "@/lib/actions/model-actions";
import { ZAliasName } from "@/lib/domain/models/model-fields";
import { INPUT_CLASS } from "./form-field";

/** Moves (or creates) an alias such as champion to a version. */
export function AliasFormClient({ modelName, aliases, versions }: { modelName: string; aliases: string[]; versions: number[] }) {
  const [alias, setAlias] = useState(aliases[0] ?? "champion");
  const [version, setVersion] = useState(versions[0] ?? 1);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  const aliasError = alias ? (ZAliasName.safeParse(alias).error?.issues[0]?.message ?? null) : null;

  const move = () =>
    startTransition(async () => {
      const result = await moveModelAliasAction({ modelName, alias, version });
      if (!result.ok) return setMessage({ tone: "error", text: result.error.fieldErrors?.version?.[0] ?? result.error.message });
      setMessage({ tone: "ok", text: `${alias} now points at v${version}` });
      router.refresh();
    });

  return (
    <div className="flex flex-wrap items-end gap-2 text-sm">
      <label className="flex flex-col gap-1">
        <span className="font-medium">Alias</span>
        <input list="model-aliases" value={alias} onChange={(e) => { setAlias(e.target.value.trim()); setMessage(null); }} className={`${INPUT_CLASS} w-40`} aria-invalid={Boolean(aliasError)} />
        <datalist id="model-aliases">
          {["champion", "challenger", ...aliases].filter((a, i, all) => all.indexOf(a) === i).map((a) => <option key={a} value={a} />)}
        </datalist>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Version</span>
        <select value={version} onChange={(e) => { setVersion(Number(e.target.value)); setMessage(null); }} className={`${INPUT_CLASS} w-24`}>
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
      </label>
      <Button size="sm" className="h-9" onClick={move} disabled={isPending || Boolean(aliasError) || !alias}>
        {isPending ? "Moving…" : "Move alias"}
      </Button>
      {aliasError ? <span className="text-xs text-red-600">{aliasError}</span> : null}
      {message ? (
        <span role="status" className={message.tone === "error" ? "text-red-600" : "text-emerald-600"}>
          {message.text}
        </span>
      ) : null}
    </div>
  );
}
