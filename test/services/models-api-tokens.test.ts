import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/adapters/db";
import type { TActor } from "@/lib/auth/permissions";
import { authenticateApiToken } from "@/lib/services/api-tokens/authenticate-api-token";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/services/api-tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/services/api-tokens/revoke-api-token";
import { getActorById } from "@/lib/services/users/get-actor";

// Team API tokens for the registry's REST API: created and revoked by team engineers and admins.

async function actorFor(email: string): Promise<TActor> {
  return (await getActorById((await db.user.findUniqueOrThrow({ where: { email } })).id))!;
}

let admin: TActor;
let viewer: TActor;
let engineer: TActor;
let approver: TActor;
let fraudEngineer: TActor;

beforeAll(async () => {
  [admin, viewer, engineer, approver, fraudEngineer] = (await Promise.all(
    ["admin@gantry.dev", "oncall@gantry.dev", "engineer@gantry.dev", "approver@gantry.dev", "fraud-engineer@gantry.dev"].map(actorFor),
  )) as [TActor, TActor, TActor, TActor, TActor];
});

describe("createApiToken", () => {
  it("returns the secret once and stores only its sha256, audited without the secret", async () => {
    const token = await createApiToken(engineer, { team: "search", name: "tok-github-actions" });
    expect(token.secret).toMatch(/^gtry_[A-Za-z0-9_-]{43}$/);
    expect(token.secret.startsWith(token.prefix)).toBe(true);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.secret);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "api_token.created", targetId: "search/tok-github-actions" } });
    expect(JSON.stringify([event.before, event.after, event.metadata])).not.toContain(token.secret);
  });

  it("is refused for viewers, approvers, no actor and for a team the engineer is not in", async () => {
    for (const actor of [viewer, approver]) {
      await expect(createApiToken(actor, { team: "search", name: "tok-refused" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(createApiToken(null, { team: "search", name: "tok-refused" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(createApiToken(fraudEngineer, { team: "search", name: "tok-refused" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("team search") });
    expect(await db.apiToken.count({ where: { name: "tok-refused" } })).toBe(0);
    await expect(createApiToken(admin, { team: "fraud", name: "tok-admin" })).resolves.toMatchObject({ team: "fraud" });
  });
});

describe("authenticateApiToken and revokeApiToken", () => {
  it("authenticates as an engineer of the token's one team, until revoked; revocation is audited", async () => {
    const token = await createApiToken(engineer, { team: "assistant", name: "tok-revoke-me" });
    const actor = await authenticateApiToken(token.secret);
    expect(actor).toMatchObject({ role: "engineer", teams: [{ slug: "assistant" }], apiToken: { id: token.id, name: "tok-revoke-me" } });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).not.toBeNull();
    expect(await authenticateApiToken(`${token.secret}x`)).toBeNull();
    expect(await authenticateApiToken("gtry_")).toBeNull();

    for (const other of [viewer, approver, fraudEngineer]) {
      await expect(revokeApiToken(other, { tokenId: token.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(revokeApiToken(null, { tokenId: token.id })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await authenticateApiToken(token.secret)).not.toBeNull();

    await revokeApiToken(engineer, { tokenId: token.id });
    expect(await authenticateApiToken(token.secret)).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "api_token.revoked", targetId: "assistant/tok-revoke-me" } });
    expect(event).toMatchObject({ actorEmail: engineer.email, before: { revokedAt: null } });
  });

  it("lists tokens (never secrets) and says which ones the actor may revoke", async () => {
    const token = await createApiToken(fraudEngineer, { team: "fraud", name: "tok-listed" });
    const asViewer = await listApiTokens(viewer);
    const row = asViewer.find((t) => t.id === token.id)!;
    expect(row).toMatchObject({ team: "fraud", prefix: token.prefix, canRevoke: false, revokedAt: null });
    expect(JSON.stringify(asViewer)).not.toContain(token.secret);
    expect((await listApiTokens(engineer)).find((t) => t.id === token.id)!.canRevoke).toBe(false);
    expect((await listApiTokens(fraudEngineer)).find((t) => t.id === token.id)!.canRevoke).toBe(true);
    expect((await listApiTokens(admin)).find((t) => t.id === token.id)!.canRevoke).toBe(true);
  });
});
