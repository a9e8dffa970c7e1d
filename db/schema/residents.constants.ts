// How a person was verified as a resident, and what a clerk checked at the desk. Apart from the
// tables so browser code can list them without drizzle.

export const VERIFICATION_METHODS = ["desk", "letter-code"] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** What the clerk saw at the desk: an identity document, or the person's record in the BRP. */
export const DESK_EVIDENCE = ["passport", "identity-card", "driving-licence", "residence-permit", "brp-record"] as const;
export type DeskEvidence = (typeof DESK_EVIDENCE)[number];

/** Why a clerk revoked a verification. */
export const REVOCATION_REASONS = ["moved-away", "mistake", "fraud", "at-own-request"] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];
