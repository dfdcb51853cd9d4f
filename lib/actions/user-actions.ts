"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "./safe-action";
import { updateUserRole, ZUpdateUserRoleInput } from "@/lib/services/users/update-user-role";

export const updateUserRoleAction = authedAction(
  { name: "updateUserRole", permission: "admin.users.manage", input: ZUpdateUserRoleInput },
  async (actor, input) => {
    const result = await updateUserRole(actor, input);
    revalidatePath("/admin/users");
    return result;
  },
);
