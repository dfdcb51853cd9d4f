import { Cpu } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";

export const metadata = { title: "GPU pools" };

export default async function GPUpoolsPage() {
  await requirePageActor("fleet.view");
  return (
    <>
      <PageHeader title="GPU pools" />
      <EmptyState icon={Cpu} title="No GPU pools to show yet">
        Node pools of the cluster appear here grouped by GPU type, with capacity, free GPUs, pending pods and the cost per hour of what is allocated.
      </EmptyState>
    </>
  );
}
