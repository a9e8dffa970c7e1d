import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { topics } from "./topics";
import { users } from "./users";
import type { InadmissibleReason } from "./proposals.constants";

// The enum lists live apart from the tables so that browser code can import them without drizzle.
export * from "./proposals.constants";

/**
 * The agenda proposal side of a topic (kind "proposal"): what the council is asked to decide (the
 * reasons are topics.body), the admissibility check and the rules in force while it collects
 * support. Supporters are the support module's `supports` rows; the count is topics.supportCount.
 */
export const proposals = sqliteTable(
  "proposals",
  {
    topicId: integer("topic_id")
      .primaryKey()
      .references(() => topics.id, { onDelete: "cascade" }),
    /** What the council should decide. */
    decision: text("decision").notNull(),
    /** When the clerks must have checked admissibility (submission + the deadline setting); null once withdrawn. */
    admissibilityDueAt: integer("admissibility_due_at", { mode: "timestamp_ms" }),
    admissibilityCheckedAt: integer("admissibility_checked_at", { mode: "timestamp_ms" }),
    admissibilityCheckedBy: text("admissibility_checked_by").references(() => users.id, { onDelete: "set null" }),
    inadmissibleReason: text("inadmissible_reason").$type<InadmissibleReason>(),
    /** The clerk's public note with the admissibility decision. */
    admissibilityNote: text("admissibility_note"),
    /** The earlier topic on the same subject the clerk named at the check (the waiting period reads its decision). */
    earlierTopicId: integer("earlier_topic_id").references(() => topics.id, { onDelete: "set null" }),
    /** The support needed, fixed when the collection opens so a later change of the settings moves no goalposts. */
    threshold: integer("threshold"),
  },
  (t) => [
    // The clerks' queue: the proposals still to check, by deadline.
    // Account deletion forgets which clerk checked.
    index("proposals_checked_by_idx").on(t.admissibilityCheckedBy),
    index("proposals_admissibility_queue_idx").on(t.admissibilityDueAt, t.topicId).where(sql`admissibility_checked_at IS NULL AND admissibility_due_at IS NOT NULL`),
  ],
);
