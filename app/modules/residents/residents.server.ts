// Resident verification: a clerk verifies a person at the desk, a person verifies themselves with a
// single-use letter code, a clerk revokes a verification, and clerks generate letter codes for a
// mail merge. Each is one transaction with its audit entry; users.resident_verified_at (with the
// postcode and date of birth) is what eligibility reads, resident_verifications keeps the history.
import crypto from "node:crypto";
import { and, desc, eq, gte, inArray, isNull, lte } from "drizzle-orm";
import { letterCodes, neighbourhoods, residentVerifications, users, type DeskEvidence, type RevocationReason } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, sqlite, type DB, type Tx } from "~/utils/db.server";
import { canonicalEmail } from "~/utils/email-address";
import { hashToken } from "~/utils/tokens.server";
import { untilNoneLeft, type PersonalDataSource } from "~/modules/accounts/personal-data";
import {
  formatLetterCode,
  LETTER_CODE_ALPHABET,
  LETTER_CODE_LENGTH,
  letterCodeState,
  normaliseLetterCode,
  readAddressList,
  type AddressProblem,
} from "./residents.rules";

export type ResidentRefusal =
  | "unknown-person"
  | "already-verified"
  | "not-verified"
  | "outside-municipality"
  | "unknown-code"
  | "code-used"
  | "code-expired";

export type ResidentResult<T = object> = ({ ok: true } & T) | { ok: false; reason: ResidentRefusal };

let neighbourhoodQuery: import("better-sqlite3").Statement<[number, number], { id: number }> | undefined;

/**
 * The neighbourhood a normalised postcode ("1234AB") lies in, or null outside the municipality:
 * one prepared query, on the signing and support paths as at the desk.
 */
export function neighbourhoodForPostcode(postcode: string): number | null {
  const number = Number(postcode.slice(0, 4));
  if (!Number.isInteger(number)) return null;
  neighbourhoodQuery ??= sqlite().prepare("SELECT id FROM neighbourhoods WHERE postcode_from <= ? AND postcode_to >= ? LIMIT 1");
  return neighbourhoodQuery.get(number, number)?.id ?? null;
}

/** Whether a normalised postcode lies in one of the municipality's neighbourhoods. */
export function inMunicipality(postcode: string): boolean {
  return neighbourhoodForPostcode(postcode) !== null;
}

/** A person as the desk sees them: found by their exact email address, never by a partial match. */
export function findPersonAtDesk(email: string) {
  const person = db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      postcode: users.postcode,
      birthDate: users.birthDate,
      residentVerifiedAt: users.residentVerifiedAt,
    })
    .from(users)
    .where(and(eq(users.emailCanonical, canonicalEmail(email)), isNull(users.deletedAt)))
    .get();
  if (!person) return null;
  return { ...person, history: verificationHistory(person.id) };
}

/** What a verification says: shown at the desk and in download-my-data. */
const verificationFacts = {
  method: residentVerifications.method,
  evidence: residentVerifications.evidence,
  postcode: residentVerifications.postcode,
  verifiedAt: residentVerifications.verifiedAt,
  revokedAt: residentVerifications.revokedAt,
  revocationReason: residentVerifications.revocationReason,
};

/** A person's verifications, newest first (a handful at most: each needs a clerk or a letter). */
export function verificationHistory(userId: string) {
  return db
    .select({ id: residentVerifications.id, ...verificationFacts })
    .from(residentVerifications)
    .where(eq(residentVerifications.userId, userId))
    .orderBy(desc(residentVerifications.verifiedAt), desc(residentVerifications.id))
    .limit(20)
    .all();
}

/** What a person sees about their own verification. */
export function ownVerification(userId: string) {
  return (
    db
      .select({ residentVerifiedAt: users.residentVerifiedAt, postcode: users.postcode, birthDate: users.birthDate })
      .from(users)
      .where(eq(users.id, userId))
      .get() ?? null
  );
}

function markVerified(
  tx: Tx,
  userId: string,
  fact: { postcode: string; birthDate: string; now: Date },
  how: { method: "desk"; evidence: DeskEvidence; clerkId: string } | { method: "letter-code"; letterCodeId: number },
): number {
  tx.update(users).set({ residentVerifiedAt: fact.now, postcode: fact.postcode, birthDate: fact.birthDate }).where(eq(users.id, userId)).run();
  const row = tx
    .insert(residentVerifications)
    .values({
      userId,
      method: how.method,
      evidence: how.method === "desk" ? how.evidence : null,
      verifiedBy: how.method === "desk" ? how.clerkId : null,
      letterCodeId: how.method === "letter-code" ? how.letterCodeId : null,
      postcode: fact.postcode,
      verifiedAt: fact.now,
    })
    .returning({ id: residentVerifications.id })
    .get();
  return row.id;
}

/**
 * A clerk verifies a person at the desk, recording what they checked. A person verified already is
 * refused (revoke first, e.g. after a move): a verification is never silently replaced. A repeat
 * of the same verification (a double click) is answered as done.
 */
export function verifyAtDesk(
  clerkId: string,
  input: { userId: string; postcode: string; birthDate: string; evidence: DeskEvidence },
  now = new Date(),
): ResidentResult<{ already: boolean; name: string }> {
  return db.transaction((tx) => {
    const person = tx
      .select({ id: users.id, name: users.displayName, verifiedAt: users.residentVerifiedAt, postcode: users.postcode, birthDate: users.birthDate })
      .from(users)
      .where(and(eq(users.id, input.userId), isNull(users.deletedAt)))
      .get();
    if (!person) return { ok: false as const, reason: "unknown-person" as const };
    if (person.verifiedAt) {
      const same = person.postcode === input.postcode && person.birthDate === input.birthDate;
      return same ? { ok: true as const, already: true, name: person.name } : { ok: false as const, reason: "already-verified" as const };
    }
    if (!inMunicipality(input.postcode)) return { ok: false as const, reason: "outside-municipality" as const };
    const verificationId = markVerified(tx, person.id, { postcode: input.postcode, birthDate: input.birthDate, now }, {
      method: "desk",
      evidence: input.evidence,
      clerkId,
    });
    // The audit entry says what was checked, not the date of birth itself.
    recordAudit(tx, {
      actorId: clerkId,
      action: "resident.verify",
      entityType: "user",
      entityId: person.id,
      after: { method: "desk", evidence: input.evidence, postcode: input.postcode, verification: verificationId },
    });
    return { ok: true as const, already: false, name: person.name };
  });
}

/** A clerk revokes a person's verification; the date of birth recorded with it goes too. */
export function revokeVerification(clerkId: string, input: { userId: string; reason: RevocationReason }, now = new Date()): ResidentResult<{ already: boolean; name: string }> {
  return db.transaction((tx) => {
    const person = tx.select({ id: users.id, name: users.displayName, verifiedAt: users.residentVerifiedAt }).from(users).where(eq(users.id, input.userId)).get();
    if (!person) return { ok: false as const, reason: "unknown-person" as const };
    const revoked = tx
      .update(residentVerifications)
      .set({ revokedAt: now, revokedBy: clerkId, revocationReason: input.reason })
      .where(and(eq(residentVerifications.userId, person.id), isNull(residentVerifications.revokedAt)))
      .returning({ id: residentVerifications.id })
      .all();
    if (revoked.length === 0 && !person.verifiedAt) return { ok: true as const, already: true, name: person.name };
    tx.update(users).set({ residentVerifiedAt: null, birthDate: null }).where(eq(users.id, person.id)).run();
    recordAudit(tx, {
      actorId: clerkId,
      action: "resident.revoke",
      entityType: "user",
      entityId: person.id,
      after: { verifications: revoked.map((r) => r.id) },
      reason: input.reason,
    });
    return { ok: true as const, already: false, name: person.name };
  });
}

function newLetterCode(): string {
  // Rejection sampling keeps every symbol equally likely (256 is a multiple of 32, so none is lost).
  const bytes = crypto.randomBytes(LETTER_CODE_LENGTH);
  return [...bytes].map((b) => LETTER_CODE_ALPHABET[b % LETTER_CODE_ALPHABET.length]).join("");
}

/**
 * The demo municipality: Anna (demo-resident) was verified at the desk by the clerk; Jan
 * (demo-resident-2) received a letter whose code, DEMO_LETTER_CODE, is still unused.
 */
export const DEMO_LETTER_CODE = "STAD-HALL-2345";
export function seedResidentVerification(ctx: { now: Date; accounts: { resident: string; clerk: string } }): void {
  verifyAtDesk(ctx.accounts.clerk, { userId: ctx.accounts.resident, postcode: "9903AB", birthDate: "1984-05-17", evidence: "identity-card" }, new Date(ctx.now.getTime() - 200 * 86_400_000));
  db.insert(letterCodes)
    .values({
      codeHash: hashLetterCode(normaliseLetterCode(DEMO_LETTER_CODE)!),
      postcode: "9912CD",
      batch: "demo",
      createdBy: ctx.accounts.clerk,
      createdAt: new Date(ctx.now.getTime() - 10 * 86_400_000),
      expiresAt: new Date(ctx.now.getTime() + 355 * 86_400_000),
    })
    .run();
}

/** Letter codes are hashed like emailed tokens, with their own prefix so the two never meet. */
const hashLetterCode = (code: string) => hashToken(`letter-code:${code}`);

export type LetterCodeBatch =
  | { ok: true; batch: string; rows: Array<{ line: string; code: string }>; expiresAt: Date }
  | { ok: false; problems: AddressProblem[] }
  | { ok: false; tooMany: true };

/**
 * Makes one single-use code per address for a mail merge. Only each code's hash is stored, with the
 * address's postcode: the codes exist in the returned file only, so the clerk downloads it once.
 */
export function generateLetterCodes(clerkId: string, input: { addresses: string; validDays: number }, now = new Date()): LetterCodeBatch {
  return db.transaction((tx) => {
    const read = readAddressList(input.addresses, inMunicipality);
    if (!read.ok) return read;
    const batch = crypto.randomUUID();
    const expiresAt = new Date(now.getTime() + input.validDays * 24 * 60 * 60 * 1000);
    const rows = read.addresses.map((address) => ({ line: address.line, postcode: address.postcode, code: newLetterCode() }));
    for (let i = 0; i < rows.length; i += 500) {
      tx.insert(letterCodes)
        .values(rows.slice(i, i + 500).map((r) => ({ codeHash: hashLetterCode(r.code), postcode: r.postcode, batch, createdBy: clerkId, createdAt: now, expiresAt })))
        .run();
    }
    recordAudit(tx, { actorId: clerkId, action: "resident.letter-codes", entityType: "letter-code-batch", entityId: batch, after: { count: rows.length, expiresAt: expiresAt.toISOString() } });
    return { ok: true as const, batch, expiresAt, rows: rows.map((r) => ({ line: r.line, code: formatLetterCode(r.code) })) };
  });
}

/**
 * A person enters the code from their letter with their date of birth: they become a verified
 * resident of the postcode the letter went to. The code is used up in the same statement that
 * checks it, so two people (or two tabs) cannot both use one code.
 */
export function redeemLetterCode(userId: string, input: { code: string; birthDate: string }, now = new Date()): ResidentResult<{ postcode: string }> {
  const code = normaliseLetterCode(input.code);
  if (!code) return { ok: false, reason: "unknown-code" };
  return db.transaction((tx) => {
    const person = tx.select({ verifiedAt: users.residentVerifiedAt }).from(users).where(and(eq(users.id, userId), isNull(users.deletedAt))).get();
    if (!person) return { ok: false as const, reason: "unknown-person" as const };
    if (person.verifiedAt) return { ok: false as const, reason: "already-verified" as const };
    const stored = tx.select().from(letterCodes).where(eq(letterCodes.codeHash, hashLetterCode(code))).get();
    if (!stored) return { ok: false as const, reason: "unknown-code" as const };
    const state = letterCodeState(stored, now);
    if (state === "used") return { ok: false as const, reason: "code-used" as const };
    if (state === "expired") return { ok: false as const, reason: "code-expired" as const };
    const taken = tx
      .update(letterCodes)
      .set({ usedAt: now, usedBy: userId })
      .where(and(eq(letterCodes.id, stored.id), isNull(letterCodes.usedAt)))
      .run().changes;
    if (taken === 0) return { ok: false as const, reason: "code-used" as const };
    const verificationId = markVerified(tx, userId, { postcode: stored.postcode, birthDate: input.birthDate, now }, { method: "letter-code", letterCodeId: stored.id });
    recordAudit(tx, {
      actorId: userId,
      action: "resident.verify",
      entityType: "user",
      entityId: userId,
      after: { method: "letter-code", postcode: stored.postcode, verification: verificationId, batch: stored.batch },
    });
    return { ok: true as const, postcode: stored.postcode };
  });
}

/** Download-my-data and account deletion: the verifications, and the date of birth on the account. */
export const residentsPersonalData: PersonalDataSource = {
  name: "residentVerifications",
  collect: (reader, userId) => ({
    birthDate: reader.select({ birthDate: users.birthDate }).from(users).where(eq(users.id, userId)).get()?.birthDate ?? null,
    verifications: reader
      .select(verificationFacts)
      .from(residentVerifications)
      .where(eq(residentVerifications.userId, userId))
      .all(),
  }),
  // One row: the date of birth goes with the account, at once.
  hideAtOnce: (tx, { userId }) => {
    tx.update(users).set({ residentVerifiedAt: null, birthDate: null }).where(eq(users.id, userId)).run();
  },
  erasure: [
    untilNoneLeft("resident-verifications", (tx, { userId }, size) =>
      tx
        .delete(residentVerifications)
        .where(inArray(residentVerifications.id, tx.select({ id: residentVerifications.id }).from(residentVerifications).where(eq(residentVerifications.userId, userId)).limit(size)))
        .run().changes,
    ),
    untilNoneLeft("letter-codes-used", (tx, { userId }, size) =>
      tx
        .update(letterCodes)
        .set({ usedBy: null })
        .where(inArray(letterCodes.id, tx.select({ id: letterCodes.id }).from(letterCodes).where(eq(letterCodes.usedBy, userId)).limit(size)))
        .run().changes,
    ),
  ],
};
