"use client";

import { useState, useTransition } from "react";
import { updateGpuPriceAction } from "@/lib/actions/gpu-pool-actions";
import { Button } from "@/components/ui/button";

/** Admins set a pool's price per GPU-hour; an empty field removes it. Saved and audited. */
export function PriceEditor({ pool, price }: { pool: string; price: number | null }) {
  const [value, setValue] = useState(price === null ? "" : price.toFixed(2));
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const save = () =>
    startTransition(async () => {
      const result = await updateGpuPriceAction({ pool, pricePerGpuHour: value.trim() === "" ? null : Number(value) });
      setMessage(result.ok ? { tone: "ok", text: "Saved" } : { tone: "error", text: result.error.fieldErrors?.pricePerGpuHour?.[0] ?? result.error.message });
    });
  return (
    <form
      className="flex flex-wrap items-center gap-2 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label htmlFor="gpu-price" className="text-slate-600 dark:text-slate-400">
        Price per GPU-hour (USD)
      </label>
      <input
        id="gpu-price"
        inputMode="decimal"
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setMessage(null);
        }}
        placeholder="e.g. 2.50"
        className="h-8 w-24 rounded-md border border-slate-300 bg-white px-2 tabular-nums dark:border-slate-700 dark:bg-slate-900"
      />
      <Button size="sm" variant="secondary" type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save price"}
      </Button>
      {message ? (
        <span role="status" className={message.tone === "error" ? "text-red-600" : "text-emerald-600"}>
          {message.text}
        </span>
      ) : null}
    </form>
  );
}
