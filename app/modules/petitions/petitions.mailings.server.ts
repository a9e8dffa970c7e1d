// The council's response and the debate outcome reach every signer, without holding SQLite's write
// lock for as long as that takes. The decision's transaction writes one petition_mailings row and
// tells the account holders who did not sign (followers, the petitioner); a job then works through
// the signers in batches, each batch one transaction that enqueues the emails, gives signers with
// an account their in-app notice and advances the cursor. A crash rolls back at most one batch,
// which the next run does again; nobody is mailed twice and nobody is skipped.
import { and, asc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { outcomes, petitionMailings, signatures, topics, type MailingKind } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { followerIds } from "~/modules/topics/topics.server";
import { db, type Tx } from "~/utils/db.server";
import { enqueueEmail } from "~/utils/email.server";
import { absolute, findPetition, link, publicTitle, tell, type PetitionRecord } from "./petitions.server";

/** Signatures per batch transaction: about 60 ms of write lock on this machine. */
export const MAILING_BATCH = 500;

const NOTICE: Record<MailingKind, MessageKey> = {
  response: "petition.notification.responded",
  debate: "petition.notification.debated",
};
const SUBJECT: Record<MailingKind, MessageKey> = {
  response: "petition.email.response.subject",
  debate: "petition.email.debate.subject",
};
const INTRO: Record<MailingKind, MessageKey> = {
  response: "petition.email.response.intro",
  debate: "petition.email.debate.intro",
};

/** One key per petition and kind: an account holder's email and notice share it, so they get one mail. */
const eventKey = (topicId: number, kind: MailingKind) => `petition-${kind}:${topicId}`;

/** Which of these people have a signature the fan-out will reach (confirmed, at most upTo). */
function signersAmong(tx: Tx, topicId: number, userIds: string[], upTo: number): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = tx
      .select({ id: signatures.userId })
      .from(signatures)
      .where(and(eq(signatures.topicId, topicId), eq(signatures.status, "confirmed"), lte(signatures.id, upTo), inArray(signatures.userId, userIds.slice(i, i + 500))))
      .all();
    for (const r of rows) found.add(r.id!);
  }
  return found;
}

/**
 * In the decision's transaction: records the fan-out and tells the account holders who did not
 * sign. Signers are the fan-out's: it mails each of them the text and gives account holders their
 * notice then. Nothing about a hidden petition goes out.
 */
export function startSignerMailing(
  tx: Tx,
  p: PetitionRecord,
  decision: { kind: MailingKind; outcomeId: number; actorId: string; now: Date },
): void {
  if (p.hidden) return;
  // The highest id of any signature bounds this petition's too, and SQLite reads it off the rowid at once.
  const upTo = tx.select({ id: sql<number | null>`max(${signatures.id})` }).from(signatures).get()?.id ?? 0;
  tx.insert(petitionMailings)
    .values({
      topicId: p.id,
      kind: decision.kind,
      outcomeId: decision.outcomeId,
      actorId: decision.actorId,
      upToSignatureId: upTo,
      createdAt: decision.now,
      completedAt: upTo === 0 ? decision.now : null,
    })
    .onConflictDoNothing()
    .run();
  const followers = followerIds(tx, p.id).filter((id) => id !== decision.actorId);
  const people = [...followers, ...(p.authorId ? [p.authorId] : [])];
  const signers = signersAmong(tx, p.id, people, upTo);
  tell(tx, p, people.filter((id) => !signers.has(id)), NOTICE[decision.kind], { title: publicTitle(p) }, eventKey(p.id, decision.kind));
}

export interface MailingBatch {
  mailingId: number;
  topicId: number;
  /** Signatures handled in this batch. */
  handled: number;
  done: boolean;
}

/**
 * Handles the next batch of the oldest pending fan-out, in one transaction: enqueues the email to
 * each signer (with the same per-signature dedupe keys as ever), notifies those with an account and
 * advances the cursor. Only signatures that counted when the decision was recorded are mailed: id at
 * most upToSignatureId and confirmed no later than the decision. A fan-out on a petition that is
 * hidden now waits until it is restored. Returns null when nothing is pending.
 */
export function mailSignersBatch(limit = MAILING_BATCH, now = new Date()): MailingBatch | null {
  return db.transaction((tx): MailingBatch | null => {
    const mailing = tx
      .select({
        id: petitionMailings.id, topicId: petitionMailings.topicId, kind: petitionMailings.kind, outcomeId: petitionMailings.outcomeId,
        actorId: petitionMailings.actorId, upTo: petitionMailings.upToSignatureId, cursor: petitionMailings.lastSignatureId, decidedAt: petitionMailings.createdAt,
      })
      .from(petitionMailings)
      .innerJoin(topics, eq(topics.id, petitionMailings.topicId))
      .where(and(isNull(petitionMailings.completedAt), eq(topics.hidden, false)))
      .orderBy(asc(petitionMailings.id))
      .limit(1)
      .get();
    if (!mailing) return null;
    const p = findPetition(mailing.topicId, tx);
    const outcome = tx.select({ body: outcomes.body, responsibleBody: outcomes.responsibleBody }).from(outcomes).where(eq(outcomes.id, mailing.outcomeId)).get();
    const rows =
      p && outcome
        ? tx
            .select({ id: signatures.id, userId: signatures.userId, email: signatures.email, name: signatures.name, locale: signatures.locale })
            .from(signatures)
            .where(
              and(
                eq(signatures.topicId, mailing.topicId),
                eq(signatures.status, "confirmed"),
                gt(signatures.id, mailing.cursor),
                lte(signatures.id, mailing.upTo),
                lte(signatures.confirmedAt, mailing.decidedAt),
              ),
            )
            .orderBy(asc(signatures.id))
            .limit(limit)
            .all()
        : [];
    const done = rows.length < limit;
    const key = eventKey(mailing.topicId, mailing.kind);
    if (p && outcome) {
      for (const s of rows) {
        if (!s.email) continue;
        enqueueEmail(tx, {
          to: s.email,
          locale: s.locale,
          name: s.name,
          subject: SUBJECT[mailing.kind],
          params: { title: publicTitle(p, s.locale), body: outcome.responsibleBody ?? "" },
          paragraphs: [[INTRO[mailing.kind]], ["petition.email.outcome.text", { text: outcome.body }]],
          action: { label: "petition.email.outcome.action", url: absolute(link(p.id)) },
          dedupeKey: s.userId ? `${key}:${s.userId}` : `${key}:sig-${s.id}`,
        });
      }
      // After the emails: notify()'s own mail has the same key, so it adds none for these signers.
      const accounts = rows.flatMap((s) => (s.userId && s.userId !== mailing.actorId ? [s.userId] : []));
      tell(tx, p, accounts, NOTICE[mailing.kind], { title: publicTitle(p) }, key);
    }
    const advanced = tx
      .update(petitionMailings)
      .set({
        lastSignatureId: done ? mailing.upTo : rows[rows.length - 1]!.id,
        mailedCount: sql`${petitionMailings.mailedCount} + ${rows.length}`,
        completedAt: done ? now : null,
      })
      .where(and(eq(petitionMailings.id, mailing.id), eq(petitionMailings.lastSignatureId, mailing.cursor)))
      .run();
    // Another worker moved the cursor first: undo this batch rather than mail it twice.
    if (advanced.changes === 0) throw new Error(`petition mailing ${mailing.id}: cursor moved by another worker`);
    return { mailingId: mailing.id, topicId: mailing.topicId, handled: rows.length, done };
  });
}

/**
 * The job: works through pending fan-outs batch by batch for at most budgetMs, giving the event
 * loop back between batches so requests served by this process are not held up. Returns how many
 * signatures it handled; what is left waits for the next run.
 */
export async function sendSignerMailings(now = new Date(), budgetMs = 2_000): Promise<number> {
  const started = Date.now();
  let handled = 0;
  do {
    const batch = mailSignersBatch(MAILING_BATCH, now);
    if (!batch) break;
    handled += batch.handled;
    await new Promise((resolve) => setImmediate(resolve));
  } while (Date.now() - started < budgetMs);
  return handled;
}
