import type { Role } from "#db/schema/users.constants";
import { petitionPermissions } from "~/modules/petitions/petitions.permissions";
import { discussionPermissions } from "~/modules/discussions/discussions.permissions";
import { participationPermissions } from "~/modules/participation/participation.permissions";

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

/** What the routes shared by every kind of topic (comments, flag, follow) need to know about it. */
export interface TopicResource {
  isPublic: boolean;
  hidden: boolean;
  authorId: string | null;
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
 * Seeing a topic of any kind on the shared routes: published and not hidden; a hidden one only for
 * staff (moderation) and its author (who was told, and may still remove their own comments there).
 */
const topicPermissions = {
  "topic:read": {
    allowVisitor: (t: TopicResource) => t.isPublic && !t.hidden,
    check: (a: Actor, t: TopicResource) => t.isPublic && (!t.hidden || isStaff(a) || (t.authorId !== null && t.authorId === a.id)),
  } satisfies PermissionRule<TopicResource>,
};

const rules = {
  ...corePermissions,
  ...topicPermissions,
  ...participationPermissions,
  ...petitionPermissions,
  ...discussionPermissions,
} as const;

export type Action = keyof typeof rules;
type ResourceOf<A extends Action> = (typeof rules)[A] extends PermissionRule<infer R> ? R : never;

/**
 * The one permission check, used by loaders, actions and the UI alike. Deny by default: an action
 * without a rule, or a visitor where the rule does not let visitors in, is refused. A blocked
 * person is refused by every rule that adds to what others read (signing, posting, flagging,
 * following...): those rules check `actor.blocked`; their own profile, data and inbox stay theirs.
 */
export function can<A extends Action>(actor: Actor | null, action: A, resource?: ResourceOf<A>): boolean {
  const rule = rules[action] as PermissionRule<ResourceOf<A>> | undefined;
  if (!rule) return false;
  if (!actor) {
    const visitor = rule.allowVisitor;
    return typeof visitor === "function" ? visitor(resource as ResourceOf<A>) : Boolean(visitor);
  }
  return rule.check(actor, resource as ResourceOf<A>);
}
