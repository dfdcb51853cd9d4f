import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/adapters/db";

describe("test database wiring", () => {
  it("exposes the per-run database to workers through DATABASE_URL and inject()", async () => {
    const url = inject("databaseUrl");
    expect(url).toMatch(/\/gantry_test_[0-9a-f]{8}$/);
    expect(process.env.DATABASE_URL).toBe(url);
    const [row] = await db.$queryRaw<Array<{ name: string }>>`SELECT current_database() AS name`;
    expect(url.endsWith(`/${row?.name}`)).toBe(true);
  });
});
