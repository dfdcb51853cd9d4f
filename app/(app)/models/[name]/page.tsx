import { Plus } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AliasFormClient } from "@/components/models/alias-form-client";
import { VersionActionsClient } from "@/components/models/version-actions-client";
import { VersionComparison } from "@/components/models/version-comparison";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canChangeTeamResource } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/session";
import { MODEL_CARD_SECTIONS } from "@/lib/domain/models/model-fields";
import { AppError } from "@/lib/errors";
import { getModelDetail } from "@/lib/services/models/get-model-detail";

type TParams = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: TParams }) {
  return { title: (await params).name };
}

export default async function ModelPage({ params }: { params: TParams }) {
  const actor = await requirePageActor("fleet.view");
  const { name } = await params;
  const detail = await getModelDetail(actor, name).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { model, versions, aliases } = detail;
  const canRegister = canChangeTeamResource(actor, model.team, "model.register");
  const canManage = canChangeTeamResource(actor, model.team, "model.manage");
  const canDeploy = canChangeTeamResource(actor, model.team, "deployment.manage");

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/models" className="text-slate-500 hover:underline">
          ← Models
        </Link>
      </p>
      <PageHeader
        title={model.name}
        description={
          <>
            {model.description}
            <span className="mt-2 flex flex-wrap items-center gap-1">
              <Badge tone="info">team {model.team}</Badge>
              <Badge>{model.task}</Badge>
              <Badge>{model.framework}</Badge>
              {model.tags.map((tag) => (
                <Badge key={tag}>#{tag}</Badge>
              ))}
            </span>
          </>
        }
        actions={
          canRegister ? (
            <Button asChild>
              <Link href={`/models/${model.name}/register`}>
                <Plus aria-hidden className="size-4" /> Register version
              </Link>
            </Button>
          ) : null
        }
      />

      <section aria-labelledby="versions-heading" className="mb-8">
        <h2 id="versions-heading" className="mb-1 text-lg font-semibold">
          Versions
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          Newest first. Each metric shows its change since the previous version: <span className="text-emerald-700 dark:text-emerald-400">green is better</span>,{" "}
          <span className="text-red-700 dark:text-red-400">red is worse</span>. Versions are immutable; only their status changes.
        </p>
        {versions.length ? (
          <VersionComparison
            versions={versions}
            actions={
              canManage || canDeploy
                ? (v) => (
                    <div className="flex flex-wrap items-center gap-1">
                      {canDeploy && v.status !== "archived" ? (
                        <Link
                          href={`/deployments/new?model=${encodeURIComponent(model.name)}&version=${v.version}`}
                          className="inline-flex h-7 items-center rounded-md bg-brand-600 px-2 text-xs font-medium text-white hover:bg-brand-700"
                          data-testid={`deploy-v${v.version}`}
                        >
                          Deploy this version
                        </Link>
                      ) : null}
                      {canManage ? <VersionActionsClient modelName={model.name} version={v.version} status={v.status} /> : null}
                    </div>
                  )
                : undefined
            }
          />
        ) : (
          <Card className="p-6 text-sm text-slate-600 dark:text-slate-400">
            No versions yet. {canRegister ? "Register the first one, or push one from CI with a team API token." : "The owning team registers them from the UI or from CI."}
          </Card>
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="card-heading">
          <h2 id="card-heading" className="mb-3 text-lg font-semibold">
            Model card
          </h2>
          <Card className="divide-y divide-slate-100 dark:divide-slate-800">
            {MODEL_CARD_SECTIONS.map(({ key, label }) => (
              <div key={key} className="px-4 py-3">
                <h3 className="text-xs font-medium text-slate-500 uppercase">{label}</h3>
                <p className="mt-1 text-sm whitespace-pre-line">{model.modelCard[key] || <span className="text-slate-400">Not written yet.</span>}</p>
              </div>
            ))}
          </Card>
        </section>
        <section aria-labelledby="aliases-heading">
          <h2 id="aliases-heading" className="mb-3 text-lg font-semibold">
            Aliases
          </h2>
          <Card className="p-4">
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
              Names such as <em>champion</em> and <em>challenger</em> that point at a version. Deployments and pipelines can follow an alias instead of a number; every move is audited.
            </p>
            {aliases.length ? (
              <ul className="mb-4 space-y-1 text-sm" data-testid="alias-list">
                {aliases.map((a) => (
                  <li key={a.alias} className="flex items-center gap-2">
                    <Badge tone="info">{a.alias}</Badge> → v{a.version}
                    <span className="text-xs text-slate-500">since {a.updatedAt.slice(0, 10)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mb-4 text-sm text-slate-400">No aliases yet.</p>
            )}
            {canManage && versions.some((v) => v.status !== "archived") ? (
              <AliasFormClient modelName={model.name} aliases={aliases.map((a) => a.alias)} versions={versions.filter((v) => v.status !== "archived").map((v) => v.version)} />
            ) : null}
          </Card>
        </section>
      </div>
    </>
  );
}
