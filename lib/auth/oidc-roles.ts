import type { TRole } from "./permissions";

const ROLE_RANK: Record<TRole, number> = { viewer: 0, engineer: 1, approver: 2, admin: 3 };

/**
 * Maps an OIDC groups claim to a Gantry role with the configured group→role map. A user in
 * several mapped groups gets the strongest role; a user in none is a viewer.
 */
export function roleFromGroups(claim: unknown, roleMap: Map<string, TRole>): TRole {
  const groups = Array.isArray(claim) ? claim.filter((g): g is string => typeof g === "string") : typeof claim === "string" ? [claim] : [];
  let best: TRole = "viewer";
  for (const group of groups) {
    const role = roleMap.get(group);
    if (role && ROLE_RANK[role] > ROLE_RANK[best]) best = role;
  }
  return best;
}
