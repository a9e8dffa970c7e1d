/** A supporter row's status: counting now, or taken back (supporting again counts it once more). */
export const SUPPORT_STATUSES = ["counted", "withdrawn"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];
