import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { outcomes, topics } from "./topics";
import { users } from "./users";
import type { CouncilDecision, MeetingBody, PositionVisibility } from "./council.constants";

export * from "./council.constants";

/** A meeting of the council or one of its committees, planned by the clerks (griffie). */
export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    body: text("body").$type<MeetingBody>().notNull(),
    /** What the meeting is called ("Raadsvergadering", "Commissie Ruimte"). */
    title: text("title").notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    place: text("place").notNull(),
    /** A closed meeting (besloten) lists its agenda for councillors and clerks only. */
    isPublic: integer("is_public", { mode: "boolean" }).notNull().default(true),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** The creating form's random key: a double post finds this meeting instead of planning a second. */
    submissionKey: text("submission_key"),
  },
  (t) => [
    // The upcoming and past lists page by (starts_at, id), the public one within is_public.
    index("meetings_starts_idx").on(t.startsAt, t.id),
    index("meetings_public_starts_idx").on(t.isPublic, t.startsAt, t.id),
    uniqueIndex("meetings_submission_unique").on(t.submissionKey).where(sql`submission_key IS NOT NULL`),
  ],
);

/** One point of a meeting's agenda: a topic awaiting the council, or a free item (title and text only). */
export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    /** Its number on the agenda, from 1; reordering swaps two numbers. */
    position: integer("position").notNull(),
    topicId: integer("topic_id").references(() => topics.id, { onDelete: "cascade" }),
    /** A free item's title; a topic's item shows the topic's title. */
    title: text("title"),
    description: text("description").notNull().default(""),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("agenda_items_position_unique").on(t.meetingId, t.position),
    // A topic is on a meeting's agenda once: placing it again is the same request.
    uniqueIndex("agenda_items_topic_unique").on(t.meetingId, t.topicId).where(sql`topic_id IS NOT NULL`),
    // The meeting a topic is on (the briefing, the dossier).
    index("agenda_items_topic_idx").on(t.topicId, t.meetingId),
  ],
);

/** What a councillor thinks of a topic awaiting the council: public, or for councillors and clerks only. */
export const councilPositions = sqliteTable(
  "council_positions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    councillorId: text("councillor_id").references(() => users.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    visibility: text("visibility").$type<PositionVisibility>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    // One position per councillor and topic: writing again replaces it.
    uniqueIndex("council_positions_unique").on(t.topicId, t.councillorId),
    index("council_positions_councillor_idx").on(t.councillorId),
  ],
);

/** That a councillor has reviewed a topic awaiting the council. */
export const councilReviews = sqliteTable(
  "council_reviews",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    councillorId: text("councillor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.councillorId] }), index("council_reviews_councillor_idx").on(t.councillorId)],
);

/** The council's decision on an agenda item, recorded by a clerk; its outcome is the topic's. */
export const councilDecisions = sqliteTable(
  "council_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    agendaItemId: integer("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    decision: text("decision").$type<CouncilDecision>().notNull(),
    body: text("body").notNull(),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }).notNull(),
    outcomeId: integer("outcome_id").references(() => outcomes.id, { onDelete: "set null" }),
    recordedBy: text("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    // The council decides an agenda item once: a second post is the same request.
    uniqueIndex("council_decisions_item_unique").on(t.agendaItemId),
    index("council_decisions_topic_idx").on(t.topicId, t.decidedAt),
  ],
);

/** Councillors who follow every topic that reaches the council. */
export const councilSubscriptions = sqliteTable("council_subscriptions", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * When a topic reached the council (first awaited it), once per topic: the councillors who follow
 * everything that reaches the council are told of it then, and the related topics its briefing card
 * shows are gathered for it afterwards by a job (`related` stays null until then).
 */
export const councilArrivals = sqliteTable(
  "council_arrivals",
  {
    topicId: integer("topic_id")
      .primaryKey()
      .references(() => topics.id, { onDelete: "cascade" }),
    arrivedAt: integer("arrived_at", { mode: "timestamp_ms" }).notNull(),
    /** The ids of related topics, best first, as found when they were gathered. */
    related: text("related", { mode: "json" }).$type<number[]>(),
    relatedAt: integer("related_at", { mode: "timestamp_ms" }),
  },
  // The job finds the arrivals still waiting for their related topics without reading the rest.
  (t) => [index("council_arrivals_pending_idx").on(t.topicId).where(sql`related_at IS NULL`)],
);
