"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "./safe-action";
import { checkFit, ZCheckFitInput } from "@/lib/services/gpu-pools/check-fit";
import { updateGpuPrice, ZUpdateGpuPriceInput } from "@/lib/services/gpu-pools/update-gpu-price";

export const updateGpuPriceAction = authedAction(
  { name: "updateGpuPrice", permission: "gpu.prices.manage", input: ZUpdateGpuPriceInput },
  async (actor, input) => {
    const result = await updateGpuPrice(actor, input);
    revalidatePath("/gpu-pools", "layout");
    return result;
  },
);

export const checkFitAction = authedAction({ name: "checkFit", permission: "fleet.view", input: ZCheckFitInput }, (actor, input) => checkFit(actor, input));
