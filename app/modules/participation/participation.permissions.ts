import type { Role } from "#db/schema/users.constants";
import { hasRole, type Actor, type PermissionRule, type PermissionsOf } from "~/utils/permissions";
import { withinEditWindow } from "./comments.rules";
import { PROTECTED_ROLES } from "./moderation.rules";

/** A comment as the permission rules see it. */
export interface CommentResource {
  authorId: string | null;
  createdAt: Date | string;
  hidden: boolean;
  deleted: boolean;
  /** The commentEditWindowMinutes setting, passed in so this stays a pure check. */
  editWindowMinutes: number;
  now?: Date;
}

export interface BlockTarget {
  id: string;
  roles: readonly Role[];
}

const isClerk = (a: Actor) => hasRole(a, "clerk");
const isOwn = (a: Actor, authorId: string | null) => authorId !== null && a.id === authorId;

/**
 * Comment, flag and moderation actions on every kind of topic; see can() in ~/utils/permissions.
 * Every rule refuses blocked people; the settings that also decide who may comment (verified
 * email, account age) are checked by the comment service, which can say why. Supporting and
 * reporting always need a confirmed email address: otherwise a handful of throwaway accounts
 * could inflate support or push things into the moderation queue.
 */
export const participationPermissions = {
  "comment:create": { check: (a) => !a.blocked },
  /** Without a comment: whether the person may edit comments at all (the route's first check). */
  "comment:edit": {
    check: (a, c?: CommentResource) =>
      !a.blocked && (!c || (isOwn(a, c.authorId) && !c.hidden && !c.deleted && withinEditWindow(c.createdAt, c.editWindowMinutes, c.now))),
  } satisfies PermissionRule<CommentResource | undefined>,
  "comment:delete": {
    check: (a, c?: Pick<CommentResource, "authorId" | "deleted">) => !a.blocked && (!c || (isOwn(a, c.authorId) && !c.deleted)),
  } satisfies PermissionRule<Pick<CommentResource, "authorId" | "deleted"> | undefined>,
  "comment:upvote": {
    check: (a, c?: Pick<CommentResource, "authorId">) => !a.blocked && a.emailVerified && (!c || !isOwn(a, c.authorId)),
  } satisfies PermissionRule<Pick<CommentResource, "authorId"> | undefined>,
  "flag:create": { check: (a) => !a.blocked && a.emailVerified },
  "moderation:act": { check: (a) => !a.blocked && isClerk(a) },
  "user:block": {
    check: (a, target?: BlockTarget) =>
      !a.blocked && isClerk(a) && (!target || (target.id !== a.id && !target.roles.some((r) => PROTECTED_ROLES.includes(r)))),
  } satisfies PermissionRule<BlockTarget | undefined>,
  "moderation:statistics": { allowVisitor: true, check: () => true },
} satisfies Record<string, PermissionRule<never>>;


declare module "~/utils/permissions" {
  interface PermissionRegistry extends PermissionsOf<typeof participationPermissions> {}
}
