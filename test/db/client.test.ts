import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb, getDb, isUniqueViolation, Role, withTransaction } from "@/lib/adapters/db";

describe("lib/adapters/db client", () => {
  afterAll(async () => {
    await disconnectDb();
  });

  it("is one shared client, created on first use", async () => {
    expect(await db.user.count({ where: { role: Role.admin } })).toBeGreaterThan(0);
    expect(getDb()).toBe(getDb());
  });

  it("withTransaction commits, and rolls everything back when the callback throws", async () => {
    const slug = `tx-${Date.now()}`;
    await expect(
      withTransaction(async (tx) => {
        await tx.team.create({ data: { slug, displayName: "Rolled back" } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.team.findUnique({ where: { slug } })).toBeNull();

    await withTransaction((tx) => tx.team.create({ data: { slug, displayName: "Kept" } }));
    expect((await db.team.findUniqueOrThrow({ where: { slug } })).displayName).toBe("Kept");
    await db.team.delete({ where: { slug } });
  });

  it("recognises unique violations", async () => {
    const error = await db.user
      .create({ data: { email: "admin@gantry.dev", name: "Duplicate" } })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, "email")).toBe(true);
    expect(isUniqueViolation(new Error("nope"))).toBe(false);
  });

  it("says clearly that DATABASE_URL is missing, on first use rather than on import", async () => {
    const url = process.env.DATABASE_URL;
    await disconnectDb();
    delete process.env.DATABASE_URL;
    try {
      expect(() => db.user).toThrow(/DATABASE_URL is not set/);
    } finally {
      process.env.DATABASE_URL = url;
    }
    expect(await db.team.count()).toBeGreaterThan(0);
  });
});
