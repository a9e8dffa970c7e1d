// The draft bylaw's own tables, beside its row in `topics` (kind "bylaw"): its articles (a stable
// identity that comments and amendments point at, across versions), its published versions (the
// whole text of each, kept for ever) and the amendments residents propose to an article.
import { relations, sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { topics } from "./topics";
import { users } from "./users";
import type { AmendmentState, AmendmentType, VersionArticle } from "./bylaws.constants";

// The enum lists live apart from the tables so that browser code can import them without drizzle.
export * from "./bylaws.constants";

/**
 * An article as an identity: what "Artikel 3" is across versions, even when it is renumbered or
 * its text changes. Its counters are kept in the transactions that change what they count.
 */
export const bylawArticles = sqliteTable(
  "bylaw_articles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    /** Amendments proposed to it (every state). */
    amendmentCount: integer("amendment_count").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("bylaw_articles_topic_idx").on(t.topicId)],
);

/**
 * One version of the whole text. Version 1 is the draft the clerks publish; each later one is
 * published by a clerk from accepted amendments. A published version never changes. The articles
 * are kept in order as JSON: a page reads one row, and any two versions compare without joins.
 */
export const bylawVersions = sqliteTable(
  "bylaw_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    introduction: text("introduction").notNull().default(""),
    articles: text("articles", { mode: "json" }).$type<VersionArticle[]>().notNull(),
    /** What changed, in the clerk's words. */
    note: text("note").notNull().default(""),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    /** Null while version 1 is the unpublished draft. */
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex("bylaw_versions_topic_number_unique").on(t.topicId, t.number)],
);

/** A resident's proposal to change one article, with its rationale, and what the clerks decided. */
export const bylawAmendments = sqliteTable(
  "bylaw_amendments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    articleId: integer("article_id")
      .notNull()
      .references(() => bylawArticles.id, { onDelete: "cascade" }),
    /** The version whose text it changes: its diff is against this text. */
    versionNumber: integer("version_number").notNull(),
    type: text("type").$type<AmendmentType>().notNull(),
    /** The proposed heading of a new article (insert-after only). */
    heading: text("heading").notNull().default(""),
    /** The replacement or new text; empty for a deletion. */
    text: text("text").notNull().default(""),
    rationale: text("rationale").notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status").$type<AmendmentState>().notNull().default("open"),
    /** The clerk's reason (told to the author on a rejection, shown in the report for every fate). */
    decisionReason: text("decision_reason"),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    /** The version it was merged into. */
    mergedInVersion: integer("merged_in_version"),
    supportCount: integer("support_count").notNull().default(0),
    opposeCount: integer("oppose_count").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    /** The random key of the form that proposed it: a repeat of the same post finds this row. */
    submissionKey: text("submission_key"),
  },
  (t) => [
    index("bylaw_amendments_article_idx").on(t.articleId, t.id),
    index("bylaw_amendments_topic_status_idx").on(t.topicId, t.status, t.id),
    index("bylaw_amendments_author_idx").on(t.authorId),
    uniqueIndex("bylaw_amendments_author_submission_unique").on(t.authorId, t.submissionKey).where(sql`submission_key IS NOT NULL`),
  ],
);

export const bylawAmendmentsRelations = relations(bylawAmendments, ({ one }) => ({
  topic: one(topics, { fields: [bylawAmendments.topicId], references: [topics.id] }),
  article: one(bylawArticles, { fields: [bylawAmendments.articleId], references: [bylawArticles.id] }),
}));
