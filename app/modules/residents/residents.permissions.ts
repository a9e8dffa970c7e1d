// Resident verification: clerks verify at the desk, revoke and make letter codes (core rule
// "resident:verify"); a signed-in person may verify themselves with the code from their letter.
import type { PermissionRule, PermissionsOf } from "~/utils/permissions";

export const residentPermissions = {
  /** Entering a letter code: anyone signed in, blocked or not (a fact about them, not a contribution). */
  "resident:verify-self": { check: () => true },
} satisfies Record<string, PermissionRule<never>>;

declare module "~/utils/permissions" {
  interface PermissionRegistry extends PermissionsOf<typeof residentPermissions> {}
}
