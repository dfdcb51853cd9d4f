import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { deploymentQuery } from "@/components/deployments/deployment-queries";
import { requirePageActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getDeploymentOrThrow } from "@/lib/services/deployments/get-deployment";
import { rolloutQuery } from "@/components/rollouts/rollout-queries";
import { getRollout } from "@/lib/services/rollouts/get-rollout";
import { DeploymentDetailClient } from "./deployment-detail-client";

export const metadata = { title: "Deployment" };

export default async function DeploymentPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const actor = await requirePageActor("fleet.view");
  const { namespace, name } = await params;
  // Both read the same watch cache and registry; neither waits for the other.
  const [detail, rollout] = await Promise.all([getDeploymentOrThrow(actor, namespace, name), getRollout(actor, namespace, name)]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const queryClient = new QueryClient();
  queryClient.setQueryData(deploymentQuery(detail.clusterKey, namespace, name).queryKey, detail);
  queryClient.setQueryData(rolloutQuery(detail.clusterKey, namespace, name).queryKey, rollout);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <DeploymentDetailClient clusterKey={detail.clusterKey} namespace={namespace} name={name} />
    </HydrationBoundary>
  );
}
