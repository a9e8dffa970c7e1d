import type { Role } from "#db/schema/users.constants";

// The rules for changing someone's roles (the permission to do it at all is "roles:assign").

export type RoleChange = "assign" | "revoke";
export type RoleChangeRefusal = "own-admin";

/**
 * An administrator may not revoke their own admin role: that would lock the last one out, and
 * nobody should be able to drop their own accountability by accident.
 */
export function roleChangeRefusal(change: { actorId: string; targetId: string; role: Role; kind: RoleChange }): RoleChangeRefusal | null {
  if (change.kind === "revoke" && change.role === "admin" && change.actorId === change.targetId) return "own-admin";
  return null;
}

/** The roles after a change, sorted, so audit entries compare equal when nothing changed. */
export function applyRoleChange(current: readonly Role[], role: Role, kind: RoleChange): Role[] {
  const next = new Set(current);
  if (kind === "assign") next.add(role);
  else next.delete(role);
  return [...next].sort();
}
