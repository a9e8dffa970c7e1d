// The support primitive's tables, the same for every kind that takes support (a petition's
// signatures, an agenda proposal's support): the counts kept beside the topic's supportCount, the
// resumable mailings to a topic's supporters, and the supporter rows of kinds that keep no
// supporter table of their own. A kind with its own (petitions: `signatures`, which also holds
// guests) declares it to the primitive as a SupporterStore.
import { relations, sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { neighbourhoods } from "./settings";
import { outcomes, topics } from "./topics";
import { users } from "./users";
import type { SupportStance, SupportStatus } from "./support.constants";
import type { NoticeCategory } from "./notifications.constants";

// The enum lists live apart from the tables so that browser code can import them without drizzle.
export * from "./support.constants";

/**
 * Counted support per topic per day (Europe/Amsterdam), kept in the transaction that counts it so
 * the chart and open data never count supporter rows. A withdrawal decrements the day the support
 * was counted, so the days always add up to the topic's supportCount.
 */
export const supportDailyCounts = sqliteTable(
  "support_daily_counts",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    /** "YYYY-MM-DD" */
    day: text("day").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.day] })],
);

/** Counted support per topic per neighbourhood; neighbourhoodId 0 is "outside or unknown". */
export const supportNeighbourhoodCounts = sqliteTable(
  "support_neighbourhood_counts",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    /** Not a foreign key: 0 stands for outside the municipality or unknown. */
    neighbourhoodId: integer("neighbourhood_id").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.neighbourhoodId] })],
);

/**
 * One resident's support of one topic, for kinds that keep no supporter table of their own. One
 * row per person per topic (the unique index is the once-per-person rule); withdrawing flips the
 * status and supporting again flips it back, so a person never has two rows. Anonymising clears
 * the person (userId null, which the unique index allows more than once) and keeps the status,
 * neighbourhood and dates, so every count stays right.
 */
export const supports = sqliteTable(
  "supports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status").$type<SupportStatus>().notNull(),
    neighbourhoodId: integer("neighbourhood_id").references(() => neighbourhoods.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    countedAt: integer("counted_at", { mode: "timestamp_ms" }).notNull(),
    withdrawnAt: integer("withdrawn_at", { mode: "timestamp_ms" }),
    anonymisedAt: integer("anonymised_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("supports_topic_user_unique").on(t.topicId, t.userId),
    // A person's own supports (their data, account deletion).
    index("supports_user_idx").on(t.userId, t.topicId),
    // (topic, status, rowid): a mailing walks one topic's counted supporters by id.
    index("supports_topic_status_idx").on(t.topicId, t.status),
    // Anonymisation walks only the rows it still has to change.
    index("supports_unanonymised_idx").on(t.topicId).where(sql`anonymised_at IS NULL`),
  ],
);

/**
 * What a mailing to a topic's supporters says. `email` chooses the content: "outcome" mails the
 * full text of an outcome (the council's response, the debate's result) to every supporter with
 * an address, whatever their preference; "notice" is the short notice: by email preference
 * (immediately, in the digest, or not) for supporters with an account, by email for guests (who
 * have no inbox). Both give account holders the in-app notice `type` with `data` and `link`; an
 * unsubscribed address gets no email.
 */
export interface SupportMailingNotice {
  /** Message key of the in-app notice (and of the short email). */
  type: string;
  data: Record<string, string | number>;
  /** Path on this site, e.g. "/petitions/12". */
  link: string;
  email: "outcome" | "notice";
  /** People who hear of the event otherwise (e.g. the petitioner told the reason of a rejection): no notice. */
  exclude?: string[];
  /** The kind of event, for each supporter's choice of channel (absent in mailings recorded before it existed). */
  category?: NoticeCategory;
}

/**
 * One event of a topic on its way to every supporter (the council's response, a threshold
 * reached, a next step, the close). The event's transaction writes this one row; a job then tells
 * the supporters in batches, each batch advancing lastSupporterId in its own transaction, so a
 * crash resumes where it stopped and tells no one twice. Only support that counted when the event
 * happened is reached: supporter id at most upToSupporterId and counted no later than createdAt.
 * (Was petition_mailings; renamed with the data kept, migration 0015.)
 */
export const supportMailings = sqliteTable(
  "support_mailings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    /** The event, once per topic: "response", "closed", "next-step-added:<stepId>", ... */
    eventKey: text("event_key").notNull(),
    notice: text("notice", { mode: "json" }).$type<SupportMailingNotice>().notNull(),
    /** The outcome whose text is mailed (email "outcome" only). */
    outcomeId: integer("outcome_id").references(() => outcomes.id, { onDelete: "cascade" }),
    /** Who caused the event: reached by the email if they support it, but not given a notice of their own act. */
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** The highest supporter id when the event happened. */
    upToSupporterId: integer("up_to_supporter_id").notNull(),
    /** The cursor: every supporter up to this id has been handled. */
    lastSupporterId: integer("last_supporter_id").notNull().default(0),
    mailedCount: integer("mailed_count").notNull().default(0),
    /** When the event happened. */
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("support_mailings_topic_event_unique").on(t.topicId, t.eventKey), index("support_mailings_pending_idx").on(t.completedAt)],
);

/**
 * A resident's stance on one part of a topic that residents support or oppose (a bylaw amendment):
 * the part is the kind's (`subjectId`), the rule is the support module's. One row per person per
 * part (the unique index); changing one's mind updates the row, so a person never counts twice.
 */
export const supportStances = sqliteTable(
  "support_stances",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    subjectId: integer("subject_id").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    stance: text("stance").$type<SupportStance>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    changedAt: integer("changed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("support_stances_subject_user_unique").on(t.topicId, t.subjectId, t.userId),
    // A person's own stances (their data, account deletion).
    index("support_stances_user_idx").on(t.userId),
  ],
);

export const supportsRelations = relations(supports, ({ one }) => ({
  topic: one(topics, { fields: [supports.topicId], references: [topics.id] }),
  user: one(users, { fields: [supports.userId], references: [users.id] }),
}));
