// The transparency dashboard's precomputed figures (issue #13): what the timeline events, the
// participation index and the moderation log add up to per calendar day in Amsterdam, written by
// the jobs process (app/modules/transparency/transparency.jobs.server.ts) so that the public page
// and the open API add up a few hundred rows a day instead of a million events.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { topics } from "./topics";

/**
 * One figure of one day: a count per kind and neighbourhood ("participants", "milestone:publication",
 * "moderation:hide"), or one band of a lead time's distribution ("lead:submission-publication" with
 * `bucket` the lead time in whole days, "next-step-done" with `bucket` the days it was late).
 * A day's rows are replaced whole when it is computed again.
 */
export const transparencyFigures = sqliteTable(
  "transparency_figures",
  {
    /** "YYYY-MM-DD" in Europe/Amsterdam. */
    day: text("day").notNull(),
    figure: text("figure").notNull(),
    /** The topic's kind; "" for what belongs to no topic (a block of a user). */
    kind: text("kind").notNull(),
    /** The topic's neighbourhood; 0 for none (lead times and moderation are not split by it). */
    neighbourhoodId: integer("neighbourhood_id").notNull().default(0),
    /** Days, for a distribution; 0 for a plain count. */
    bucket: integer("bucket").notNull().default(0),
    count: integer("count").notNull(),
  },
  // A period's rows are one range of the key: the page reads what it adds up and nothing else.
  (t) => [primaryKey({ columns: [t.day, t.figure, t.kind, t.neighbourhoodId, t.bucket] })],
);

/**
 * The first moment each topic reached each milestone (timeline.events.ts: an event type `marks`
 * one), folded in from the timeline by the job as events arrive: what lead times pair up, so a
 * day's figures read the milestones of that day and their partners by key, never a topic's events.
 */
export const transparencyMilestones = sqliteTable(
  "transparency_milestones",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    milestone: text("milestone").notNull(),
    kind: text("kind").notNull(),
    at: integer("at").notNull(),
    /** The event that marked it first. */
    eventId: integer("event_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.topicId, t.milestone] }),
    // A day's milestones (its counts and the lead times ending on it).
    index("transparency_milestones_at_idx").on(t.at),
    // What still waits past a deadline: a kind's topics that reached the first moment long ago.
    index("transparency_milestones_kind_idx").on(t.kind, t.milestone, t.at),
  ],
);

/** Which days are computed and when: a day computed before it ended (plus a margin) is computed again. */
export const transparencyDays = sqliteTable("transparency_days", {
  day: text("day").primaryKey(),
  computedAt: integer("computed_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * The job's one row of state: how far it has read the timeline and the moderation log (a newer row
 * on a day already computed marks that day changed), and what was still waiting past its deadline
 * when it last ran (per kind and lead time: a figure of now, not of a day).
 */
export const transparencyState = sqliteTable("transparency_state", {
  id: integer("id").primaryKey(),
  computedAt: integer("computed_at", { mode: "timestamp_ms" }),
  eventsUpTo: integer("events_up_to").notNull().default(0),
  moderationUpTo: integer("moderation_up_to").notNull().default(0),
  waiting: text("waiting", { mode: "json" }).$type<Record<string, Record<string, number>>>().notNull().default({}),
});
