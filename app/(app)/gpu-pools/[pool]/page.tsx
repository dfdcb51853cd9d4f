import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { gpuPoolQuery } from "@/components/gpu/gpu-pool-queries";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getGpuPoolOrThrow } from "@/lib/services/gpu-pools/get-gpu-pool";
import { GpuPoolClient } from "./gpu-pool-client";

export async function generateMetadata({ params }: { params: Promise<{ pool: string }> }) {
  return { title: `GPU pool ${decodeURIComponent((await params).pool)}` };
}

export default async function GpuPoolPage({ params }: { params: Promise<{ pool: string }> }) {
  const actor = await requirePageActor("fleet.view");
  const name = decodeURIComponent((await params).pool);
  const view = await getGpuPoolOrThrow(actor, name).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const queryClient = new QueryClient();
  queryClient.setQueryData(gpuPoolQuery(view.clusterKey, name).queryKey, view);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <GpuPoolClient clusterKey={view.clusterKey} name={name} canManagePrices={hasPermission(actor.role, "gpu.prices.manage")} />
    </HydrationBoundary>
  );
}
