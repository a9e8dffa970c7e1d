/** A supporter row's status: counting now, or taken back (supporting again counts it once more). */
export const SUPPORT_STATUSES = ["counted", "withdrawn"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

/** A stance on a part of a topic (an amendment): for it or against it; one per person, changeable while open. */
export const SUPPORT_STANCES = ["support", "oppose"] as const;
export type SupportStance = (typeof SUPPORT_STANCES)[number];
