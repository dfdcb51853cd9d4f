"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "./safe-action";
import { createApiToken, ZCreateApiTokenInput } from "@/lib/services/api-tokens/create-api-token";
import { revokeApiToken, ZRevokeApiTokenInput } from "@/lib/services/api-tokens/revoke-api-token";

/** Returns the secret once; the page shows it and never again. */
export const createApiTokenAction = authedAction({ name: "createApiToken", permission: "token.manage", input: ZCreateApiTokenInput }, async (actor, input) => {
  const result = await createApiToken(actor, input);
  revalidatePath("/settings/tokens");
  return result;
});

export const revokeApiTokenAction = authedAction({ name: "revokeApiToken", permission: "token.manage", input: ZRevokeApiTokenInput }, async (actor, input) => {
  const result = await revokeApiToken(actor, input);
  revalidatePath("/settings/tokens");
  return result;
});
