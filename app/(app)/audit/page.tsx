import { ScrollText } from "lucide-react";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterActions, Pagination } from "@/components/ui/pagination";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { listAuditEvents, ZListAuditEventsInput } from "@/lib/services/audit/list-audit-events";

export const metadata = { title: "Audit" };

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: TSearchParams }) {
  const actor = await requirePageActor("audit.view");
  const raw = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  const parsed = ZListAuditEventsInput.safeParse({ actor: first(raw.actor), action: first(raw.action), target: first(raw.target), page: first(raw.page) });
  const filters = parsed.success ? parsed.data : ZListAuditEventsInput.parse({});
  const result = await listAuditEvents(actor, filters);
  const isFiltered = Boolean(filters.actor || filters.action || filters.target);

  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (filters.actor) params.set("actor", filters.actor);
    if (filters.action) params.set("action", filters.action);
    if (filters.target) params.set("target", filters.target);
    params.set("page", String(page));
    return `/audit?${params.toString()}`;
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through Gantry: who did what, to what, and when, with the values before and after. The log is append-only."
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter audit events">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Actor</span>
          <input name="actor" defaultValue={filters.actor ?? ""} placeholder="email contains…" className="h-9 w-56 rounded-md border border-slate-300 bg-white px-3 dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Action</span>
          <select name="action" defaultValue={filters.action ?? ""} className="h-9 w-56 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900">
            <option value="">All actions</option>
            {result.actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Target</span>
          <input name="target" defaultValue={filters.target ?? ""} placeholder="type or id…" className="h-9 w-56 rounded-md border border-slate-300 bg-white px-3 dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <FilterActions submitLabel="Filter" isFiltered={isFiltered} clearHref="/audit" />
      </form>

      {result.events.length === 0 ? (
        <EmptyState icon={ScrollText} title={isFiltered ? "No audit events match these filters" : "No audit events yet"}>
          {isFiltered
            ? "Try a shorter actor or target, or clear the filters."
            : "Sign-ins, role changes, registrations, deployments and approvals will be recorded here as they happen."}
        </EmptyState>
      ) : (
        <>
          <AuditTable events={result.events} />
          <Pagination
            total={result.total}
            noun="event"
            page={result.page}
            pageCount={result.pageCount}
            hrefForPage={pageHref}
            labels={{ previous: "Newer", next: "Older" }}
          />
        </>
      )}
    </>
  );
}
