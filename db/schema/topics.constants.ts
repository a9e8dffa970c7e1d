// Enum-like lists of the topics schema: plain data, safe to import in browser code (no drizzle).

/** The five kinds of participatory item; each is one row in `topics` (DESIGN.md). */
export const TOPIC_KINDS = ["petition", "proposal", "bylaw", "vote", "discussion"] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

export const NEXT_STEP_STATUSES = ["planned", "in-progress", "done"] as const;
export type NextStepStatus = (typeof NEXT_STEP_STATUSES)[number];

/**
 * In what capacity someone caused a timeline event: the system (a deadline, a threshold), the
 * topic's author, staff (a clerk, councillor or admin acting in that role) or another resident.
 */
export const EVENT_ACTOR_ROLES = ["system", "author", "staff", "resident"] as const;
export type EventActorRole = (typeof EVENT_ACTOR_ROLES)[number];
