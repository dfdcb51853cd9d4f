import type { TPermission } from "./permissions";

// Which permission each section of the app needs to be viewed. Pages enforce it through
// requirePageActor(); the 403 page reads it to tell the user what is missing.
export const PAGE_PERMISSIONS: { prefix: string; permission: TPermission }[] = [
  { prefix: "/admin/policies", permission: "policy.manage" },
  { prefix: "/admin", permission: "admin.users.manage" },
  { prefix: "/audit", permission: "audit.view" },
  { prefix: "/", permission: "fleet.view" },
];

export function permissionForPath(pathname: string): TPermission {
  const match = PAGE_PERMISSIONS.find(({ prefix }) => pathname === prefix || pathname.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`));
  return match?.permission ?? "fleet.view";
}
