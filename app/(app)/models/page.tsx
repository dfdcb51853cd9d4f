import { Boxes } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";

export const metadata = { title: "Models" };

export default async function ModelsPage() {
  await requirePageActor("fleet.view");
  return (
    <>
      <PageHeader title="Models" />
      <EmptyState icon={Boxes} title="No models registered yet">
        Registered models and their immutable versions appear here, with model cards, evaluation metrics and lineage. Engineers register versions here or from CI through the REST API.
      </EmptyState>
    </>
  );
}
