import { relations, sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { topics } from "./topics";
import { users } from "./users";
import { STANCES, HIDDEN_BY, FLAG_TARGETS, FLAG_REASONS, FLAG_RESOLUTIONS, MODERATION_ACTIONS, type Stance, type HiddenBy, type FlagTarget, type FlagReason, type FlagResolution, type ModerationActionType } from "./discussions.constants";

// The enum lists live apart from the tables so that browser code can import them without drizzle.
export * from "./discussions.constants";

/**
 * A comment on any topic. Replies point at their parent and carry the id of the thread's root,
 * so one page of top-level comments loads its replies with one indexed query.
 * A comment is visible when it is neither hidden nor deleted; topics.comment_count counts those.
 */
export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    parentId: integer("parent_id").references((): AnySQLiteColumn => comments.id, { onDelete: "cascade" }),
    /** The top-level comment of the thread; null for a top-level comment itself. */
    rootId: integer("root_id"),
    /** 0 for a top-level comment, 1 for a reply, 2 for a reply to a reply. */
    depth: integer("depth").notNull().default(0),
    /** Null once the author deleted their account: shown as "deleted participant". */
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    /** Markdown as written. */
    body: text("body").notNull(),
    /** `body` rendered and sanitised on the server; the only form that reaches a page. */
    bodyHtml: text("body_html").notNull(),
    stance: text("stance").$type<Stance>(),
    /**
     * The part of the topic the thread is about (a bylaw's article), or null for the topic as a
     * whole. What the number names is the kind's (its manifest's \`commentParts\`); a reply inherits it.
     */
    partId: integer("part_id"),
    hiddenBy: text("hidden_by").$type<HiddenBy>(),
    hiddenAt: integer("hidden_at", { mode: "timestamp_ms" }),
    /** Deleted by the author while it had replies: kept as a placeholder, text removed. */
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    upvoteCount: integer("upvote_count").notNull().default(0),
    /** Open (unhandled) flags. */
    flagCount: integer("flag_count").notNull().default(0),
    /** Rows that have this comment as parent (placeholders included). */
    replyCount: integer("reply_count").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    /** The random key of the form that posted it: a repeat of the same post finds this row (see topics.submission_key). */
    submissionKey: text("submission_key"),
  },
  (t) => [
    uniqueIndex("comments_author_submission_unique").on(t.authorId, t.submissionKey).where(sql`submission_key IS NOT NULL`),
    index("comments_thread_idx").on(t.topicId, t.parentId, t.createdAt),
    // The thread of one part of a topic (an article), in the order it is shown.
    index("comments_part_thread_idx").on(t.topicId, t.partId, t.parentId, t.createdAt).where(sql`part_id IS NOT NULL`),
    // "Most supported" in the order it is shown (upvotes down, then oldest first, then the rowid), so a
    // deep page skips index entries and never sorts a topic's top-level comments.
    index("comments_support_idx").on(t.topicId, t.parentId, sql`upvote_count DESC`, t.createdAt),
    index("comments_root_idx").on(t.rootId, t.createdAt),
    index("comments_parent_idx").on(t.parentId),
    index("comments_author_idx").on(t.authorId, t.createdAt),
    // The moderation tab of hidden comments walks only hidden rows, in the order it shows them.
    index("comments_hidden_idx").on(t.hiddenAt).where(sql`hidden_by IS NOT NULL`),
  ],
);

/**
 * Visible comments per part of a topic (a bylaw's article), kept beside topics.comment_count in the
 * same transactions, so a page listing every part's activity reads one row per part.
 */
export const commentPartCounts = sqliteTable(
  "comment_part_counts",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    partId: integer("part_id").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.partId] })],
);

/** One upvote per person per comment, enforced by the primary key. */
export const commentUpvotes = sqliteTable(
  "comment_upvotes",
  {
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index("comment_upvotes_user_idx").on(t.userId)],
);

/**
 * A report of a topic or comment. One per person per thing (unique index): a repeat counts once.
 * Open while resolved_at is null; a clerk's decision resolves every open flag on the thing.
 */
export const flags = sqliteTable(
  "flags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    targetType: text("target_type").$type<FlagTarget>().notNull(),
    targetId: integer("target_id").notNull(),
    /** The topic the thing belongs to (the topic itself for a topic flag). */
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    /** Null once the flagger deleted their account: the flag stays, anonymous. */
    flaggerId: text("flagger_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").$type<FlagReason>().notNull(),
    note: text("note"),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    resolution: text("resolution").$type<FlagResolution>(),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex("flags_target_flagger_unique").on(t.targetType, t.targetId, t.flaggerId),
    index("flags_open_idx").on(t.resolvedAt, t.createdAt),
    index("flags_flagger_idx").on(t.flaggerId),
    // The public statistics: when each thing was first flagged, read from the index alone.
    index("flags_target_created_idx").on(t.targetType, t.targetId, t.createdAt),
  ],
);

/**
 * Every moderation decision, for the public statistics (no personal data leaves this table):
 * `flaggedAt` is when the oldest open flag was made, so handling time is createdAt - flaggedAt.
 */
export const moderationActions = sqliteTable(
  "moderation_actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    targetType: text("target_type").$type<FlagTarget | "user">().notNull(),
    targetId: text("target_id").notNull(),
    topicId: integer("topic_id").references(() => topics.id, { onDelete: "set null" }),
    action: text("action").$type<ModerationActionType>().notNull(),
    /** Null for the system (auto-hide after flags, a block that ran out). */
    actorId: text("actor_id"),
    reason: text("reason"),
    flaggedAt: integer("flagged_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("moderation_actions_created_idx").on(t.createdAt), index("moderation_actions_target_idx").on(t.targetType, t.targetId)],
);

export const commentsRelations = relations(comments, ({ one }) => ({
  topic: one(topics, { fields: [comments.topicId], references: [topics.id] }),
  author: one(users, { fields: [comments.authorId], references: [users.id] }),
}));
