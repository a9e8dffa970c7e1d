// Enum-like lists of the proposals schema: plain data, safe to import in browser code (no drizzle).

/**
 * An agenda proposal's lifecycle (inwonersinitiatief). "Admissible" is the clerk's decision that
 * opens the collection, so a proposal found admissible is "collecting" (docs/decisions, proposal rules).
 */
export const PROPOSAL_STATES = ["draft", "submitted", "inadmissible", "collecting", "threshold-reached", "expired", "withdrawn", "decided"] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** Why a clerk found a proposal inadmissible: a fixed list, each with public words. */
export const INADMISSIBLE_REASONS = ["excluded-subject", "recently-decided", "outside-competence", "no-decision-asked", "offensive"] as const;
export type InadmissibleReason = (typeof INADMISSIBLE_REASONS)[number];

export const THRESHOLD_TYPES = ["absolute", "percentage"] as const;
export type ThresholdType = (typeof THRESHOLD_TYPES)[number];
