import { hasRole, type PermissionRule, type PermissionsOf } from "~/utils/permissions";

/** Webhooks reach the municipality's back office with its secrets: admins alone register and read them. */
export const webhookPermissions = {
  "webhook:manage": { check: (a) => hasRole(a, "admin") },
} satisfies Record<string, PermissionRule<never>>;

declare module "~/utils/permissions" {
  interface PermissionRegistry extends PermissionsOf<typeof webhookPermissions> {}
}
