import { AppError } from "@/lib/errors";

// Roles and what each may do. Every page, action and route names the permission it needs;
// this table is the one place that says which roles hold it.

export const ROLES = ["viewer", "engineer", "approver", "admin"] as const;
export type TRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<TRole, string> = {
  viewer: "Viewer (on-call)",
  engineer: "ML engineer",
  approver: "Approver",
  admin: "Platform admin",
};

const ALL_ROLES: readonly TRole[] = ROLES;

export const PERMISSIONS = {
  "fleet.view": ALL_ROLES,
  "audit.view": ALL_ROLES,
  "model.register": ["engineer", "admin"],
  "model.manage": ["engineer", "admin"],
  "token.manage": ["engineer", "admin"],
  "deployment.manage": ["engineer", "admin"],
  "promotion.request": ["engineer", "admin"],
  "promotion.approve": ["approver", "admin"],
  /** Pin traffic back to the stable revision: engineers of the team and approvers, no approval needed. */
  "rollout.rollback": ["engineer", "approver", "admin"],
  "policy.manage": ["admin"],
  "admin.users.manage": ["admin"],
  "gpu.prices.manage": ["admin"],
} as const satisfies Record<string, readonly TRole[]>;

export type TPermission = keyof typeof PERMISSIONS;

/** The signed-in actor as every service sees it: resolved from the database, never from the browser. */
export type TActor = {
  id: string;
  email: string;
  name: string;
  role: TRole;
  teams: { id: string; slug: string; displayName: string }[];
  /** Set when a CI pipeline calls with a team API token: `id` is then the token's id. */
  apiToken?: { id: string; name: string; prefix: string };
};

export function hasPermission(role: TRole, permission: TPermission): boolean {
  return (PERMISSIONS[permission] as readonly TRole[]).includes(role);
}

export function describeRequiredRoles(permission: TPermission): string {
  const roles = [...PERMISSIONS[permission]];
  if (roles.length === ROLES.length) return "any role";
  const names = roles.map((role) => `${role}`);
  return names.length === 1 ? `the ${names[0]} role` : `the ${names.slice(0, -1).join(", ")} or ${names.at(-1)} role`;
}

export function forbiddenMessage(permission: TPermission, actor: Pick<TActor, "role">): string {
  return `This needs ${describeRequiredRoles(permission)}; you are signed in as ${actor.role}.`;
}

/** First line of every service: refuses with FORBIDDEN and says what is missing. */
export function requirePermission(actor: TActor | null | undefined, permission: TPermission): asserts actor is TActor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  if (!hasPermission(actor.role, permission)) {
    throw new AppError("FORBIDDEN", forbiddenMessage(permission, actor));
  }
}

/** The user behind an actor, for "created by" columns; null when a team API token acts. */
export function actorUserId(actor: TActor): string | null {
  return actor.apiToken ? null : actor.id;
}

/** For showing or hiding controls: the same rule requireTeamMember enforces. */
export function canChangeTeamResource(actor: TActor, teamSlug: string, permission?: TPermission): boolean {
  if (permission && !hasPermission(actor.role, permission)) return false;
  return actor.role === "admin" || actor.teams.some((member) => member.slug === teamSlug);
}

/**
 * Team scoping, after requirePermission: engineers (and team API tokens) may change only what
 * their teams own; admins may change anything.
 */
export function requireTeamMember(actor: TActor, team: { id: string; slug: string }, what: string): void {
  if (canChangeTeamResource(actor, team.slug)) return;
  const mine = actor.teams.map((member) => member.slug).join(", ") || "no team";
  throw new AppError("FORBIDDEN", `${what} belongs to team ${team.slug}; you can change only what your teams own (${mine}), or ask a platform admin.`);
}
