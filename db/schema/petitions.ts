import { relations, sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { topics } from "./topics";
import { users } from "./users";
import { neighbourhoods } from "./settings";
import { REJECTION_CODES, SIGNATURE_STATUSES, type RejectionCode, type SignatureStatus } from "./petitions.constants";

// The enum lists live apart from the tables so that browser code can import them without drizzle.
export * from "./petitions.constants";

/**
 * The petition side of a topic (kind "petition"). The title, the background (markdown body),
 * the status and the confirmed-signature count (supportCount) live on `topics`.
 */
export const petitions = sqliteTable("petitions", {
  topicId: integer("topic_id")
    .primaryKey()
    .references(() => topics.id, { onDelete: "cascade" }),
  /** What the council should do; the background is topics.body. */
  request: text("request").notNull(),
  /** The deadline the petitioner asked for; the real one is set on publication (topics.closesAt). */
  requestedClosesAt: integer("requested_closes_at", { mode: "timestamp_ms" }),
  rejectionCode: text("rejection_code").$type<RejectionCode>(),
  rejectionNote: text("rejection_note"),
  rejectedAt: integer("rejected_at", { mode: "timestamp_ms" }),
  /** Rejected as offensive or containing personal information: the text is withheld from the public. */
  hideText: integer("hide_text", { mode: "boolean" }).notNull().default(false),
  /** The withheld text, for clerks and the petitioner only (moved off `topics` so search cannot find it). */
  withheldTitle: text("withheld_title"),
  withheldRequest: text("withheld_request"),
  withheldBody: text("withheld_body"),
  /** The thresholds in force when the petition was published. */
  responseThreshold: integer("response_threshold"),
  debateThreshold: integer("debate_threshold"),
  responseRequestedAt: integer("response_requested_at", { mode: "timestamp_ms" }),
  debateRequestedAt: integer("debate_requested_at", { mode: "timestamp_ms" }),
  /** The council meeting the debate is planned for. */
  debateScheduledFor: integer("debate_scheduled_for", { mode: "timestamp_ms" }),
  respondedAt: integer("responded_at", { mode: "timestamp_ms" }),
  debatedAt: integer("debated_at", { mode: "timestamp_ms" }),
  /** Co-sponsors required when it was submitted, and how many have signed on. */
  sponsorsRequired: integer("sponsors_required").notNull().default(0),
  sponsorCount: integer("sponsor_count").notNull().default(0),
  /** Random token in the shareable co-sponsor link. */
  sponsorToken: text("sponsor_token"),
});

/**
 * One person's signature on one petition. A guest's signature is pending until the emailed link
 * is followed; only confirmed ones are counted. The unique (topic, canonical email) index is the
 * one-signature-per-person rule; anonymised rows get "anon:<id>" so the index still holds.
 */
export const signatures = sqliteTable(
  "signatures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name"),
    email: text("email"),
    emailCanonical: text("email_canonical").notNull(),
    postcode: text("postcode"),
    neighbourhoodId: integer("neighbourhood_id").references(() => neighbourhoods.id, { onDelete: "set null" }),
    /** The signer agreed to show their name on the petition page. */
    showName: integer("show_name", { mode: "boolean" }).notNull().default(false),
    status: text("status").$type<SignatureStatus>().notNull(),
    /** The language of the signer's emails. */
    locale: text("locale").$type<"nl" | "en">().notNull().default("nl"),
    /** SHA-256 of the confirmation token (the token itself is only in the email). */
    tokenHash: text("token_hash"),
    confirmationSentAt: integer("confirmation_sent_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    withdrawnAt: integer("withdrawn_at", { mode: "timestamp_ms" }),
    anonymisedAt: integer("anonymised_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("signatures_topic_email_unique").on(t.topicId, t.emailCanonical),
    uniqueIndex("signatures_token_unique").on(t.tokenHash),
    index("signatures_public_names_idx").on(t.topicId, t.showName, t.status, t.confirmedAt),
    // A resident's own signature on a petition.
    index("signatures_user_idx").on(t.userId, t.topicId),
    // Their list of signed petitions, newest first, read page by page (/petitions/mine).
    index("signatures_user_signed_idx").on(t.userId, t.status, t.confirmedAt),
    // Anonymisation walks only the rows it still has to change: a run with nothing to do reads nothing.
    index("signatures_unanonymised_idx").on(t.topicId, t.status).where(sql`anonymised_at IS NULL`),
    index("signatures_email_idx").on(t.emailCanonical),
    // (topic, status, rowid): the mailing fan-out walks one petition's confirmed signatures by id.
    index("signatures_topic_status_idx").on(t.topicId, t.status),
    // Unconfirmed signatures by when their link expires: the hourly clean-up reads only expired ones.
    index("signatures_pending_expiry_idx").on(sql`coalesce(confirmation_sent_at, created_at)`).where(sql`status = 'pending'`),
  ],
);

/** Co-sponsors of a petition before it goes to moderation (setting petitionSponsorsRequired). */
export const petitionSponsors = sqliteTable(
  "petition_sponsors",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.userId] })],
);

export const petitionsRelations = relations(petitions, ({ one }) => ({
  topic: one(topics, { fields: [petitions.topicId], references: [topics.id] }),
}));

export const signaturesRelations = relations(signatures, ({ one }) => ({
  topic: one(topics, { fields: [signatures.topicId], references: [topics.id] }),
  user: one(users, { fields: [signatures.userId], references: [users.id] }),
}));
