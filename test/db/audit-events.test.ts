import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/adapters/db";

describe("audit_events is append-only", () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    await db.auditEvent.create({
      data: { actorEmail: "admin@gantry.dev", action: "test.append_only", targetType: "test", targetId: "1" },
    });
  });
  afterAll(async () => {
    await client?.end();
  });

  it("accepts inserts", async () => {
    const event = await db.auditEvent.create({
      data: { actorEmail: "admin@gantry.dev", action: "test.insert", targetType: "test", targetId: "2", after: { ok: true } },
    });
    expect(event.id).toBeTypeOf("bigint");
  });

  it.each([
    ["UPDATE", `UPDATE audit_events SET "actorEmail" = 'mallory@example.com'`],
    ["DELETE", "DELETE FROM audit_events"],
    ["TRUNCATE", "TRUNCATE audit_events"],
  ])("refuses %s", async (op, sql) => {
    await expect(client.query(sql)).rejects.toThrow(`audit_events is append-only: ${op} is not allowed`);
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_events WHERE action = 'test.append_only' AND "actorEmail" = 'admin@gantry.dev'`,
    );
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it("refuses an UPDATE that matches no row too", async () => {
    await expect(client.query("UPDATE audit_events SET action = 'x' WHERE false")).rejects.toThrow(/append-only/);
  });

  it("refuses changes made through Prisma", async () => {
    await expect(db.auditEvent.updateMany({ data: { action: "tampered" } })).rejects.toThrow(/audit_events is append-only/);
    await expect(db.auditEvent.deleteMany()).rejects.toThrow(/audit_events is append-only/);
  });
});
