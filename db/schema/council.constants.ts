// Enum-like lists of the council schema: plain data, safe to import in browser code (no drizzle).

/** What the council decided about a topic on its agenda (the verordening's words). */
export const COUNCIL_DECISIONS = ["adopted", "rejected", "amended", "referred"] as const;
export type CouncilDecision = (typeof COUNCIL_DECISIONS)[number];

/** The bodies that meet: the council itself, or one of its committees. */
export const MEETING_BODIES = ["council", "committee"] as const;
export type MeetingBody = (typeof MEETING_BODIES)[number];

/** Who reads a councillor's position: everyone, or only councillors and clerks. */
export const POSITION_VISIBILITIES = ["public", "internal"] as const;
export type PositionVisibility = (typeof POSITION_VISIBILITIES)[number];

/**
 * The type of the outcome a council decision publishes (outcomes.type): a kind whose supporters are
 * mailed outcomes words its email for it in its support policy's `outcomeEmails`.
 */
export const COUNCIL_OUTCOME_TYPE = "council-decision";
