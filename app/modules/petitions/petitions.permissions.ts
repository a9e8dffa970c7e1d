import { topicReadRule } from "~/modules/topics/topics.permissions";
import { hasRole, type Actor, type PermissionRule, type PermissionsOf } from "~/utils/permissions";

/** What the permission rules need to know about a petition. */
export interface PetitionResource {
  authorId: string | null;
  status: string;
  isPublic: boolean;
  hidden: boolean;
}

const isAuthor = (a: Actor, p: PetitionResource) => Boolean(p.authorId) && p.authorId === a.id;
const isPublicPetition = (p: PetitionResource | undefined) => Boolean(p && p.isPublic && !p.hidden);
const isResident = (a: Actor) => hasRole(a, "resident") && a.emailVerified && !a.blocked;

/** Petition actions; see can() in ~/utils/permissions. Deny by default. */
export const petitionPermissions = {
  /** The page: the one read rule of every topic (public for everyone; unpublished or hidden for the petitioner and staff). */
  "petition:read": topicReadRule satisfies PermissionRule<PetitionResource>,
  "petition:create": { check: (a: Actor) => isResident(a) } satisfies PermissionRule<never>,
  /** Editing and submitting a draft: its petitioner only. */
  "petition:edit": {
    check: (a: Actor, p: PetitionResource) => isAuthor(a, p) && p.status === "draft" && !a.blocked,
  } satisfies PermissionRule<PetitionResource>,
  /** Co-sponsoring someone else's petition before it goes to moderation. */
  "petition:sponsor": {
    check: (a: Actor, p: PetitionResource) => isResident(a) && !isAuthor(a, p),
  } satisfies PermissionRule<PetitionResource>,
  /** Signing: guests too (their signature counts after the emailed link); never blocked people. */
  "petition:sign": {
    allowVisitor: (p: PetitionResource) => isPublicPetition(p),
    check: (a: Actor, p: PetitionResource) => isPublicPetition(p) && !a.blocked,
  } satisfies PermissionRule<PetitionResource>,
  "petition:list-mine": { check: () => true } satisfies PermissionRule<never>,
  /** The moderation queue, publishing and rejecting: clerks. */
  "petition:moderate": { check: (a: Actor) => hasRole(a, "clerk") } satisfies PermissionRule<never>,
  /** Recording the council's response, debates and next steps: clerks. */
  "petition:record-outcome": { check: (a: Actor) => hasRole(a, "clerk") } satisfies PermissionRule<never>,
  /** The list of petitions awaiting the council: councillors and clerks. */
  "petition:review": {
    check: (a: Actor) => hasRole(a, "councillor") || hasRole(a, "clerk"),
  } satisfies PermissionRule<never>,
};


declare module "~/utils/permissions" {
  interface PermissionRegistry extends PermissionsOf<typeof petitionPermissions> {}
}
