import type { PermissionRule } from "~/utils/permissions";

/** Discussion, comment and moderation actions; see can() in ~/utils/permissions. */
export const discussionPermissions = {} satisfies Record<string, PermissionRule<never>>;
