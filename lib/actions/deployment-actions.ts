"use server";

import { z } from "zod";
import { authedAction } from "./safe-action";
import { deleteDeployment, ZDeleteDeploymentInput } from "@/lib/services/deployments/delete-deployment";
import { launchDeployment, ZLaunchDeploymentInput } from "@/lib/services/deployments/launch-deployment";
import { previewDeployment, ZPlanDeploymentInput } from "@/lib/services/deployments/plan-deployment";
import { previewDeploymentUpdate, updateDeployment, ZUpdateDeploymentInput } from "@/lib/services/deployments/update-deployment";

// Deployment actions: each one is built with authedAction (session → role → zod → service);
// the services check the role and the team again and audit every change.

export const previewDeploymentAction = authedAction(
  { name: "previewDeployment", permission: "deployment.manage", input: ZPlanDeploymentInput },
  (actor, input) => previewDeployment(actor, input),
);

export const launchDeploymentAction = authedAction(
  { name: "launchDeployment", permission: "deployment.manage", input: ZLaunchDeploymentInput },
  (actor, input) => launchDeployment(actor, input),
);

export const previewDeploymentUpdateAction = authedAction(
  { name: "previewDeploymentUpdate", permission: "deployment.manage", input: ZUpdateDeploymentInput },
  (actor, input) => previewDeploymentUpdate(actor, input),
);

export const updateDeploymentAction = authedAction(
  { name: "updateDeployment", permission: "deployment.manage", input: ZUpdateDeploymentInput },
  (actor, input) => updateDeployment(actor, input),
);

export const scaleDeploymentAction = authedAction(
  {
    name: "scaleDeployment",
    permission: "deployment.manage",
    input: z.object({ namespace: z.string().min(1), name: z.string().min(1), expectedVersion: z.string().min(1), isStopped: z.boolean() }),
  },
  (actor, input) => updateDeployment(actor, input),
);

export const deleteDeploymentAction = authedAction(
  { name: "deleteDeployment", permission: "deployment.manage", input: ZDeleteDeploymentInput },
  (actor, input) => deleteDeployment(actor, input),
);
