"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import type { TDiffLine } from "@/lib/domain/deployments/yaml-diff";

export function CodeBlock({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="relative">
      <button
        type="button"
        onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}
        className="absolute right-2 top-2 inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
        aria-label={`Copy ${label}`}
      >
        {copied ? <Check className="size-3" aria-hidden /> : <Copy className="size-3" aria-hidden />} {copied ? "Copied" : "Copy"}
      </button>
      <pre data-testid={testId} className="max-h-[28rem] overflow-auto rounded-md bg-slate-950 p-4 font-mono text-xs leading-5 text-slate-100">
        {text}
      </pre>
    </div>
  );
}

export function DiffBlock({ lines }: { lines: TDiffLine[] }) {
  return (
    <pre data-testid="yaml-diff" className="max-h-[28rem] overflow-auto rounded-md bg-slate-950 py-3 font-mono text-xs leading-5 text-slate-100">
      {lines.map((line, i) => (
        <div key={i} className={cn("px-4", line.kind === "added" && "bg-emerald-900/60 text-emerald-100", line.kind === "removed" && "bg-red-900/60 text-red-100")}>
          {line.kind === "added" ? "+ " : line.kind === "removed" ? "- " : "  "}
          {line.text}
        </div>
      ))}
    </pre>
  );
}
