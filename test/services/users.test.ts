import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/adapters/db";
import type { TActor } from "@/lib/auth/permissions";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { getActorById } from "@/lib/services/users/get-actor";
import { listUsers } from "@/lib/services/users/list-users";
import { recordSignIn } from "@/lib/services/users/record-sign-in";
import { updateUserRole } from "@/lib/services/users/update-user-role";
import { upsertOidcUser } from "@/lib/services/users/upsert-oidc-user";

async function actorFor(email: string): Promise<TActor> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const actor = await getActorById(user.id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

let admin: TActor;
let viewer: TActor;
let engineer: TActor;
let approver: TActor;

beforeAll(async () => {
  admin = await actorFor("admin@gantry.dev");
  viewer = await actorFor("oncall@gantry.dev");
  engineer = await actorFor("engineer@gantry.dev");
  approver = await actorFor("approver@gantry.dev");
});

describe("actor resolution", () => {
  it("reads role and teams from the registry", () => {
    expect(engineer.role).toBe("engineer");
    expect(engineer.teams.map((team) => team.slug)).toEqual(["assistant", "search"]);
    expect(viewer.teams).toEqual([]);
  });

  it("fails closed for unknown or malformed ids", async () => {
    expect(await getActorById("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getActorById("not-a-uuid")).toBeNull();
    expect(await getActorById("")).toBeNull();
  });
});

describe("updateUserRole", () => {
  it("is refused for every role but admin, and for no actor", async () => {
    for (const actor of [viewer, engineer, approver]) {
      await expect(updateUserRole(actor, { userId: viewer.id, role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(updateUserRole(null, { userId: viewer.id, role: "admin" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await db.user.findUniqueOrThrow({ where: { id: viewer.id } })).role).toBe("viewer");
  });

  it("changes the role and writes the audit event in the same transaction", async () => {
    const before = await db.auditEvent.count({ where: { action: "user.role_changed" } });
    await updateUserRole(admin, { userId: approver.id, role: "engineer" });
    expect((await db.user.findUniqueOrThrow({ where: { id: approver.id } })).role).toBe("engineer");
    const events = await db.auditEvent.findMany({ where: { action: "user.role_changed" }, orderBy: { id: "desc" } });
    expect(events).toHaveLength(before + 1);
    expect(events[0]).toMatchObject({ actorEmail: admin.email, targetId: approver.email, before: { role: "approver" }, after: { role: "engineer" } });
    await updateUserRole(admin, { userId: approver.id, role: "approver" });
  });

  it("writes nothing when the change fails", async () => {
    const before = await db.auditEvent.count();
    await expect(updateUserRole(admin, { userId: "00000000-0000-4000-8000-000000000000", role: "viewer" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateUserRole(admin, { userId: admin.id, role: "viewer" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await db.auditEvent.count()).toBe(before);
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
  });
});

describe("listUsers", () => {
  it("is for admins only", async () => {
    await expect(listUsers(viewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const users = await listUsers(admin);
    expect(users.map((user) => user.email)).toContain("engineer@gantry.dev");
  });
});

describe("OIDC sign-in", () => {
  it("creates the user with the mapped role, follows later group changes, and audits both", async () => {
    const first = await upsertOidcUser({ email: "New.Person@Example.com", name: "New Person", role: "engineer" });
    expect(first.role).toBe("engineer");
    const again = await upsertOidcUser({ email: "new.person@example.com", name: "New Person", role: "approver" });
    expect(again.id).toBe(first.id);
    expect(again.role).toBe("approver");
    const events = await db.auditEvent.findMany({ where: { targetId: "new.person@example.com" }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["user.created", "user.role_synced"]);
  });

  it("refuses an identity without an email", async () => {
    await expect(upsertOidcUser({ email: " ", name: "x", role: "viewer" })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("audit log listing", () => {
  it("filters by actor, action and target, newest first", async () => {
    await recordSignIn({ userId: viewer.id, provider: "dev" });
    await recordSignIn({ userId: engineer.id, provider: "oidc" });
    const byActor = await listAuditEvents(viewer, { actor: "oncall", page: 1 });
    expect(byActor.events.length).toBeGreaterThan(0);
    expect(byActor.events.every((event) => event.actorEmail === "oncall@gantry.dev")).toBe(true);

    const byAction = await listAuditEvents(viewer, { action: "user.signed_in", page: 1 });
    expect(byAction.events[0]).toMatchObject({ actorEmail: "engineer@gantry.dev", metadata: { provider: "oidc" } });
    expect(byAction.actions).toContain("user.signed_in");

    const byTarget = await listAuditEvents(viewer, { target: "engineer@gantry", page: 1 });
    expect(byTarget.events.every((event) => event.targetId.includes("engineer@gantry"))).toBe(true);

    await expect(listAuditEvents(null, { page: 1 })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
