import type { Role } from "#db/schema/users.constants";

/** The person asking, as loaders and components know them. `null` is a visitor. */
export interface Actor {
  id: string;
  roles: readonly Role[];
  emailVerified: boolean;
  blocked: boolean;
}

/**
 * A rule decides one action. It gets the actor (never null: visitors are handled by
 * `allowVisitor`) and the resource the action is on, when there is one.
 */
export interface PermissionRule<R = unknown> {
  allowVisitor?: boolean | ((resource: R) => boolean);
  check: (actor: Actor, resource: R) => boolean;
}

export const hasRole = (actor: Actor | null, role: Role): boolean => Boolean(actor?.roles.includes(role));
export const isStaff = (actor: Actor | null): boolean => hasRole(actor, "clerk") || hasRole(actor, "admin");

const corePermissions = {
  "admin:access": { check: (a) => hasRole(a, "admin") },
  "roles:assign": { check: (a) => hasRole(a, "admin") },
  "settings:edit": { check: (a) => hasRole(a, "admin") },
  "outbox:read": { check: (a) => hasRole(a, "admin") },
  "audit:read": { check: (a) => hasRole(a, "admin") || hasRole(a, "clerk") },
  "profile:edit": { check: () => true },
  /** Their own notices: every signed-in person, blocked or not (they are told why they were blocked). */
  "inbox:read": { check: () => true },
  "topic:follow": { check: (a) => !a.blocked },
  "resident:verify": { check: (a) => hasRole(a, "clerk") },
} satisfies Record<string, PermissionRule<never>>;

/**
 * The resource each action is checked on. The core's actions are listed here; every module adds its
 * own by augmenting this interface next to its rules (see PermissionsOf), and the composition root
 * (app/kinds.ts) registers the rules themselves, so this file never imports a module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PermissionRegistry extends PermissionsOf<typeof corePermissions> {}

/** The resource types of a set of rules, for augmenting PermissionRegistry. */
export type PermissionsOf<T> = { [A in keyof T]: T[A] extends PermissionRule<infer R> ? R : never };

export type Action = keyof PermissionRegistry;
type ResourceOf<A extends Action> = PermissionRegistry[A];

const rules = new Map<string, PermissionRule<never>>();

/** Adds a module's rules; an action registered twice is a programming error. */
export function registerPermissions(set: Record<string, PermissionRule<never>>): void {
  for (const [action, rule] of Object.entries(set)) {
    if (rules.has(action) && rules.get(action) !== rule) throw new Error(`Permission ${action} is registered twice`);
    rules.set(action, rule);
  }
}

registerPermissions(corePermissions);

/**
 * The one permission check, used by loaders, actions and the UI alike. Deny by default: an action
 * without a rule, or a visitor where the rule does not let visitors in, is refused. A blocked
 * person is refused by every rule that adds to what others read (signing, posting, flagging,
 * following...): those rules check `actor.blocked`; their own profile, data and inbox stay theirs.
 */
export function can<A extends Action>(actor: Actor | null, action: A, resource?: ResourceOf<A>): boolean {
  const rule = rules.get(action) as PermissionRule<ResourceOf<A>> | undefined;
  if (!rule) return false;
  if (!actor) {
    const visitor = rule.allowVisitor;
    return typeof visitor === "function" ? visitor(resource as ResourceOf<A>) : Boolean(visitor);
  }
  return rule.check(actor, resource as ResourceOf<A>);
}
