// Who may read the transparency figures: everyone. They are aggregates of public timelines, with
// no person and no hidden topic's words in them (docs/decisions/026).
import type { PermissionRule, PermissionsOf } from "~/utils/permissions";

export const transparencyPermissions = {
  "transparency:read": { allowVisitor: true, check: () => true } satisfies PermissionRule<void>,
};

declare module "~/utils/permissions" {
  interface PermissionRegistry extends PermissionsOf<typeof transparencyPermissions> {}
}
