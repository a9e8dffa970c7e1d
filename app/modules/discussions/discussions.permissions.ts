import { hasRole, isStaff, type Actor, type PermissionRule } from "~/utils/permissions";
import { isClosable } from "./discussions.rules";

export interface DiscussionResource {
  status: string;
  isPublic: boolean;
  hidden: boolean;
  authorId: string | null;
}

const isClerk = (a: Actor) => hasRole(a, "clerk");
const isOwn = (a: Actor, authorId: string | null) => authorId !== null && a.id === authorId;

/** Discussion actions; see can() in ~/utils/permissions. Comments and moderation: participation.permissions.ts. */
export const discussionPermissions = {
  "discussion:read": {
    allowVisitor: (d: DiscussionResource) => d.isPublic && !d.hidden,
    check: (a, d: DiscussionResource) => (d.isPublic && !d.hidden) || isStaff(a) || isOwn(a, d.authorId),
  } satisfies PermissionRule<DiscussionResource>,
  "discussion:create": {
    check: (a) => !a.blocked && a.emailVerified && (hasRole(a, "resident") || isClerk(a)),
  },
  "discussion:close": {
    check: (a, d?: Pick<DiscussionResource, "status">) => !a.blocked && isClerk(a) && (!d || isClosable(d.status)),
  } satisfies PermissionRule<Pick<DiscussionResource, "status"> | undefined>,
  /** Open data about discussions: counts and titles, no personal data. */
  "discussion:export": { allowVisitor: true, check: () => true },
} satisfies Record<string, PermissionRule<never>>;
