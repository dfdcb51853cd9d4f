import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/services/api-tokens/list-api-tokens";
import { listTeamSlugs } from "@/lib/services/models/list-team-slugs";
import { TokensClient } from "./tokens-client";

export const metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const actor = await requirePageActor("fleet.view");
  const [tokens, teams] = await Promise.all([listApiTokens(actor), listTeamSlugs(actor)]);
  const canCreate = hasPermission(actor.role, "token.manage") && teams.length > 0;
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Team tokens let CI pipelines register models and versions through the REST API (see /api/v1/openapi.json). A token acts for one team; its secret is shown once and stored only as a hash."
      />
      <TokensClient tokens={tokens} teams={canCreate ? teams : []} />
    </>
  );
}
