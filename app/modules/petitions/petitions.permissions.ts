import type { PermissionRule } from "~/utils/permissions";

/** Petition actions; see can() in ~/utils/permissions. */
export const petitionPermissions = {} satisfies Record<string, PermissionRule<never>>;
