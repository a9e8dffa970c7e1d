import { topicReadRule } from "~/modules/topics/topics.permissions";
import { hasRole, type Actor, type PermissionRule, type PermissionsOf } from "~/utils/permissions";
import { isClosable } from "./discussions.rules";

export interface DiscussionResource {
  status: string;
  isPublic: boolean;
  hidden: boolean;
  authorId: string | null;
}

const isClerk = (a: Actor) => hasRole(a, "clerk");

/** Discussion actions; see can() in ~/utils/permissions. Comments and moderation: participation.permissions.ts. */
export const discussionPermissions = {
  /** The page: the one read rule of every topic (topics.permissions.ts). */
  "discussion:read": topicReadRule satisfies PermissionRule<DiscussionResource>,
  "discussion:create": {
    check: (a) => !a.blocked && a.emailVerified && (hasRole(a, "resident") || isClerk(a)),
  },
  "discussion:close": {
    check: (a, d?: Pick<DiscussionResource, "status">) => !a.blocked && isClerk(a) && (!d || isClosable(d.status)),
  } satisfies PermissionRule<Pick<DiscussionResource, "status"> | undefined>,
} satisfies Record<string, PermissionRule<never>>;


declare module "~/utils/permissions" {
  interface PermissionRegistry extends PermissionsOf<typeof discussionPermissions> {}
}
