import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getLaunchOptions } from "@/lib/services/deployments/get-launch-options";
import { LaunchWizardClient } from "./launch-wizard-client";

export const metadata = { title: "Launch a deployment" };

export default async function NewDeploymentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("deployment.manage");
  const params = await searchParams;
  const options = await getLaunchOptions(actor);
  const version = Number(params.version);
  return (
    <>
      <PageHeader
        title="Launch a deployment"
        description="From a registered model version to a serving endpoint. Every step validates as you go; the review shows the exact YAML that will be applied."
      />
      <LaunchWizardClient options={options} initialModel={typeof params.model === "string" ? params.model : null} initialVersion={Number.isInteger(version) && version > 0 ? version : null} />
    </>
  );
}
