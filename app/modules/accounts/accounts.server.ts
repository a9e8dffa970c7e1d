import crypto from "node:crypto";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { emailTokens, follows, notifications, sessions, topics, userRoles, users, type EmailTokenPurpose } from "#db/schema";
import type { Locale } from "~/i18n";
import { recordAudit } from "~/utils/audit.server";
import { dummyPasswordHash, endAllSessions, hashPassword, verifyPassword } from "~/utils/auth.server";
import { optBackIn } from "~/utils/unsubscribe.server";
import { db, writeWhenFree, type DB, type Tx } from "~/utils/db.server";
import { canonicalEmail } from "~/utils/email-address";
import { enqueueEmail } from "~/utils/email.server";
import { keysetRows, LazyList } from "~/utils/stream.server";
import { hashToken, isPlausibleToken, newToken } from "~/utils/tokens.server";
import type { ProfileInput, RegisterInput } from "./accounts.schema";
import { alreadyRegisteredEmail, passwordChangedEmail, passwordResetEmail, verificationEmail } from "./accounts.emails.server";
import { personalDataSources, requestErasure } from "./accounts.privacy.server";
import { tokenExpiresAt, tokenState, type TokenState } from "./tokens.rules";

// Accounts: one command per use case; each writes in one transaction and says why not when it cannot.

export type UnusableLink = Exclude<TokenState, "valid">;

/** A new single-use link token for a person; it replaces their older unused links of the same kind. */
function issueToken(tx: DB | Tx, userId: string, purpose: EmailTokenPurpose, now: Date): string {
  const token = newToken();
  tx.delete(emailTokens)
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)))
    .run();
  tx.insert(emailTokens)
    .values({ userId, purpose, tokenHash: hashToken(token), expiresAt: tokenExpiresAt(purpose, now), createdAt: now })
    .run();
  return token;
}

function findToken(tx: DB | Tx, token: string, purpose: EmailTokenPurpose) {
  // A malformed or over-long token is an unknown one: it is not even hashed.
  if (!isPlausibleToken(token)) return undefined;
  return tx
    .select({ id: emailTokens.id, userId: emailTokens.userId, expiresAt: emailTokens.expiresAt, usedAt: emailTokens.usedAt })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose)))
    .get();
}

/** Marks a link used; false when another request used it first (single use even across processes). */
function claimToken(tx: DB | Tx, tokenId: number, now: Date): boolean {
  return tx.update(emailTokens).set({ usedAt: now }).where(and(eq(emailTokens.id, tokenId), isNull(emailTokens.usedAt))).run().changes === 1;
}

function activeUserByEmail(tx: DB | Tx, address: string) {
  return tx
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      locale: users.locale,
      passwordHash: users.passwordHash,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(and(eq(users.emailCanonical, canonicalEmail(address)), isNull(users.deletedAt)))
    .get();
}

/**
 * Creates a resident account and mails its confirmation link, or, when the address already has an
 * account, mails that owner a warning with a reset link instead. The caller answers the same either
 * way. The unique index on the canonical email decides races: a repeat never makes a second account.
 */
export async function registerAccount(input: RegisterInput, now = new Date()): Promise<{ ok: true; created: boolean; userId: string | null }> {
  // Hash first on both paths, so the answer takes as long for a known address as for a new one.
  const passwordHash = await hashPassword(input.password);
  const canonical = canonicalEmail(input.email);
  return db.transaction((tx) => {
    const id = crypto.randomUUID();
    const inserted = tx
      .insert(users)
      .values({
        id,
        email: input.email,
        emailCanonical: canonical,
        displayName: input.displayName,
        passwordHash,
        locale: input.locale,
        createdAt: now,
      })
      .onConflictDoNothing()
      .run();
    if (inserted.changes === 1) {
      tx.insert(userRoles).values({ userId: id, role: "resident", grantedAt: now }).run();
      const token = issueToken(tx, id, "verify-email", now);
      enqueueEmail(tx, verificationEmail({ to: input.email, locale: input.locale, name: input.displayName }, token));
      return { ok: true as const, created: true, userId: id };
    }
    const owner = activeUserByEmail(tx, input.email);
    if (owner?.email) {
      enqueueEmail(tx, alreadyRegisteredEmail({ to: owner.email, locale: owner.locale, name: owner.displayName }, owner.id, now));
    }
    return { ok: true as const, created: false, userId: null };
  });
}

/**
 * Whether a confirmation link can still be used, read and never written: the link opens a page
 * with a button, so mail filters that follow every link confirm nothing.
 */
export function emailVerificationLinkState(token: string, now = new Date()): TokenState | "confirmed" {
  const row = findToken(db, token, "verify-email");
  return isConfirmedBy(db, row) ? "confirmed" : tokenState(row, now);
}

/**
 * Whether a link was used and its address is confirmed: pressing the button twice, or opening the
 * link again later, is the same request as the first press, not a "used link" error.
 */
function isConfirmedBy(tx: DB | Tx, row: { userId: string; usedAt: Date | null } | undefined): row is { userId: string; usedAt: Date } {
  if (!row?.usedAt) return false;
  return Boolean(tx.select({ at: users.emailVerifiedAt }).from(users).where(and(eq(users.id, row.userId), isNull(users.deletedAt))).get()?.at);
}

/** The button on the link's page was pressed: marks the address confirmed and the link used (once, even at once). */
export function verifyEmail(token: string, now = new Date()): { ok: true; userId: string; already: boolean } | { ok: false; reason: UnusableLink } {
  return db.transaction((tx) => {
    const row = findToken(tx, token, "verify-email");
    if (isConfirmedBy(tx, row)) return { ok: true as const, userId: row.userId, already: true };
    const state = tokenState(row, now);
    if (!row || state !== "valid") return { ok: false as const, reason: state as UnusableLink };
    if (!claimToken(tx, row.id, now)) return { ok: false as const, reason: "used" as const };
    tx.update(users).set({ emailVerifiedAt: now }).where(and(eq(users.id, row.userId), isNull(users.emailVerifiedAt))).run();
    return { ok: true as const, userId: row.userId, already: false };
  });
}

/** Sends a fresh confirmation link (the older one stops working). */
export function resendVerification(userId: string, now = new Date()): { ok: true } | { ok: false; reason: "already-verified" | "unknown-user" } {
  return db.transaction((tx) => {
    const person = tx
      .select({ email: users.email, displayName: users.displayName, locale: users.locale, verifiedAt: users.emailVerifiedAt, deletedAt: users.deletedAt })
      .from(users)
      .where(eq(users.id, userId))
      .get();
    if (!person || person.deletedAt || !person.email) return { ok: false as const, reason: "unknown-user" as const };
    if (person.verifiedAt) return { ok: false as const, reason: "already-verified" as const };
    const token = issueToken(tx, userId, "verify-email", now);
    enqueueEmail(tx, verificationEmail({ to: person.email, locale: person.locale, name: person.displayName }, token));
    return { ok: true as const };
  });
}

/**
 * Checks an email and password. An unknown address still costs one argon2id verification, and
 * both failures give the same reason, so neither the answer nor its timing tells whether an
 * address has an account.
 */
export async function authenticate(
  address: string,
  password: string,
): Promise<{ ok: true; userId: string; displayName: string; locale: Locale } | { ok: false; reason: "invalid-credentials" }> {
  const person = activeUserByEmail(db, address);
  const valid = await verifyPassword(person?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!person || !person.passwordHash || !valid) return { ok: false, reason: "invalid-credentials" };
  return { ok: true, userId: person.id, displayName: person.displayName, locale: person.locale };
}

/** Mails a reset link when the address has an account; does nothing otherwise (the caller answers the same). */
export function requestPasswordReset(address: string, now = new Date()): { ok: true } {
  db.transaction((tx) => {
    const person = activeUserByEmail(tx, address);
    if (!person?.email) return;
    const token = issueToken(tx, person.id, "reset-password", now);
    enqueueEmail(tx, passwordResetEmail({ to: person.email, locale: person.locale, name: person.displayName }, token));
  });
  return { ok: true };
}

/** Whether a reset link can still be used, for the page that asks for the new password. */
export function passwordResetLinkState(token: string, now = new Date()): TokenState {
  return tokenState(findToken(db, token, "reset-password"), now);
}

/**
 * Sets a new password through a reset link: the link is used up, every other reset link and every
 * session of the person ends, and the mailbox is thereby proven, so the address counts as confirmed.
 */
export async function resetPassword(
  token: string,
  password: string,
  now = new Date(),
): Promise<{ ok: true; userId: string } | { ok: false; reason: UnusableLink }> {
  const initial = tokenState(findToken(db, token, "reset-password"), now);
  if (initial !== "valid") return { ok: false, reason: initial };
  const passwordHash = await hashPassword(password);
  const result = db.transaction((tx) => {
    const row = findToken(tx, token, "reset-password");
    const state = tokenState(row, now);
    if (!row || state !== "valid") return { ok: false as const, reason: state as UnusableLink };
    if (!claimToken(tx, row.id, now)) return { ok: false as const, reason: "used" as const };
    const person = tx.select().from(users).where(eq(users.id, row.userId)).get();
    if (!person || person.deletedAt) return { ok: false as const, reason: "unknown" as const };
    tx.update(users)
      .set({ passwordHash, emailVerifiedAt: person.emailVerifiedAt ?? now })
      .where(eq(users.id, row.userId))
      .run();
    tx.update(emailTokens)
      .set({ usedAt: now })
      .where(and(eq(emailTokens.userId, row.userId), eq(emailTokens.purpose, "reset-password"), isNull(emailTokens.usedAt)))
      .run();
    if (person.email) enqueueEmail(tx, passwordChangedEmail({ to: person.email, locale: person.locale, name: person.displayName }));
    return { ok: true as const, userId: row.userId };
  });
  if (result.ok) await endAllSessions(result.userId);
  return result;
}

export function getProfile(userId: string) {
  const person = db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      locale: users.locale,
      emailPreference: users.emailPreference,
      emailVerifiedAt: users.emailVerifiedAt,
      residentVerifiedAt: users.residentVerifiedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .get();
  if (!person) return null;
  const roles = db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).orderBy(asc(userRoles.role)).all();
  return { ...person, roles: roles.map((r) => r.role) };
}

/** Changes name, language and email preference. */
export function updateProfile(userId: string, input: ProfileInput): { ok: true } | { ok: false; reason: "unknown-user" } {
  return db.transaction((tx) => {
    const person = tx
      .update(users)
      .set({ displayName: input.displayName, locale: input.locale, emailPreference: input.emailPreference })
      .where(and(eq(users.id, userId), isNull(users.deletedAt)))
      .returning({ email: users.email })
      .get();
    if (!person) return { ok: false, reason: "unknown-user" } as const;
    // Email switched on again here undoes an earlier one-click unsubscribe from every topic email.
    if (input.emailPreference !== "off" && person.email) optBackIn(tx, person.email);
    return { ok: true } as const;
  });
}

/** The language switch of a signed-in person: remembered on their account (mail too follows it). */
export function setPreferredLocale(userId: string, locale: Locale): void {
  db.update(users).set({ locale }).where(and(eq(users.id, userId), isNull(users.deletedAt))).run();
}

/**
 * Everything kept about a person, for download-my-data: the account and every domain's part.
 * Long lists are LazyLists, read while the download is written (jsonPieces).
 */
export function collectPersonalData(userId: string, now = new Date()) {
  const person = db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      locale: users.locale,
      emailPreference: users.emailPreference,
      emailVerifiedAt: users.emailVerifiedAt,
      residentVerifiedAt: users.residentVerifiedAt,
      postcode: users.postcode,
      blockedAt: users.blockedAt,
      blockedUntil: users.blockedUntil,
      blockedReason: users.blockedReason,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .get();
  if (!person) return null;
  const roles = db.select({ role: userRoles.role, grantedAt: userRoles.grantedAt }).from(userRoles).where(eq(userRoles.userId, userId)).all();
  // The long lists (a busy resident's inbox alone is tens of thousands of rows) are read a page
  // at a time while the download is written (app/utils/stream.server.ts).
  const inbox = new LazyList(() =>
    keysetRows(
      (after, limit) =>
        db
          .select({ id: notifications.id, topicId: notifications.topicId, type: notifications.type, data: notifications.data, readAt: notifications.readAt, createdAt: notifications.createdAt })
          .from(notifications)
          .where(and(eq(notifications.userId, userId), gt(notifications.id, after)))
          .orderBy(asc(notifications.id))
          .limit(limit)
          .all(),
      (n) => n.id,
    ),
  );
  const followed = new LazyList(() =>
    keysetRows(
      (after, limit) =>
        db
          .select({ topicId: follows.topicId, kind: topics.kind, title: topics.title, followedAt: follows.createdAt })
          .from(follows)
          .innerJoin(topics, eq(topics.id, follows.topicId))
          .where(and(eq(follows.userId, userId), gt(follows.topicId, after)))
          .orderBy(asc(follows.topicId))
          .limit(limit)
          .all(),
      (f) => f.topicId,
    ),
  );
  const authored = new LazyList(() =>
    keysetRows(
      (after, limit) =>
        db
          .select({ id: topics.id, kind: topics.kind, title: topics.title, summary: topics.summary, body: topics.body, status: topics.status, createdAt: topics.createdAt })
          .from(topics)
          .where(and(eq(topics.authorId, userId), gt(topics.id, after)))
          .orderBy(asc(topics.id))
          .limit(limit)
          .all(),
      (t) => t.id,
    ),
  );
  const sources = Object.fromEntries(personalDataSources().map((source) => [source.name, source.collect(db, userId)]));
  return {
    exportedAt: now.toISOString(),
    account: person,
    roles,
    notifications: inbox,
    follows: followed,
    topics: authored,
    ...sources,
  };
}

/**
 * Deletes an account after the password is confirmed. What is shown of the person goes at once,
 * in one short transaction: the account keeps only its id and deletedAt (so everything they wrote
 * shows "deleted participant"), sessions, roles and links go, and their name leaves the public
 * lists of signers. The rest (their inbox, signatures, follows, the authorship of comments and
 * topics, mail that names them or went to them) is erased by the job "accounts-erase-deleted" in
 * short batches, tracked in account_erasures until done: a busy person's years of activity never
 * hold the write lock for long. The request waits for the lock without freezing its worker.
 */
export async function deleteAccount(userId: string, password: string, now = new Date()): Promise<{ ok: true } | { ok: false; reason: "wrong-password" | "unknown-user" }> {
  const person = db
    .select({ passwordHash: users.passwordHash, displayName: users.displayName, email: users.email, emailCanonical: users.emailCanonical, emailVerifiedAt: users.emailVerifiedAt, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!person || person.deletedAt) return { ok: false, reason: "unknown-user" };
  const valid = await verifyPassword(person.passwordHash ?? (await dummyPasswordHash()), password);
  if (!valid || !person.passwordHash) return { ok: false, reason: "wrong-password" };
  // Only a confirmed address is theirs: an account registered with someone else's address must
  // not wipe that person's mail (a guest signature's link) or the limits counted against it.
  const emailCanonical = person.email && person.emailVerifiedAt ? person.emailCanonical ?? canonicalEmail(person.email) : null;
  const erased = { userId, displayName: person.displayName, emailCanonical };
  return writeWhenFree((tx) => {
    const current = tx.select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId)).get();
    // Deleted by a request that got the lock first: the same answer, nothing done twice.
    if (!current || current.deletedAt) return { ok: true } as const;
    const roles = tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).all().map((r) => r.role).sort();
    tx.delete(emailTokens).where(eq(emailTokens.userId, userId)).run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    tx.delete(userRoles).where(eq(userRoles.userId, userId)).run();
    for (const source of personalDataSources()) source.hideAtOnce?.(tx, erased);
    tx.update(users)
      .set({
        email: null,
        emailCanonical: null,
        passwordHash: null,
        postcode: null,
        displayName: "",
        emailVerifiedAt: null,
        residentVerifiedAt: null,
        blockedReason: null,
        deletedAt: now,
      })
      .where(eq(users.id, userId))
      .run();
    requestErasure(tx, erased, now);
    recordAudit(tx, { actorId: userId, action: "account.delete", entityType: "user", entityId: userId, before: { roles }, after: { deleted: true } });
    return { ok: true } as const;
  });
}
