"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { updateModelVersionStatusAction } from "@/lib/actions/model-actions";
import { VERSION_STATUS_TRANSITIONS, type TVersionStatus } from "@/lib/domain/models/model-fields";

const VERBS: Record<TVersionStatus, { label: string; explain: string }> = {
  active: { label: "Reactivate", explain: "It becomes a normal, recommended version again." },
  deprecated: { label: "Deprecate", explain: "It keeps serving where it is deployed, but people are told not to deploy it anew." },
  archived: { label: "Archive", explain: "It can no longer be deployed or carry an alias. This cannot be undone." },
};

/** Status changes of one version, each behind a confirmation dialog. */
export function VersionActionsClient({ modelName, version, status }: { modelName: string; version: number; status: TVersionStatus }) {
  const targets = VERSION_STATUS_TRANSITIONS[status];
  if (targets.length === 0) return <span className="text-xs text-slate-400">final</span>;
  return (
    <div className="flex flex-wrap gap-1">
      {targets.map((target) => (
        <ConfirmStatusChange key={target} modelName={modelName} version={version} target={target} />
      ))}
    </div>
  );
}

function ConfirmStatusChange({ modelName, version, target }: { modelName: string; version: number; target: TVersionStatus }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  const verb = VERBS[target];

  const confirm = () =>
    startTransition(async () => {
      const result = await updateModelVersionStatusAction({ modelName, version, status: target });
      if (!result.ok) return setError(result.error.message);
      setOpen(false);
      router.refresh();
    });

  return (
    <Dialog.Root open={open} onOpenChange={(next) => { setOpen(next); setError(null); }}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant={target === "archived" ? "danger" : "secondary"}>
          {verb.label}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-950/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 w-[28rem] max-w-[90vw] -translate-x-1/2 -translate-y-1/2 rounded-lg border border-slate-200 bg-white p-6 shadow-lg dark:border-slate-800 dark:bg-slate-900">
          <Dialog.Title className="text-lg font-semibold">
            {verb.label} {modelName} v{version}?
          </Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600 dark:text-slate-400">{verb.explain} The change is recorded in the audit log.</Dialog.Description>
          {error ? (
            <p role="alert" className="mt-3 text-sm text-red-600">
              {error}
            </p>
          ) : null}
          <div className="mt-6 flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="ghost">Cancel</Button>
            </Dialog.Close>
            <Button variant={target === "archived" ? "danger" : "primary"} onClick={confirm} disabled={isPending}>
              {isPending ? "Saving…" : verb.label}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
