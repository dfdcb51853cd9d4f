"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { deleteDeploymentAction } from "@/lib/actions/deployment-actions";

/** Delete after typing the name: removes the InferenceService and the registry record. */
export function DeleteDeploymentDialog({ namespace, name, onCancel }: { namespace: string; name: string; onCancel: () => void }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      const result = await deleteDeploymentAction({ namespace, name, confirmName: typed });
      if (!result.ok) return setError(result.error.fieldErrors?.confirmName?.[0] ?? result.error.message);
      router.push("/deployments");
      router.refresh();
    });
  return (
    <div role="dialog" aria-label={`Delete ${name}`} className="rounded-md border border-red-300 bg-red-50 p-4 text-sm dark:border-red-800 dark:bg-red-950/40">
      <p className="font-medium text-red-900 dark:text-red-100">
        Delete {name} from {namespace}? The InferenceService and its pods are removed from the cluster; requests to its URL will fail. The audit log keeps the record.
      </p>
      <label className="mt-3 block">
        <span className="mb-1 block">
          Type <code className="rounded bg-white px-1 font-mono dark:bg-slate-900">{name}</code> to confirm
        </span>
        <input
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-label="Type the deployment name to confirm"
          className="h-9 w-full max-w-sm rounded-md border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-950"
        />
      </label>
      {error ? <p className="mt-2 text-red-700 dark:text-red-300">{error}</p> : null}
      <div className="mt-3 flex gap-2">
        <Button variant="danger" disabled={typed !== name || pending} onClick={remove} data-testid="confirm-delete">
          {pending ? "Deleting…" : "Delete deployment"}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
