import { relations, sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";
import { neighbourhoods } from "./settings";
import { TOPIC_KINDS, NEXT_STEP_STATUSES, type EventActorRole, type TopicKind, type NextStepStatus } from "./topics.constants";

// The enum lists live apart from the tables so that browser code can import them without drizzle.
export * from "./topics.constants";

/**
 * The shared topic row. Status values are per kind and decided by that kind's `*.rules.ts`;
 * counters are denormalised and updated in the same transaction as the rows they count.
 */
export const topics = sqliteTable(
  "topics",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").$type<TopicKind>().notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    /** Markdown as written. */
    body: text("body").notNull().default(""),
    /** `body` rendered and sanitised on the server; the only form that reaches a page. */
    bodyHtml: text("body_html").notNull().default(""),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    neighbourhoodId: integer("neighbourhood_id").references(() => neighbourhoods.id, {
      onDelete: "set null",
    }),
    status: text("status").notNull(),
    /** Whether anonymous visitors and search may see it (set by the kind's rules on each transition). */
    isPublic: integer("is_public", { mode: "boolean" }).notNull().default(false),
    hidden: integer("hidden", { mode: "boolean" }).notNull().default(false),
    hiddenReason: text("hidden_reason"),
    locked: integer("locked", { mode: "boolean" }).notNull().default(false),
    supportCount: integer("support_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    followerCount: integer("follower_count").notNull().default(0),
    flagCount: integer("flag_count").notNull().default(0),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    /** The deadline of the open phase (signing, support, consultation, voting). */
    closesAt: integer("closes_at", { mode: "timestamp_ms" }),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    /**
     * When the anonymisation of its supporters (some months after the close) finished: the hourly
     * job then never reads this topic again, instead of opening a transaction per closed topic.
     */
    supportersAnonymisedAt: integer("supporters_anonymised_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    /**
     * The random key of the form that created it (a hidden `submission` field): a double click or
     * a repeated post carries the same key and finds this row instead of making a second one.
     */
    submissionKey: text("submission_key"),
  },
  (t) => [
    // Each list reads only its page: the filter's columns first, then the order (the rowid breaks ties).
    // (kind, status, ...) also covers the per-status counts of a list, so a count never reads topic rows.
    index("topics_kind_status_idx").on(t.kind, t.status, t.isPublic, t.hidden, t.closedAt),
    index("topics_public_latest_idx").on(t.isPublic, t.hidden, t.publishedAt),
    index("topics_kind_public_latest_idx").on(t.kind, t.isPublic, t.hidden, t.publishedAt),
    index("topics_kind_public_support_idx").on(t.kind, t.isPublic, t.hidden, t.supportCount),
    // The keyed pages of a kind's public list (app/modules/topics/topics.lists.server.ts): one
    // segment per status and open/closed, then the list's order, so a page reads its own rows from
    // the index however rare its filter. The orders never hold a null (a keyset cannot step over one).
    index("topics_list_support_idx").on(t.kind, t.status, t.isPublic, t.hidden, sql`(closed_at IS NULL)`, t.supportCount),
    index("topics_list_latest_idx").on(t.kind, t.status, t.isPublic, t.hidden, sql`(closed_at IS NULL)`, sql`coalesce(published_at, 0)`),
    index("topics_list_closing_idx").on(t.kind, t.status, t.isPublic, t.hidden, sql`(closed_at IS NULL)`, sql`coalesce(closes_at, 8640000000000000)`),
    // What moderation hid, for its tab (few rows; written as the page's query writes it).
    // Open data pages by key through a kind's public, visible topics (the row id follows the columns).
    index("topics_open_data_idx").on(t.kind, t.isPublic, t.hidden),
    // The open API's topic list pages by row id within each of its filters: none, status, kind and status.
    index("topics_api_public_idx").on(t.isPublic, t.hidden),
    index("topics_api_status_idx").on(t.status, t.isPublic, t.hidden),
    index("topics_api_kind_status_idx").on(t.kind, t.status, t.isPublic, t.hidden),
    index("topics_hidden_idx").on(t.updatedAt).where(sql`hidden = 1`),
    // A person's own topics of a kind, newest first (their "mine" pages; account deletion by author).
    index("topics_author_kind_idx").on(t.authorId, t.kind, t.createdAt),
    index("topics_closes_idx").on(t.closesAt),
    // Closed topics whose supporters are still to be anonymised, by close: the job's whole reading list.
    index("topics_anonymise_due_idx").on(t.kind, t.closedAt).where(sql`closed_at IS NOT NULL AND supporters_anonymised_at IS NULL`),
    uniqueIndex("topics_author_submission_unique").on(t.authorId, t.submissionKey).where(sql`submission_key IS NOT NULL`),
  ],
);

/**
 * The timeline of a topic: one row per event, of a type in the event catalogue
 * (app/modules/topics/timeline.events.ts), written only by the outcome service
 * (app/modules/topics/outcomes.server.ts). What transparency figures, a person's participation page
 * and webhooks read: kind, type, time and the actor's role are columns; `data` is public words only.
 */
export const topicEvents = sqliteTable(
  "topic_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    /** The topic's kind, copied so figures per kind read the index alone (a topic never changes kind). */
    kind: text("kind").$type<TopicKind>(),
    /** A type from the event catalogue: created, submitted, published, closed, next-step-added, and each kind's own. */
    type: text("type").notNull(),
    /** Not public: who did it (set to null when the account is deleted). */
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** In what capacity: kept when the account is gone, so lead times still tell staff from residents. */
    actorRole: text("actor_role").$type<EventActorRole>().notNull().default("system"),
    /**
     * The event's identity within its topic ("responded", "next-step-added:7"): unique, so a repeat
     * of the same request writes no second event and so tells nobody twice.
     */
    eventKey: text("event_key"),
    /** Small JSON payload for the event's text (reason code, counts, meeting date...). Public words, never a name. */
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    /** Internal events (e.g. moderation notes) stay off the public timeline. */
    isPublic: integer("is_public", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    index("topic_events_topic_idx").on(t.topicId, t.createdAt),
    uniqueIndex("topic_events_key_unique").on(t.topicId, t.eventKey).where(sql`event_key IS NOT NULL`),
    // A topic's newest public event, read from the index alone (My participation orders by it).
    index("topic_events_public_idx").on(t.topicId, t.createdAt).where(sql`is_public = 1`),
    // Lead times and counts per kind and type over a period (the transparency dashboard).
    index("topic_events_kind_type_idx").on(t.kind, t.type, t.createdAt),
  ],
);

export const follows = sqliteTable(
  "follows",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topicId] }), index("follows_topic_idx").on(t.topicId)],
);

/** "What happened": the decision or answer on a topic. One per topic and type. */
export const outcomes = sqliteTable(
  "outcomes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    /** response (written answer), debate, decision, conclusion */
    type: text("type").notNull(),
    /** e.g. adopted, rejected, amended, referred, answered */
    result: text("result"),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    responsibleBody: text("responsible_body"),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("outcomes_topic_idx").on(t.topicId)],
);

/** "What happens next": steps with due dates and progress; overdue ones are flagged publicly and reminded to clerks. */
export const nextSteps = sqliteTable(
  "next_steps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    description: text("description").notNull(),
    responsibleBody: text("responsible_body"),
    dueAt: integer("due_at", { mode: "timestamp_ms" }),
    status: text("status").$type<NextStepStatus>().notNull().default("planned"),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    /**
     * When the clerks were reminded that this step is overdue; set in the same transaction as the
     * reminders, so each step is reminded once. Reset it if the due date is ever moved.
     */
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    index("next_steps_topic_idx").on(t.topicId),
    // The public list of overdue steps walks only open steps with a due date, most overdue first.
    index("next_steps_open_due_idx").on(t.dueAt, t.id).where(sql`status <> 'done' AND due_at IS NOT NULL`),
  ],
);

export const topicsRelations = relations(topics, ({ one, many }) => ({
  author: one(users, { fields: [topics.authorId], references: [users.id] }),
  neighbourhood: one(neighbourhoods, { fields: [topics.neighbourhoodId], references: [neighbourhoods.id] }),
  events: many(topicEvents),
  outcomes: many(outcomes),
  nextSteps: many(nextSteps),
}));

export const topicEventsRelations = relations(topicEvents, ({ one }) => ({
  topic: one(topics, { fields: [topicEvents.topicId], references: [topics.id] }),
}));
