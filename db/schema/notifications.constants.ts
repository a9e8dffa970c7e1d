// Enum-like lists of the notifications schema: plain data, safe to import in browser code (no drizzle).

export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * The kinds of event a person chooses a channel for (immediately, in the daily digest, or off):
 * what was decided, what happens next and whether it happened, the other steps of a topic's life
 * (published, a threshold reached, closed), and comments on what they follow. Notices outside these
 * (moderation, a block) follow the person's general email preference.
 */
export const NOTICE_CATEGORIES = ["outcomes", "next-steps", "updates", "comments"] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];
