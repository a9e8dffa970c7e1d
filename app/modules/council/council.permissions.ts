// Who may do what with the council's meetings, briefing and decisions. Deny by default: clerks
// plan meetings and record decisions; councillors write positions and mark items reviewed; only
// councillors and clerks read what is internal (closed meetings, internal positions, the briefing).
import { hasRole, type Actor, type PermissionRule, type PermissionsOf } from "~/utils/permissions";

/** What the rules need to know about a meeting. */
export interface MeetingResource {
  isPublic: boolean;
}

const isClerk = (a: Actor) => hasRole(a, "clerk") && !a.blocked;
const isCouncillor = (a: Actor) => hasRole(a, "councillor") && !a.blocked;
const isCouncilSide = (a: Actor) => isClerk(a) || isCouncillor(a);

export const councilPermissions = {
  /** A meeting's page and agenda: a public meeting for everyone, a closed one for councillors and clerks. */
  "meeting:read": {
    allowVisitor: (m: MeetingResource) => m.isPublic,
    check: (a: Actor, m: MeetingResource) => m.isPublic || isCouncilSide(a),
  } satisfies PermissionRule<MeetingResource>,
  /** Planning meetings and their agendas: clerks. */
  "meeting:manage": { check: (a: Actor) => isClerk(a) } satisfies PermissionRule<never>,
  /** Recording the council's decision on an agenda item: clerks. */
  "council:record-decision": { check: (a: Actor) => isClerk(a) } satisfies PermissionRule<never>,
  /** The briefing of everything awaiting the council, and its dossiers: councillors and clerks. */
  "council:brief": { check: (a: Actor) => isCouncilSide(a) } satisfies PermissionRule<never>,
  /** Positions meant for councillors and clerks only. */
  "council:read-internal": { check: (a: Actor) => isCouncilSide(a) } satisfies PermissionRule<never>,
  /** Writing a position, marking an item reviewed, subscribing to every item: councillors. */
  "council:position": { check: (a: Actor) => isCouncillor(a) } satisfies PermissionRule<never>,
};

declare module "~/utils/permissions" {
  interface PermissionRegistry extends PermissionsOf<typeof councilPermissions> {}
}
