// Enum-like lists of the notifications schema: plain data, safe to import in browser code (no drizzle).

export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
