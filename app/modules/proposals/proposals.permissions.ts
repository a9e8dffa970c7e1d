import { topicReadRule } from "~/modules/topics/topics.permissions";
import { hasRole, type Actor, type PermissionRule, type PermissionsOf } from "~/utils/permissions";

/** What the permission rules need to know about an agenda proposal. */
export interface ProposalResource {
  authorId: string | null;
  status: string;
  isPublic: boolean;
  hidden: boolean;
}

const isAuthor = (a: Actor, p: ProposalResource) => Boolean(p.authorId) && p.authorId === a.id;
const isResident = (a: Actor) => hasRole(a, "resident") && a.emailVerified && !a.blocked;
const isClerk = (a: Actor) => hasRole(a, "clerk") && !a.blocked;

/** Agenda proposal actions; see can() in ~/utils/permissions. Deny by default. */
export const proposalPermissions = {
  /** The page: the one read rule of every topic (public once a clerk decided on it; before that its author and staff). */
  "proposal:read": topicReadRule satisfies PermissionRule<ProposalResource>,
  "proposal:create": { check: (a: Actor) => isResident(a) } satisfies PermissionRule<never>,
  /** Editing and submitting a draft: its author only. */
  "proposal:edit": {
    check: (a: Actor, p: ProposalResource) => isAuthor(a, p) && p.status === "draft" && !a.blocked,
  } satisfies PermissionRule<ProposalResource>,
  /** Taking it back before it reaches the council: its author only. */
  "proposal:withdraw": {
    check: (a: Actor, p: ProposalResource) => isAuthor(a, p) && ["draft", "submitted", "collecting"].includes(p.status),
  } satisfies PermissionRule<ProposalResource>,
  /**
   * Supporting: a resident with a confirmed address, not blocked, on a visible proposal. Whether
   * the verordening counts them (verified, old enough, living here) is the eligibility rule, told
   * as a message, not a 403 (proposals.eligibility.server.ts).
   */
  "proposal:support": {
    check: (a: Actor, p: ProposalResource) => isResident(a) && p.isPublic && !p.hidden,
  } satisfies PermissionRule<ProposalResource>,
  /** The admissibility queue and the decision: clerks. */
  "proposal:check-admissibility": { check: (a: Actor) => isClerk(a) } satisfies PermissionRule<never>,
  "proposal:list-mine": { check: () => true } satisfies PermissionRule<never>,
};

declare module "~/utils/permissions" {
  interface PermissionRegistry extends PermissionsOf<typeof proposalPermissions> {}
}
