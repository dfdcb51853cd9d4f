"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "./safe-action";
import { moveModelAlias, ZMoveModelAliasInput } from "@/lib/services/models/move-model-alias";
import { registerModel, ZRegisterModelInput } from "@/lib/services/models/register-model";
import { registerModelVersion, ZRegisterModelVersionInput } from "@/lib/services/models/register-model-version";
import { updateModelVersionStatus, ZUpdateModelVersionStatusInput } from "@/lib/services/models/update-model-version-status";

export const registerModelAction = authedAction({ name: "registerModel", permission: "model.register", input: ZRegisterModelInput }, async (actor, input) => {
  const result = await registerModel(actor, input);
  revalidatePath("/models");
  return result;
});

export const registerModelVersionAction = authedAction(
  { name: "registerModelVersion", permission: "model.register", input: ZRegisterModelVersionInput },
  async (actor, input) => {
    const result = await registerModelVersion(actor, input);
    revalidatePath(`/models/${input.modelName}`);
    return result;
  },
);

export const updateModelVersionStatusAction = authedAction(
  { name: "updateModelVersionStatus", permission: "model.manage", input: ZUpdateModelVersionStatusInput },
  async (actor, input) => {
    const result = await updateModelVersionStatus(actor, input);
    revalidatePath(`/models/${input.modelName}`);
    return result;
  },
);

export const moveModelAliasAction = authedAction({ name: "moveModelAlias", permission: "model.manage", input: ZMoveModelAliasInput }, async (actor, input) => {
  const result = await moveModelAlias(actor, input);
  revalidatePath(`/models/${input.modelName}`);
  return result;
});
