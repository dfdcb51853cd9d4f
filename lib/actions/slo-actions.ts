"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "./safe-action";
import { setDeploymentSlo, ZSetDeploymentSloInput } from "@/lib/services/slos/set-deployment-slo";

export const setDeploymentSloAction = authedAction({ name: "setDeploymentSlo", permission: "deployment.manage", input: ZSetDeploymentSloInput }, async (actor, input) => {
  const result = await setDeploymentSlo(actor, input);
  revalidatePath("/");
  return result;
});
