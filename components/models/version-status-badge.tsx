import { Badge } from "@/components/ui/badge";
import type { TVersionStatus } from "@/lib/domain/models/model-fields";

const TONE = { active: "success", deprecated: "warning", archived: "neutral" } as const;

export function VersionStatusBadge({ status }: { status: TVersionStatus }) {
  return <Badge tone={TONE[status]}>{status}</Badge>;
}
