import { forbidden, notFound } from "next/navigation";
import Link from "next/link";
import { RegisterVersionFormClient } from "@/components/models/register-version-form-client";
import { PageHeader } from "@/components/ui/page-header";
import { canChangeTeamResource } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getModelDetail } from "@/lib/services/models/get-model-detail";

export const metadata = { title: "Register version" };

export default async function RegisterVersionPage({ params }: { params: Promise<{ name: string }> }) {
  const actor = await requirePageActor("model.register");
  const { name } = await params;
  const { model, versions } = await getModelDetail(actor, name).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  if (!canChangeTeamResource(actor, model.team, "model.register")) forbidden();
  const latest = versions[0];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/models/${model.name}`} className="text-slate-500 hover:underline">
          ← {model.name}
        </Link>
      </p>
      <PageHeader
        title={`Register a version of ${model.name}`}
        description="A version is immutable once registered: to change anything, register a new version number. CI pipelines can do the same through the REST API with a team API token."
      />
      <RegisterVersionFormClient
        modelName={model.name}
        defaults={{
          version: (latest?.version ?? 0) + 1,
          modelFormat: latest?.modelFormat ?? model.framework,
          runtimeHint: latest?.runtimeHint ?? "",
          metricNames: latest ? Object.keys(latest.metrics) : [],
          parentVersion: latest?.version ?? null,
          versions: versions.map((v) => v.version),
        }}
      />
    </>
  );
}
