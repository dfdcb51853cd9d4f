import type { TEnvironment } from "./build-manifests";

// What each environment allows, shown in the wizard's environment step.

export const ENVIRONMENT_POLICIES: Record<TEnvironment, string> = {
  prod: "Production: canaries up to 50 % need no approval; promotion to 100 % needs an approver who is not the requester, after a minimum run time and request count. Pods run at the highest priority.",
  staging: "Staging: no approval needed; pods may be preempted by production.",
  dev: "Development: no approval needed; lowest priority, preempted first when GPUs are scarce.",
};

export function isEnvironment(value: string): value is TEnvironment {
  return value === "dev" || value === "staging" || value === "prod";
}
