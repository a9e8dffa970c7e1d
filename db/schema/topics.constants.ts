// Enum-like lists of the topics schema: plain data, safe to import in browser code (no drizzle).

/** The five kinds of participatory item; each is one row in `topics` (DESIGN.md). */
export const TOPIC_KINDS = ["petition", "proposal", "bylaw", "vote", "discussion"] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

export const NEXT_STEP_STATUSES = ["planned", "in-progress", "done"] as const;
export type NextStepStatus = (typeof NEXT_STEP_STATUSES)[number];
