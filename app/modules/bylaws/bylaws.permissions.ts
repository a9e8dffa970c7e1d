// Who may do what with a draft bylaw; see can() in ~/utils/permissions. Clerks draft, decide and
// publish; residents amend and support or oppose while the consultation is open. Comments and
// moderation: participation.permissions.ts.
import { topicReadRule, type TopicResource } from "~/modules/topics/topics.permissions";
import { hasRole, type Actor, type PermissionRule, type PermissionsOf } from "~/utils/permissions";
import { consultationOpen } from "./bylaws.rules";

/** A bylaw as the rules that depend on its consultation read it, at a moment. */
export interface BylawWindow {
  status: string;
  closesAt: Date | null;
  now: Date;
}

const isClerk = (a: Actor) => !a.blocked && hasRole(a, "clerk");
const mayTakePart = (a: Actor) => !a.blocked && a.emailVerified && hasRole(a, "resident");

export const bylawPermissions = {
  /** The page: the one read rule of every topic (a draft is the clerks' until it is published). */
  "bylaw:read": topicReadRule satisfies PermissionRule<TopicResource>,
  /** Writing a draft, importing it and publishing it for consultation. */
  "bylaw:draft": { check: (a) => isClerk(a) },
  /** Editing a saved draft: a clerk, and only while it is a draft (a published text changes by versions). */
  "bylaw:edit-draft": {
    check: (a, b?: { status: string }) => isClerk(a) && (!b || b.status === "draft"),
  } satisfies PermissionRule<{ status: string } | undefined>,
  /** Accepting, rejecting or considering amendments, publishing versions, closing with the report. */
  "bylaw:decide": { check: (a) => isClerk(a) },
  /** Proposing an amendment: a resident with a confirmed address, while the consultation is open. */
  "bylaw:amend": {
    check: (a, b?: BylawWindow) => mayTakePart(a) && (!b || consultationOpen(b, b.now)),
  } satisfies PermissionRule<BylawWindow | undefined>,
  /** Supporting or opposing an amendment (the amendment's own state is the service's to check). */
  "bylaw:take-stance": {
    check: (a, b?: BylawWindow) => mayTakePart(a) && (!b || consultationOpen(b, b.now)),
  } satisfies PermissionRule<BylawWindow | undefined>,
} satisfies Record<string, PermissionRule<never>>;

declare module "~/utils/permissions" {
  interface PermissionRegistry extends PermissionsOf<typeof bylawPermissions> {}
}
