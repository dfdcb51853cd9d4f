import { describe, expect, it } from "vitest";
import { EnvError, parseRoleMap, parseServerEnv, poolLabelSetting } from "./env";

const VALID = { DATABASE_URL: "postgresql://u:p@localhost:5432/gantry", AUTH_SECRET: "x".repeat(32) };

describe("server environment", () => {
  it("accepts a minimal valid environment, with dev sign-in off unless enabled", () => {
    const env = parseServerEnv(VALID);
    expect(env.GANTRY_DEV_SIGNIN).toBe(false);
    expect(parseServerEnv({ ...VALID, GANTRY_DEV_SIGNIN: "true" }).GANTRY_DEV_SIGNIN).toBe(true);
  });

  it("names every missing or invalid variable", () => {
    let message = "";
    try {
      parseServerEnv({ AUTH_SECRET: "short", PROMETHEUS_URL: "not a url" });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      message = (error as Error).message;
    }
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("AUTH_SECRET");
    expect(message).toContain("PROMETHEUS_URL");
  });

  it("requires the whole OIDC triple once any part is set", () => {
    expect(() => parseServerEnv({ ...VALID, OIDC_ISSUER: "https://idp.example.com" })).toThrow(/OIDC_CLIENT_ID.*\n.*OIDC_CLIENT_SECRET/s);
    expect(() =>
      parseServerEnv({ ...VALID, OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "gantry", OIDC_CLIENT_SECRET: "s3cret" }),
    ).not.toThrow();
  });

  it("rejects a malformed group-to-role map", () => {
    expect(() => parseServerEnv({ ...VALID, OIDC_ROLE_MAP: "ml-admins=superuser" })).toThrow(/OIDC_ROLE_MAP/);
    expect(parseRoleMap("ml-admins=admin, ml-approvers = approver")).toEqual(
      new Map([
        ["ml-admins", "admin"],
        ["ml-approvers", "approver"],
      ]),
    );
  });

  it("accepts node label keys for GANTRY_POOL_LABEL and names it when malformed", () => {
    expect(parseServerEnv({ ...VALID, GANTRY_POOL_LABEL: "cloud.google.com/gke-nodepool" }).GANTRY_POOL_LABEL).toBe("cloud.google.com/gke-nodepool");
    expect(poolLabelSetting({ GANTRY_POOL_LABEL: "team.example.com/pool, pool" })).toBe("team.example.com/pool, pool");
    expect(poolLabelSetting({})).toBeUndefined();
    expect(() => poolLabelSetting({ GANTRY_POOL_LABEL: "not a label!" })).toThrow(/GANTRY_POOL_LABEL/);
    expect(() => parseServerEnv({ ...VALID, GANTRY_POOL_LABEL: "/bad" })).toThrow(/GANTRY_POOL_LABEL/);
  });
});
