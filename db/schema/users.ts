import { relations, sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ROLES, EMAIL_PREFERENCES, EMAIL_TOKEN_PURPOSES, type Role, type EmailPreference, type EmailTokenPurpose, type Locale } from "./users.constants";

// The enum lists live apart from the tables so that browser code can import them without drizzle.
export * from "./users.constants";

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** As typed, for sending mail. */
    email: text("email"),
    /** Lower-cased, dots and +tags folded where the provider ignores them: the identity. */
    emailCanonical: text("email_canonical"),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash"),
    locale: text("locale").$type<Locale>().notNull().default("nl"),
    emailPreference: text("email_preference").$type<EmailPreference>().notNull().default("immediate"),
    emailVerifiedAt: integer("email_verified_at", { mode: "timestamp_ms" }),
    /**
     * Set while the person is a verified resident (at the desk or by a letter code; the history is
     * in resident_verifications); cleared when the verification is revoked.
     */
    residentVerifiedAt: integer("resident_verified_at", { mode: "timestamp_ms" }),
    postcode: text("postcode"),
    /** "YYYY-MM-DD", recorded with a resident verification (for minimum ages); null otherwise. */
    birthDate: text("birth_date"),
    blockedAt: integer("blocked_at", { mode: "timestamp_ms" }),
    blockedUntil: integer("blocked_until", { mode: "timestamp_ms" }),
    blockedReason: text("blocked_reason"),
    /** Set when the person deleted their account: the row stays as "deleted participant". */
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex("users_email_canonical_unique").on(t.emailCanonical),
    // The admin's list of accounts: not deleted, newest first.
    index("users_deleted_created_idx").on(t.deletedAt, t.createdAt, t.id),
  ],
);

export const userRoles = sqliteTable(
  "user_roles",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    grantedAt: integer("granted_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  // The staff (clerks, admins) are found by role among 200,000 residents.
  (t) => [primaryKey({ columns: [t.userId, t.role] }), index("user_roles_role_idx").on(t.role)],
);

/** Lucia v3 session table: id, user_id, expires_at (seconds). */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Single-use, expiring tokens sent by email; only a SHA-256 hash is stored. */
export const emailTokens = sqliteTable(
  "email_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<EmailTokenPurpose>().notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [uniqueIndex("email_tokens_hash_unique").on(t.tokenHash)],
);

export const usersRelations = relations(users, ({ many }) => ({
  roles: many(userRoles),
  sessions: many(sessions),
}));

export const userRolesRelations = relations(userRoles, ({ one }) => ({
  user: one(users, { fields: [userRoles.userId], references: [users.id] }),
}));

/**
 * Accounts deleted whose data is still being erased. Deleting an account takes the person off
 * everything shown at once (name, address, sessions); the rest (their inbox, signatures, the
 * authorship of comments and topics, mail that names them, ...) is erased afterwards by the job
 * "accounts-erase-deleted", in short batches: `step` and `cursor` say where it is, so a stopped
 * run goes on where it was. The name and confirmed address are kept here only until `finishedAt`,
 * because the erasure finds the mail and guest signatures that hold them by them.
 */
export const accountErasures = sqliteTable(
  "account_erasures",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id),
    displayName: text("display_name"),
    emailCanonical: text("email_canonical"),
    /** The step under way (its name); null before the first batch. */
    step: text("step"),
    /** Where the step goes on (what a step makes of it is its own). */
    cursor: integer("cursor").notNull().default(0),
    /** Rows changed so far. */
    rows: integer("rows").notNull().default(0),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("account_erasures_pending_idx").on(t.requestedAt).where(sql`finished_at IS NULL`)],
);
