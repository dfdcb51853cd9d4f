// Demo data for the embedded default, as plain data. scripts/db/seed.ts writes it; it only
// adds what is missing, so edits made in the app survive a restart.

export type SeedRole = "viewer" | "engineer" | "approver" | "admin";

export type SeedTeam = { slug: string; displayName: string };

export type SeedUser = { email: string; name: string; role: SeedRole; teams: string[] };

export const SEED_TEAMS: SeedTeam[] = [
  { slug: "search", displayName: "Search" },
  { slug: "fraud", displayName: "Fraud & Risk" },
  { slug: "assistant", displayName: "Assistant" },
];

/** One user per role (development sign-in), plus a second engineer on another team. */
export const SEED_USERS: SeedUser[] = [
  { email: "oncall@gantry.dev", name: "Olivia Oncall", role: "viewer", teams: [] },
  { email: "engineer@gantry.dev", name: "Eli Engineer", role: "engineer", teams: ["search", "assistant"] },
  { email: "approver@gantry.dev", name: "Ada Approver", role: "approver", teams: [] },
  { email: "admin@gantry.dev", name: "Sam Admin", role: "admin", teams: [] },
  { email: "fraud-engineer@gantry.dev", name: "Farah Fraud", role: "engineer", teams: ["fraud"] },
];

// Models with their versions and lineage, deployments and GPU prices come with their issues:
// add SEED_MODELS etc. here and write them in seedDemoData (scripts/db/seed.ts).
