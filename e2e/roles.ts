import path from "node:path";

// The seeded demo users, one per role (prisma/seed-data.ts).
export const DEMO_USERS = {
  viewer: { email: "oncall@gantry.dev", name: "Olivia Oncall", roleLabel: "Viewer (on-call)" },
  engineer: { email: "engineer@gantry.dev", name: "Eli Engineer", roleLabel: "ML engineer" },
  approver: { email: "approver@gantry.dev", name: "Ada Approver", roleLabel: "Approver" },
  admin: { email: "admin@gantry.dev", name: "Sam Admin", roleLabel: "Platform admin" },
} as const;

export type TDemoRole = keyof typeof DEMO_USERS;

export function storageStatePath(role: TDemoRole): string {
  return path.join(import.meta.dirname, ".auth", `${role}.json`);
}
