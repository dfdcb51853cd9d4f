import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { hasPermission, requirePermission, type TActor } from "./permissions";
import { permissionForPath } from "./page-permissions";
import { roleFromGroups } from "./oidc-roles";

const actor = (role: TActor["role"]): TActor => ({ id: "u1", email: "a@b.c", name: "A", role, teams: [] });

describe("permissions", () => {
  it("lets every role view the fleet but only admins manage users", () => {
    for (const role of ["viewer", "engineer", "approver", "admin"] as const) expect(hasPermission(role, "fleet.view")).toBe(true);
    expect(hasPermission("engineer", "admin.users.manage")).toBe(false);
    expect(hasPermission("admin", "admin.users.manage")).toBe(true);
    expect(hasPermission("approver", "promotion.approve")).toBe(true);
    expect(hasPermission("engineer", "promotion.approve")).toBe(false);
  });

  it("fails closed without an actor and says what is missing for the wrong role", () => {
    expect(() => requirePermission(null, "fleet.view")).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
    try {
      requirePermission(actor("viewer"), "deployment.manage");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("FORBIDDEN");
      expect((error as AppError).message).toBe("This needs the engineer or admin role; you are signed in as viewer.");
    }
  });

  it("maps page paths to the permission they need", () => {
    expect(permissionForPath("/admin/users")).toBe("admin.users.manage");
    expect(permissionForPath("/administrator")).toBe("fleet.view");
    expect(permissionForPath("/audit")).toBe("audit.view");
    expect(permissionForPath("/models/x")).toBe("fleet.view");
  });
});

describe("OIDC groups → role", () => {
  const map = new Map([
    ["ml-admins", "admin"],
    ["ml-engineers", "engineer"],
    ["ml-approvers", "approver"],
  ] as const);

  it("takes the strongest mapped role and defaults to viewer", () => {
    expect(roleFromGroups(["ml-engineers", "ml-approvers"], map)).toBe("approver");
    expect(roleFromGroups(["ml-admins"], map)).toBe("admin");
    expect(roleFromGroups(["someone-else"], map)).toBe("viewer");
    expect(roleFromGroups(undefined, map)).toBe("viewer");
    expect(roleFromGroups("ml-engineers", map)).toBe("engineer");
  });
});
