import Link from "next/link";
import { NewModelFormClient } from "@/components/models/new-model-form-client";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { listTeamSlugs } from "@/lib/services/models/list-team-slugs";

export const metadata = { title: "New model" };

export default async function NewModelPage() {
  const actor = await requirePageActor("model.register");
  const teams = await listTeamSlugs(actor);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/models" className="text-slate-500 hover:underline">
          ← Models
        </Link>
      </p>
      <PageHeader title="New model" description="Register the model once; then register its versions here or from CI. The model card tells others what it is for and where it falls short." />
      <NewModelFormClient teams={teams} />
    </>
  );
}
