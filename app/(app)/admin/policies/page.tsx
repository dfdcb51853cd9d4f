import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { listEnvironmentPolicies } from "@/lib/services/rollouts/environment-policies";
import { PolicyFormClient } from "./policy-form-client";

export const metadata = { title: "Environment policies" };

export default async function EnvironmentPoliciesPage() {
  const actor = await requirePageActor("policy.manage");
  const policies = await listEnvironmentPolicies(actor);
  return (
    <>
      <PageHeader
        title="Environment policies"
        description="How far a canary may go on its own in each environment, and what a promotion to 100 % needs: approvals, a minimum run time and traffic, and how long a request stays open. Changes apply to the next canary move or request; requests already open keep the number of approvals they were made with. Every change is audited."
      />
      <div className="grid gap-6 xl:grid-cols-3">
        {policies.map((policy) => (
          <PolicyFormClient key={policy.environment} policy={policy} />
        ))}
      </div>
    </>
  );
}
