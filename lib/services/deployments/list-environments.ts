import { ensureNamespace, listEnvironmentNamespaces, ENVIRONMENT_LABEL } from "@/lib/adapters/k8s/kinds/namespace";
import { requirePermission, type TActor } from "@/lib/auth/permissions";
import { ENVIRONMENT_POLICIES, isEnvironment } from "@/lib/domain/deployments/environments";
import { AppError } from "@/lib/errors";
import { tryConnection } from "./read-serving";

export type TEnvironmentView = { namespace: string; environment: "dev" | "staging" | "prod"; team: string | null; policy: string };

export type TEnvironmentsView = { environments: TEnvironmentView[]; error: string | null };

/** Namespaces labelled gantry.dev/environment, with their policy; an unreachable cluster is data. */
export async function listEnvironments(actor: TActor | null): Promise<TEnvironmentsView> {
  requirePermission(actor, "fleet.view");
  const connection = tryConnection();
  if (!connection) return { environments: [], error: "No cluster is configured." };
  try {
    const namespaces = await listEnvironmentNamespaces(connection);
    return {
      environments: namespaces.flatMap((ns) => (isEnvironment(ns.environment) ? [{ namespace: ns.name, environment: ns.environment, team: ns.team, policy: ENVIRONMENT_POLICIES[ns.environment] }] : [])),
      error: null,
    };
  } catch (error) {
    if (error instanceof AppError) return { environments: [], error: error.message };
    throw error;
  }
}

export const DEMO_ENVIRONMENTS: { namespace: string; environment: "dev" | "staging" | "prod"; team: string }[] = ["search", "fraud", "assistant"].flatMap((team) =>
  (["prod", "staging", "dev"] as const).map((environment) => ({ namespace: `${team}-${environment}`, environment, team })),
);

/** Creates the demo environments (search-prod, fraud-staging, …) when the cluster has none. Seed only. */
export async function ensureDemoEnvironments(): Promise<string[]> {
  const connection = tryConnection();
  if (!connection) return [];
  const existing = await listEnvironmentNamespaces(connection);
  if (existing.length) return [];
  for (const env of DEMO_ENVIRONMENTS) {
    await ensureNamespace(connection, env.namespace, { [ENVIRONMENT_LABEL]: env.environment, "gantry.dev/team": env.team });
  }
  return DEMO_ENVIRONMENTS.map((env) => env.namespace);
}
