// The one read rule for a topic of any kind (issue #8): public and visible, everyone; hidden by
// moderation or not yet published, its author and staff (clerks, admins), whatever its kind. A kind
// may adjust it through the `visibility` hook of its manifest; each kind's own read action
// (petition:read, discussion:read) is this rule under the kind's name.
import type { TopicKind } from "#db/schema/topics.constants";
import { isStaff, type Actor, type PermissionRule, type PermissionsOf } from "~/utils/permissions";
import { isRegisteredKind, kindManifest } from "./topics.kinds";

/** What the read rule needs to know about a topic; the kind only when a kind's hook should apply. */
export interface TopicResource {
  kind?: TopicKind;
  isPublic: boolean;
  hidden: boolean;
  authorId: string | null;
}

export function readsTopic(actor: Actor | null, topic: TopicResource): boolean {
  const own = actor !== null && topic.authorId !== null && topic.authorId === actor.id;
  const shared = (topic.isPublic && !topic.hidden) || (actor !== null && (isStaff(actor) || own));
  const hook = topic.kind && isRegisteredKind(topic.kind) ? kindManifest(topic.kind).visibility : undefined;
  return hook ? hook(actor, topic, shared) : shared;
}

/** The read rule as a permission, for a kind's manifest to register under its own action name. */
export const topicReadRule = {
  allowVisitor: (t: TopicResource) => readsTopic(null, t),
  check: (a: Actor, t: TopicResource) => readsTopic(a, t),
} satisfies PermissionRule<TopicResource>;

/** A topic as the follow rule reads it: its status too. */
export interface FollowableTopic extends TopicResource {
  status: string;
}

/** Statuses after which nothing more happens to a topic, whatever its kind. */
const UNFOLLOWABLE_STATUSES: readonly string[] = ["rejected"];

export const topicPermissions = {
  "topic:read": topicReadRule,
  /** Open data is for everyone: it holds only what the read rule shows a visitor. */
  "open-data:read": { allowVisitor: true, check: () => true } satisfies PermissionRule<void>,
  /**
   * Following: a topic others can read and that can still change. A rejected topic is final: there
   * is nothing to hear about, and its page offers no button, so a direct post is refused too.
   */
  "topic:follow": {
    check: (a: Actor, t: FollowableTopic) => !a.blocked && t.isPublic && !t.hidden && !UNFOLLOWABLE_STATUSES.includes(t.status),
  } satisfies PermissionRule<FollowableTopic>,
  /** Their own participation page: every signed-in person, blocked or not (it is their own data). */
  "participation:read-own": { check: () => true },
  /** The public list of overdue next steps: what the municipality promised and has not done yet. */
  "next-steps:read-overdue": { allowVisitor: true, check: () => true },
};

declare module "~/utils/permissions" {
  interface PermissionRegistry extends PermissionsOf<typeof topicPermissions> {}
}
