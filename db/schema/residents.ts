import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";
import type { DeskEvidence, RevocationReason, VerificationMethod } from "./residents.constants";

export * from "./residents.constants";

/**
 * Every time a person was verified as a resident, and its revocation: the history behind
 * users.resident_verified_at. At most one verification per person is in force (revoked_at null).
 */
export const residentVerifications = sqliteTable(
  "resident_verifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    method: text("method").$type<VerificationMethod>().notNull(),
    /** What the clerk checked at the desk; null for a letter code. */
    evidence: text("evidence").$type<DeskEvidence>(),
    /** The clerk at the desk; null for a letter code (or once the clerk's account is gone). */
    verifiedBy: text("verified_by").references(() => users.id, { onDelete: "set null" }),
    /** The letter code that was used; null at the desk. */
    letterCodeId: integer("letter_code_id").references(() => letterCodes.id, { onDelete: "set null" }),
    postcode: text("postcode").notNull(),
    verifiedAt: integer("verified_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    revokedBy: text("revoked_by").references(() => users.id, { onDelete: "set null" }),
    revocationReason: text("revocation_reason").$type<RevocationReason>(),
  },
  (t) => [
    uniqueIndex("resident_verifications_in_force_unique").on(t.userId).where(sql`revoked_at IS NULL`),
    index("resident_verifications_user_idx").on(t.userId, t.verifiedAt),
  ],
);

/**
 * Single-use codes sent by letter to an address in the municipality. Only a hash of the code is
 * kept, with the postcode it was sent to (the address itself only goes into the mail merge file).
 */
export const letterCodes = sqliteTable(
  "letter_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    codeHash: text("code_hash").notNull(),
    postcode: text("postcode").notNull(),
    /** One batch per generated mail merge file. */
    batch: text("batch").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    usedBy: text("used_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("letter_codes_hash_unique").on(t.codeHash),
    index("letter_codes_batch_idx").on(t.batch),
    // Account deletion forgets who used a code.
    index("letter_codes_used_by_idx").on(t.usedBy),
  ],
);
