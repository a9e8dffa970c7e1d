// Signing a petition: a resident with one click, a guest through an emailed link, withdrawing, and
// anonymising signatures some months after the close. A signature counts in the transaction that
// confirms it, with the denormalised counters and the thresholds it crosses.
import { neighbourhoodForPostcode } from "~/modules/residents/residents.server";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { signatures, topics } from "#db/schema";
import type { Locale, MessageKey } from "~/i18n";
import { countSupport, uncountSupport } from "~/modules/support/support.counts.server";
import type { SupportThresholds } from "~/modules/support/support.policy";
import { getSetting } from "~/modules/settings/settings.server";
import { db, sqlite, writeTogether, writeWhenFree, type Tx } from "~/utils/db.server";
import { canonicalEmail } from "~/utils/email-address";
import { enqueueEmail } from "~/utils/email.server";
import { inBatches, JOB_BATCH } from "~/utils/jobs.yield";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { hashToken, isPlausibleToken, newToken } from "~/utils/tokens.server";
import { CONFIRMATION_LINK_DAYS, isConfirmationExpired, isSignable, thresholdList, transition } from "./petitions.rules";
import { mailingKey } from "./petitions.mailings.server";
import {
  absolute,
  clerkIds,
  fail,
  findPetition,
  petitionTimeline,
  publicTitle,
  stateOf,
  tell,
  writeState,
  type Failure,
  type PetitionActor,
  type PetitionRecord,
  type Result,
} from "./petitions.server";

// The statements every signature runs, prepared once (drizzle would build and prepare each
// statement again on every call, which was most of the cost of signing).
let prepared: ReturnType<typeof prepareSigning> | undefined;
function prepareSigning() {
  const raw = sqlite();
  return {
    signer: raw.prepare<[string], { email: string | null; email_canonical: string | null; display_name: string; postcode: string | null; locale: Locale }>(
      "SELECT email, email_canonical, display_name, postcode, locale FROM users WHERE id = ?",
    ),
    insertConfirmed: raw.prepare<
      [{ topicId: number; userId: string; name: string; email: string; emailCanonical: string; postcode: string | null; neighbourhoodId: number | null; showName: 0 | 1; locale: Locale; now: number }],
      { id: number }
    >(
      `INSERT INTO signatures (topic_id, user_id, name, email, email_canonical, postcode, neighbourhood_id, show_name, status, locale, created_at, confirmed_at)
       VALUES (@topicId, @userId, @name, @email, @emailCanonical, @postcode, @neighbourhoodId, @showName, 'confirmed', @locale, @now, @now)
       ON CONFLICT DO NOTHING RETURNING id`,
    ),
    // Whether this person's signature already counts: a repeat is the same request, answered
    // "already signed" before the rate limit is counted (issue 9 point 20).
    counted: raw.prepare<[number, string], { one: 1 }>(
      "SELECT 1 AS one FROM signatures WHERE topic_id = ? AND email_canonical = ? AND status = 'confirmed'",
    ),
    // A resident without a postcode on their account gives one when signing: it is kept there
    // (only when the account still has none), in the signature's own transaction.
    savePostcode: raw.prepare<[string, string]>("UPDATE users SET postcode = ? WHERE id = ? AND postcode IS NULL"),
  };
}
const statements = () => (prepared ??= prepareSigning());


/**
 * The petition's thresholds as the support module counts them: the response and the debate
 * threshold in force since publication, each reached once. Reaching one moves the petition on
 * through its rules and tells the clerks; the support module records the event, whose notice
 * reaches every signer (in batches), followers and the petitioner.
 */
export const petitionThresholds: SupportThresholds<PetitionRecord> = {
  of: (p) => thresholdList(p, { response: p.responseThreshold, debate: p.debateThreshold }),
  reached(tx, p, { name, at }, now) {
    // Read again: when one signature reaches both, the second sees the status the first wrote.
    const current = findPetition(p.id) ?? p;
    const isResponse = name === "response";
    const result = transition(stateOf(current), { type: isResponse ? "response-threshold-reached" : "debate-threshold-reached" }, { now });
    if (!result.ok) return false;
    writeState(tx, p.id, result.next, now);
    const data = { title: publicTitle(p), count: at };
    // The clerks have work to do: not the event's audience, a task of their own.
    tell(tx, p, clerkIds(tx), isResponse ? "petition.notification.clerk.responseDue" : "petition.notification.clerk.debateDue", data, mailingKey(p.id, `threshold-${name}-clerk`));
    // What the event's audience (signers, followers, the petitioner) is told, by the outcome service.
    return { type: isResponse ? "petition.notification.responseRequested" : "petition.notification.debateRequested", data };
  },
};

/** A signature counts: the support module moves the counters, and the thresholds reached move the petition on. */
function countSignature(tx: Tx, p: PetitionRecord, neighbourhoodId: number | null, now: Date, signerId: string | null): void {
  countSupport(tx, petitionThresholds, p, { topicId: p.id, neighbourhoodId, countedAt: now, now, supporterId: signerId });
}

export function signabilityProblem(p: PetitionRecord, now: Date): Failure | null {
  if (p.hidden || !p.isPublic) return fail("petition.error.notFound");
  if (p.status === "rejected") return fail("petition.error.signRejected");
  if (!isSignable(p, now)) return fail("petition.error.signClosed");
  return null;
}

/** The neighbourhood for a postcode, or a refusal when the municipality does not take outside signatures. */
function placeSigner(postcode: string | null): { ok: true; neighbourhoodId: number | null } | Failure {
  if (!postcode) return { ok: true, neighbourhoodId: null };
  const neighbourhoodId = neighbourhoodForPostcode(postcode);
  if (neighbourhoodId === null && !getSetting("petitionAcceptOutsidePostcodes")) return fail("petition.error.outsideMunicipality", "postcode");
  return { ok: true, neighbourhoodId };
}

interface ResidentSigner {
  email: string;
  emailCanonical: string;
  name: string;
  postcode: string;
  locale: Locale;
  neighbourhoodId: number | null;
  /** The postcode was given with this signature and the account had none: keep it on the account. */
  savePostcode: boolean;
}

/**
 * What a resident sends with a signature. A resident whose account has no postcode gives one
 * (normalised, "1234AB"), and with it declares that they live there; the account's own postcode
 * otherwise counts, and a postcode given next to it is ignored.
 */
export interface ResidentSignatureInput {
  showName: boolean;
  postcode?: string;
}

/** The postcode on a person's account ("1234AB"), or null when they never gave one. */
export function accountPostcode(userId: string): string | null {
  return statements().signer.get(userId)?.postcode ?? null;
}

/**
 * Who is signing, from their account: refused when they may not sign (blocked, unconfirmed email),
 * when there is no postcode at all (a signature always declares residence at a postcode, so the
 * neighbourhood counts add up to the total), or when the postcode lies outside the municipality
 * and the setting does not take those.
 */
function residentSigner(actor: PetitionActor, input: ResidentSignatureInput): ({ ok: true } & ResidentSigner) | Failure {
  if (actor.blocked) return fail("petition.error.blocked");
  if (!actor.emailVerified) return fail("petition.error.confirmEmailFirst");
  const signer = statements().signer.get(actor.id);
  if (!signer?.email) return fail("petition.error.confirmEmailFirst");
  const postcode = signer.postcode ?? input.postcode ?? null;
  if (!postcode) return fail("petition.error.postcodeRequired", "postcode");
  const place = placeSigner(postcode);
  if (!place.ok) return place;
  return {
    ok: true,
    email: signer.email,
    emailCanonical: signer.email_canonical ?? canonicalEmail(signer.email),
    name: signer.display_name,
    postcode,
    locale: signer.locale,
    neighbourhoodId: place.neighbourhoodId,
    savePostcode: !signer.postcode,
  };
}

/** The writes of a resident's signature, inside the caller's transaction. */
function countResidentSignature(
  tx: Tx,
  actor: PetitionActor,
  topicId: number,
  signer: ResidentSigner,
  input: ResidentSignatureInput,
  now: Date,
): Result<{ already: boolean }> {
  // The petition is read once, inside the transaction that counts the signature.
  const current = findPetition(topicId);
  if (!current) return fail("petition.error.notFound");
  const problem = signabilityProblem(current, now);
  if (problem) return problem;
  const { emailCanonical } = signer;
  if (statements().counted.get(topicId, emailCanonical)) return { ok: true, already: true };
  // Counted in the signature's own transaction: one commit per signature, not two.
  if (!hitRateLimit(RATE_LIMITS.signPerEmail, `user:${actor.id}`, now.getTime())) return fail("form.rateLimited");
  if (signer.savePostcode) statements().savePostcode.run(signer.postcode, actor.id);
  const inserted = statements().insertConfirmed.get({
    topicId, userId: actor.id, name: signer.name, email: signer.email, emailCanonical,
    postcode: signer.postcode, neighbourhoodId: signer.neighbourhoodId, showName: input.showName ? 1 : 0,
    locale: signer.locale, now: now.getTime(),
  });
  if (!inserted) {
    const existing = tx
      .select({ id: signatures.id, status: signatures.status })
      .from(signatures)
      .where(and(eq(signatures.topicId, topicId), eq(signatures.emailCanonical, emailCanonical)))
      .get();
    if (!existing || existing.status === "confirmed") return { ok: true, already: true };
    // Only the request that flips the row counts it. What the row said about its signer (a pending
    // guest row was typed by whoever knew the address; a withdrawn one was blanked) is replaced by
    // the account's own details: only those may appear on the page and in the neighbourhood counts.
    const flipped = tx
      .update(signatures)
      .set({
        status: "confirmed", userId: actor.id, name: signer.name, email: signer.email, postcode: signer.postcode,
        neighbourhoodId: signer.neighbourhoodId, locale: signer.locale, showName: input.showName,
        confirmedAt: now, withdrawnAt: null, tokenHash: null,
      })
      .where(and(eq(signatures.id, existing.id), eq(signatures.status, existing.status)))
      .run();
    if (flipped.changes === 0) return { ok: true, already: true };
  }
  countSignature(tx, current, signer.neighbourhoodId, now, actor.id);
  return { ok: true, already: false };
}

/**
 * A signed-in resident signs with one click; it counts at once. Signing again is the same request.
 * A pending guest signature with their address is confirmed; a withdrawn one counts again. A
 * resident without a postcode on their account gives one, which is kept on the account.
 */
export async function signPetitionAsResident(
  actor: PetitionActor,
  topicId: number,
  input: ResidentSignatureInput,
  now = new Date(),
): Promise<Result<{ already: boolean }>> {
  const signer = residentSigner(actor, input);
  if (!signer.ok) return signer;
  return writeWhenFree((tx) => countResidentSignature(tx, actor, topicId, signer, input, now));
}

/**
 * The same signature, committed together with the others that arrive in the same moment (group
 * commit, see writeTogether): what the one-click button uses, where a viral petition brings
 * hundreds at once. Resolves after the commit.
 */
export function signPetitionAsResidentTogether(
  actor: PetitionActor,
  topicId: number,
  input: ResidentSignatureInput,
): Promise<Result<{ already: boolean }>> {
  const signer = residentSigner(actor, input);
  if (!signer.ok) return Promise.resolve(signer);
  return writeTogether((tx) => countResidentSignature(tx, actor, topicId, signer, input, new Date()));
}

/**
 * A guest signs: a pending signature and a confirmation email. Whether the address had signed
 * before changes nothing in the answer (no one can learn who signed), and nothing is sent again to
 * a confirmed signer; a pending one gets a new link at most once an hour.
 */
export async function signPetitionAsGuest(
  input: { topicId: number; name: string; email: string; postcode: string; showName: boolean; locale: Locale; ip: string },
  now = new Date(),
): Promise<Result> {
  const p = findPetition(input.topicId);
  if (!p) return fail("petition.error.notFound");
  const problem = signabilityProblem(p, now);
  if (problem) return problem;
  const place = placeSigner(input.postcode);
  if (!place.ok) return place;
  const emailCanonical = canonicalEmail(input.email);
  return writeWhenFree((tx): Result => {
    // The attempts are counted in the same wait for the lock (and kept when the signature is refused).
    if (!hitRateLimit(RATE_LIMITS.signPerIp, input.ip, now.getTime())) return fail("form.rateLimited");
    if (!hitRateLimit(RATE_LIMITS.signPerEmail, emailCanonical, now.getTime())) return fail("form.rateLimited");
    const token = newToken();
    const inserted = tx
      .insert(signatures)
      .values({
        topicId: input.topicId, userId: null, name: input.name, email: input.email, emailCanonical,
        postcode: input.postcode, neighbourhoodId: place.neighbourhoodId, showName: input.showName,
        status: "pending", locale: input.locale, tokenHash: hashToken(token), confirmationSentAt: now, createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: signatures.id })
      .get();
    if (inserted) {
      sendConfirmation(tx, p, inserted.id, token, input);
      return { ok: true };
    }
    const existing = tx
      .select({ id: signatures.id, status: signatures.status, sentAt: signatures.confirmationSentAt })
      .from(signatures)
      .where(and(eq(signatures.topicId, input.topicId), eq(signatures.emailCanonical, emailCanonical)))
      .get();
    const hourAgo = now.getTime() - 60 * 60_000;
    if (existing?.status === "pending" && (!existing.sentAt || existing.sentAt.getTime() <= hourAgo)) {
      const resent = tx
        .update(signatures)
        .set({ tokenHash: hashToken(token), confirmationSentAt: now })
        .where(and(eq(signatures.id, existing.id), eq(signatures.status, "pending"), existing.sentAt ? eq(signatures.confirmationSentAt, existing.sentAt) : isNull(signatures.confirmationSentAt)))
        .run();
      if (resent.changes === 1) sendConfirmation(tx, p, existing.id, token, input, now);
    }
    return { ok: true };
  });
}

function sendConfirmation(
  tx: Tx,
  p: PetitionRecord,
  signatureId: number,
  token: string,
  to: { email: string; name: string; locale: Locale },
  resentAt?: Date,
) {
  enqueueEmail(tx, {
    to: to.email,
    locale: to.locale,
    name: to.name,
    subject: "petition.email.confirm.subject",
    params: { title: publicTitle(p, to.locale) },
    paragraphs: [
      ["petition.email.confirm.intro"],
      ["petition.email.confirm.ignore", { days: CONFIRMATION_LINK_DAYS }],
      // A guest has no profile: this private link is where they manage the signature later.
      ["petition.email.confirm.manage", { url: absolute(`/petitions/signature/${token}`) }],
    ],
    action: { label: "petition.email.confirm.action", url: absolute(`/petitions/confirm/${token}`) },
    dedupeKey: `petition-confirm:${signatureId}:${resentAt ? resentAt.getTime() : 0}`,
    topicId: p.id,
    requested: true,
  });
}

type PendingConfirmation = {
  ok: true;
  signature: { id: number; topicId: number; neighbourhoodId: number | null };
  petition: PetitionRecord;
  already: boolean;
};

/**
 * What a confirmation link points at, read and never written: its signature and petition, whether
 * it counts already, or why it cannot be confirmed. A malformed token reads nothing at all; a
 * pending signature's link expires CONFIRMATION_LINK_DAYS after it was sent (the job then deletes it).
 */
function readConfirmation(token: string, now: Date): PendingConfirmation | Failure {
  if (!isPlausibleToken(token)) return fail("petition.error.invalidLink");
  const signature = db
    .select({
      id: signatures.id, topicId: signatures.topicId, neighbourhoodId: signatures.neighbourhoodId, status: signatures.status,
      confirmationSentAt: signatures.confirmationSentAt, createdAt: signatures.createdAt,
    })
    .from(signatures)
    .where(eq(signatures.tokenHash, hashToken(token)))
    .get();
  if (!signature) return fail("petition.error.invalidLink");
  const petition = findPetition(signature.topicId);
  if (!petition) return fail("petition.error.invalidLink");
  if (signature.status === "confirmed") return { ok: true, signature, petition, already: true };
  if (signature.status !== "pending") return fail("petition.error.invalidLink");
  if (isConfirmationExpired(signature, now)) return fail("petition.error.linkExpired");
  const problem = signabilityProblem(petition, now);
  if (problem) return problem.reason === "petition.error.notFound" ? fail("petition.error.invalidLink") : problem;
  return { ok: true, signature, petition, already: false };
}

/**
 * The page an emailed link opens: which petition the signature is for (its public title, nothing
 * about the signer, since whoever holds the link sees it), without confirming anything. Mail
 * filters that follow every link change nothing; only the button (confirmSignature) counts.
 */
export function findSignatureConfirmation(
  token: string,
  locale: Locale,
  now = new Date(),
): Result<{ topicId: number; title: string; already: boolean }> {
  const found = readConfirmation(token, now);
  if (!found.ok) return found;
  return { ok: true, topicId: found.petition.id, title: publicTitle(found.petition, locale), already: found.already };
}

/**
 * The button on the link's page was pressed: the pending signature counts. Pressing it twice, or
 * twice at once, counts once: only the UPDATE that finds it still pending bumps the counters.
 */
export async function confirmSignature(token: string, now = new Date()): Promise<Result<{ topicId: number; already: boolean }>> {
  const found = readConfirmation(token, now);
  if (!found.ok) return found;
  const { signature } = found;
  if (found.already) return { ok: true, topicId: signature.topicId, already: true };
  return writeWhenFree((tx): Result<{ topicId: number; already: boolean }> => {
    const flipped = tx
      .update(signatures)
      .set({ status: "confirmed", confirmedAt: now })
      .where(and(eq(signatures.id, signature.id), eq(signatures.status, "pending")))
      .run();
    if (flipped.changes === 0) {
      // Another press counted it first, or the expiry job deleted it in between.
      const row = tx.select({ status: signatures.status }).from(signatures).where(eq(signatures.id, signature.id)).get();
      return row?.status === "confirmed" ? { ok: true, topicId: signature.topicId, already: true } : fail("petition.error.linkExpired");
    }
    // A guest signs without an account: nothing to list on a participation page.
    countSignature(tx, findPetition(signature.topicId)!, signature.neighbourhoodId, now, null);
    return { ok: true, topicId: signature.topicId, already: false };
  });
}

/**
 * A signed-in signer takes their signature back while the petition is still collecting: it stops
 * counting, and their name, address and postcode are erased in the same transaction.
 */
export async function withdrawSignature(actor: PetitionActor, topicId: number, now = new Date()): Promise<Result<{ already: boolean }>> {
  const p = findPetition(topicId);
  if (!p) return fail("petition.error.notFound");
  if (signabilityProblem(p, now)) return fail("petition.error.withdrawClosed");
  return writeWhenFree((tx): Result<{ already: boolean }> => {
    const sig = tx
      .select({ id: signatures.id, confirmedAt: signatures.confirmedAt, neighbourhoodId: signatures.neighbourhoodId })
      .from(signatures)
      .where(and(eq(signatures.topicId, topicId), eq(signatures.userId, actor.id), eq(signatures.status, "confirmed")))
      .get();
    if (!sig) return { ok: true, already: true };
    // The personal details go at once; the row keeps the account id and canonical address (the
    // account's own, which the id points to anyway), so signing again finds this one row and the
    // one-signature-per-person index still holds; the neighbourhood and dates keep the counts right.
    const flipped = tx
      .update(signatures)
      .set({ status: "withdrawn", withdrawnAt: now, name: null, email: null, postcode: null, showName: false, tokenHash: null })
      .where(and(eq(signatures.id, sig.id), eq(signatures.status, "confirmed")))
      .run();
    if (flipped.changes === 0) return { ok: true, already: true };
    uncountSupport(tx, { topicId, neighbourhoodId: sig.neighbourhoodId, countedAt: sig.confirmedAt ?? now, now, supporterId: actor.id });
    return { ok: true, already: false };
  });
}

/**
 * Pending signatures whose confirmation link expired (CONFIRMATION_LINK_DAYS after it was sent) are
 * deleted: a stranger's name, address and postcode, typed by whoever knew them, never counted, so
 * no counter moves. Read through the index of pending signatures by expiry, so a run reads only
 * what it deletes (never every petition), at most JOB_BATCH rows per transaction, giving way between
 * them; what a stopped run leaves, the next one finds. Returns how many.
 */
export async function deleteExpiredSignatures(now = new Date()): Promise<number> {
  const cutoff = now.getTime() - CONFIRMATION_LINK_DAYS * 86_400_000;
  // Written as the partial index is (status = 'pending' literally, the same coalesce), or SQLite does not use it.
  const expired = sql`${signatures.status} = 'pending' AND coalesce(${signatures.confirmationSentAt}, ${signatures.createdAt}) <= ${cutoff}`;
  return inBatches((size) =>
    db.transaction((tx) => {
      const batch = tx.select({ id: signatures.id }).from(signatures).where(expired).limit(size).all().map((row) => row.id);
      if (batch.length === 0) return 0;
      tx.delete(signatures).where(and(inArray(signatures.id, batch), eq(signatures.status, "pending"))).run();
      return batch.length;
    }),
  );
}
