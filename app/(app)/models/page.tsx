import { Boxes, Plus } from "lucide-react";
import Link from "next/link";
import { ModelListTable } from "@/components/models/model-list-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterActions, Pagination } from "@/components/ui/pagination";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/session";
import { MODEL_FRAMEWORKS, MODEL_TASKS } from "@/lib/domain/models/model-fields";
import { listModels, MODEL_SORTS, ZListModelsInput } from "@/lib/services/models/list-models";

export const metadata = { title: "Models" };

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

const SELECT_CLASS = "h-9 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900";

export default async function ModelsPage({ searchParams }: { searchParams: TSearchParams }) {
  const actor = await requirePageActor("fleet.view");
  const raw = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  const filters = ZListModelsInput.parse({
    q: first(raw.q),
    team: first(raw.team),
    framework: first(raw.framework),
    task: first(raw.task),
    isDeployed: first(raw.deployed) ? true : undefined,
    sort: first(raw.sort),
    page: first(raw.page),
  });
  const result = await listModels(actor, filters);
  const isFiltered = Boolean(filters.q || filters.team || filters.framework || filters.task || filters.isDeployed);

  // The URL is the state: every filter, the sort and the page are shareable.
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    for (const key of ["q", "team", "framework", "task", "sort"] as const) if (filters[key]) params.set(key, String(filters[key]));
    if (filters.isDeployed) params.set("deployed", "1");
    params.set("page", String(page));
    return `/models?${params.toString()}`;
  };

  return (
    <>
      <PageHeader
        title="Models"
        description="Every registered model and its immutable versions. Search by name, description or tag; open a model to compare its versions, read its model card and see where it is deployed."
        actions={
          hasPermission(actor.role, "model.register") ? (
            <Button asChild>
              <Link href="/models/new">
                <Plus aria-hidden className="size-4" /> New model
              </Link>
            </Button>
          ) : null
        }
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Search and filter models">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Search</span>
          <input name="q" type="search" defaultValue={filters.q ?? ""} placeholder="name, description or tag…" className={`${SELECT_CLASS} w-64 px-3`} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Team</span>
          <select name="team" defaultValue={filters.team ?? ""} className={SELECT_CLASS}>
            <option value="">All teams</option>
            {result.teams.map((team) => (
              <option key={team} value={team}>
                {team}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Framework</span>
          <select name="framework" defaultValue={filters.framework ?? ""} className={SELECT_CLASS}>
            <option value="">All frameworks</option>
            {MODEL_FRAMEWORKS.map((framework) => (
              <option key={framework} value={framework}>
                {framework}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Task</span>
          <select name="task" defaultValue={filters.task ?? ""} className={SELECT_CLASS}>
            <option value="">All tasks</option>
            {MODEL_TASKS.map((task) => (
              <option key={task} value={task}>
                {task}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Sort</span>
          <select name="sort" defaultValue={filters.sort} className={SELECT_CLASS}>
            {Object.entries(MODEL_SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex h-9 items-center gap-2 text-sm">
          <input name="deployed" type="checkbox" value="1" defaultChecked={filters.isDeployed ?? false} className="size-4" />
          Has live deployments
        </label>
        <FilterActions submitLabel="Apply" isFiltered={isFiltered} clearHref="/models" />
      </form>

      {result.models.length === 0 ? (
        <EmptyState icon={Boxes} title={isFiltered ? "No models match these filters" : "No models registered yet"}>
          {isFiltered
            ? "Try a shorter search, another team or framework, or clear the filters."
            : "Registered models and their immutable versions appear here, with model cards, evaluation metrics and lineage. Engineers register versions here or from CI through the REST API."}
        </EmptyState>
      ) : (
        <>
          <ModelListTable models={result.models} />
          <Pagination total={result.total} noun="model" page={result.page} pageCount={result.pageCount} hrefForPage={pageHref} />
        </>
      )}
    </>
  );
}
