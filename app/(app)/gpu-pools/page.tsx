import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { gpuPoolsQuery } from "@/components/gpu/gpu-pool-queries";
import { requirePageActor } from "@/lib/auth/session";
import { listGpuPools } from "@/lib/services/gpu-pools/list-gpu-pools";
import { GpuPoolsClient } from "./gpu-pools-client";

export const metadata = { title: "GPU pools" };

export default async function GpuPoolsPage() {
  const actor = await requirePageActor("fleet.view");
  const view = await listGpuPools(actor);
  const queryClient = new QueryClient();
  queryClient.setQueryData(gpuPoolsQuery(view.clusterKey).queryKey, view);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <GpuPoolsClient clusterKey={view.clusterKey} />
    </HydrationBoundary>
  );
}
