import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Card } from "./card";

/** What a section shows before it has data: what will appear here, and how it gets there. */
export function EmptyState({ icon: Icon, title, children, action }: { icon: LucideIcon; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card className="flex flex-col items-center px-6 py-14 text-center" data-testid="empty-state">
      <div className="mb-4 rounded-full bg-brand-50 p-3 text-brand-600 dark:bg-brand-700/20 dark:text-brand-100">
        <Icon aria-hidden className="size-6" />
      </div>
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-2 max-w-lg text-sm text-slate-600 dark:text-slate-400">{children}</div>
      {action ? <div className="mt-6">{action}</div> : null}
    </Card>
  );
}
