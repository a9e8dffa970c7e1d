import { topicReadRule } from "~/modules/topics/topics.permissions";
import { hasRole, type Actor, type PermissionRule, type PermissionsOf } from "~/utils/permissions";

const isClerk = (a: Actor) => !a.blocked && hasRole(a, "clerk");

/**
 * Vote actions; see can() in ~/utils/permissions. Who may cast a ballot in a particular vote is
 * its eligibility rule (app/modules/residents/eligibility.rules.ts), asked by the casting use case;
 * this rule is the door: a signed-in person who is not blocked.
 */
export const votePermissions = {
  /** The page: the one read rule of every topic (topics.permissions.ts). */
  "vote:read": topicReadRule,
  /** Setting a vote up and changing it before the first ballot: the griffie. */
  "vote:create": { check: isClerk },
  "vote:edit": { check: isClerk },
  "vote:cast": { check: (a) => !a.blocked },
  /** Results, the ballot code list and the open-data files: anyone, when the vote's setting allows. */
  "vote:results": { allowVisitor: true, check: () => true },
} satisfies Record<string, PermissionRule<never>>;

declare module "~/utils/permissions" {
  interface PermissionRegistry extends PermissionsOf<typeof votePermissions> {}
}
