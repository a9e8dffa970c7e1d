import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";
import { topics } from "./topics";
import { OUTBOX_STATUSES, type NoticeCategory, type OutboxStatus } from "./notifications.constants";
import type { EmailPreference } from "./users.constants";

// The enum lists live apart from the tables so that browser code can import them without drizzle.
export * from "./notifications.constants";

/** The in-app inbox. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    topicId: integer("topic_id").references(() => topics.id, { onDelete: "cascade" }),
    /** Message key in the i18n catalog, e.g. "notification.petition.responded". */
    type: text("type").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, string | number>>().notNull().default({}),
    /**
     * Whose act the notice tells of (a comment's author): the name is read when the notice is
     * shown, never copied into `data`, so a deleted account's name leaves every inbox at once.
     * Not a foreign key, like audit_log.actor_id: an account is kept as "deleted participant".
     */
    actorId: text("actor_id"),
    /** What the notice is about, e.g. "comment:12": withdrawn by this when that thing is hidden or gone. */
    concerns: text("concerns"),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    /** Whether this one still has to go out in a daily digest email. */
    digestPending: integer("digest_pending", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    // The unread badge on every signed-in page counts only unread rows of one person.
    index("notifications_unread_idx").on(t.userId, t.createdAt).where(sql`read_at IS NULL`),
    // The digest finds who has notices waiting without reading everyone's inbox.
    index("notifications_digest_idx").on(t.userId, t.createdAt).where(sql`digest_pending = 1`),
    index("notifications_concerns_idx").on(t.concerns).where(sql`concerns IS NOT NULL`),
  ],
);

/**
 * Durable email queue: a message is written here in the same transaction as the change it
 * reports, and the worker delivers it with retries. `dedupeKey` makes a repeat a no-op.
 */
export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    dedupeKey: text("dedupe_key"),
    /** The one-click unsubscribe link sent in the List-Unsubscribe header (RFC 8058). */
    listUnsubscribe: text("list_unsubscribe"),
    /** What the mail is about, as notifications.concerns: pending mail about a hidden thing is withdrawn by it. */
    concerns: text("concerns"),
    /** Whose act the mail tells of: their name is written into it, and blanked by this on deletion. */
    actorId: text("actor_id"),
    status: text("status").$type<OutboxStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    uniqueIndex("email_outbox_dedupe_unique").on(t.dedupeKey),
    index("email_outbox_concerns_idx").on(t.concerns).where(sql`concerns IS NOT NULL`),
    index("email_outbox_actor_idx").on(t.actorId).where(sql`actor_id IS NOT NULL`),
    // Retention finds the mail still holding its text, then the year-old envelopes, without reading the rest.
    index("email_outbox_unexpired_idx").on(t.createdAt).where(sql`text <> ''`),
    index("email_outbox_created_idx").on(t.createdAt),
  ],
);

/**
 * Addresses that asked for no more email, per topic or (topicId 0) about every topic: through the
 * one-click unsubscribe link every email carries, or a guest's signature page. Kept by canonical
 * address, so a guest without an account can opt out too. Messages a person has just asked for
 * (a confirmation link, a password reset) still go out.
 */
export const emailOptOuts = sqliteTable(
  "email_opt_outs",
  {
    addressCanonical: text("address_canonical").notNull(),
    /** 0: every email about topics; else the topic's id (not a foreign key, because of 0). */
    topicId: integer("topic_id").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.addressCanonical, t.topicId] })],
);

/**
 * A person's choice per kind of event (NOTICE_CATEGORIES): email immediately, in the daily digest,
 * or not at all (the inbox always has it). Without a row the account's general email preference
 * applies, so only what the person changed is stored.
 */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    category: text("category").$type<NoticeCategory>().notNull(),
    channel: text("channel").$type<EmailPreference>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.category] })],
);
