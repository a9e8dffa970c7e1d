// Every petition event that reaches all signers (the council's response and debate outcome, the
// debate scheduled, a threshold reached, a next step added or done, the close, a rejection after
// publication) does so without holding SQLite's write lock for as long as that takes. The event's
// transaction (the outcome service, topics/outcomes.server.ts) writes one petition_mailings row and
// tells the account holders who did not sign (followers, the petitioner: small audiences); a job
// then works through the signers in batches,
// each batch one transaction that enqueues the emails, gives signers with an account their in-app
// notice and advances the cursor. A crash rolls back at most one batch, which the next run does
// again; nobody is told twice and nobody is skipped.
import { and, asc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { outcomes, petitionMailings, signatures, topics, type PetitionMailingNotice } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { mailNotice } from "~/modules/notifications/notifications.server";
import { activeRecipients } from "~/modules/participation/recipients.server";
import { noticeKey } from "~/modules/topics/outcomes.server";
import type { SupporterMailing } from "~/modules/topics/topics.kinds.server";
import { db, type Tx } from "~/utils/db.server";
import { enqueueEmail } from "~/utils/email.server";
import { petitionKind } from "./petitions.kind";
import { absolute, findPetition, link, publicTitle, tell } from "./petitions.server";

/** Signatures per batch transaction: about 60 ms of write lock on this machine. */
export const MAILING_BATCH = 500;

/** The full email with the outcome's text, by the kind of outcome. */
const OUTCOME_EMAIL: Record<string, { subject: MessageKey; intro: MessageKey }> = {
  response: { subject: "petition.email.response.subject", intro: "petition.email.response.intro" },
  debate: { subject: "petition.email.debate.subject", intro: "petition.email.debate.intro" },
};

/** The dedupe key of an event's emails (see noticeKey in the outcome service). */
export const mailingKey = (topicId: number, eventKey: string): string => noticeKey(petitionKind.kind, topicId, eventKey);

/** Which of these people have a signature the fan-out will reach (confirmed, at most upTo). */
function signersAmong(tx: Tx, topicId: number, userIds: readonly string[], upTo: number): Set<string> {
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
 * The petition's supporters in the outcome service's audience: in the event's transaction, records
 * the fan-out (one petition_mailings row per event; a repeat records nothing) and answers which of
 * the accounts the service is about to tell are signers the fan-out reaches, so they hear it once.
 */
export const petitionSignerMailing: SupporterMailing = {
  start(tx, p, event, accounts) {
    if (p.hidden) return new Set();
    // The highest id of any signature bounds this petition's too, and SQLite reads it off the rowid at once.
    const upTo = tx.select({ id: sql<number | null>`max(${signatures.id})` }).from(signatures).get()?.id ?? 0;
    const notice: PetitionMailingNotice = {
      type: event.type,
      data: event.data,
      link: link(p.id),
      email: event.email,
      ...(event.exclude.length > 0 ? { exclude: [...event.exclude] } : {}),
    };
    tx.insert(petitionMailings)
      .values({
        topicId: p.id,
        eventKey: event.eventKey,
        notice,
        outcomeId: event.outcomeId ?? null,
        actorId: event.actorId,
        upToSignatureId: upTo,
        createdAt: event.at,
        completedAt: upTo === 0 ? event.at : null,
      })
      .onConflictDoNothing()
      .run();
    return signersAmong(tx, p.id, accounts, upTo);
  },
};

export interface MailingBatch {
  mailingId: number;
  topicId: number;
  /** Signatures handled in this batch. */
  handled: number;
  done: boolean;
}

type SignatureRow = { id: number; userId: string | null; email: string | null; name: string | null; locale: "nl" | "en" };

/**
 * Handles the next batch of the oldest pending fan-out, in one transaction: for an outcome, enqueues
 * the email with its text to each signer; notifies those with an account (inbox, and for a notice the
 * email by their preference) and mails a notice to guests, who have no inbox (issue 9 point 7: they
 * heard of the outcome but not of the debate scheduled or a next step); advances the cursor. Only
 * signatures that counted when the event happened are reached: id at most upToSignatureId and
 * confirmed no later than the event. A fan-out on a
 * petition that is hidden now waits until it is restored. Returns null when nothing is pending.
 */
export function mailSignersBatch(limit = MAILING_BATCH, now = new Date()): MailingBatch | null {
  return db.transaction((tx): MailingBatch | null => {
    const mailing = tx
      .select({
        id: petitionMailings.id, topicId: petitionMailings.topicId, eventKey: petitionMailings.eventKey, notice: petitionMailings.notice,
        outcomeId: petitionMailings.outcomeId, actorId: petitionMailings.actorId, upTo: petitionMailings.upToSignatureId,
        cursor: petitionMailings.lastSignatureId, happenedAt: petitionMailings.createdAt,
      })
      .from(petitionMailings)
      .innerJoin(topics, eq(topics.id, petitionMailings.topicId))
      .where(and(isNull(petitionMailings.completedAt), eq(topics.hidden, false)))
      .orderBy(asc(petitionMailings.id))
      .limit(1)
      .get();
    if (!mailing) return null;
    const { notice } = mailing;
    const p = findPetition(mailing.topicId);
    const outcome =
      notice.email === "outcome" && mailing.outcomeId !== null
        ? tx.select({ type: outcomes.type, body: outcomes.body, responsibleBody: outcomes.responsibleBody }).from(outcomes).where(eq(outcomes.id, mailing.outcomeId)).get()
        : undefined;
    const content = outcome ? OUTCOME_EMAIL[outcome.type] : undefined;
    const deliverable = Boolean(p && (notice.email === "notice" || (outcome && content)));
    const rows: SignatureRow[] = deliverable
      ? tx
          .select({ id: signatures.id, userId: signatures.userId, email: signatures.email, name: signatures.name, locale: signatures.locale })
          .from(signatures)
          .where(
            and(
              eq(signatures.topicId, mailing.topicId),
              eq(signatures.status, "confirmed"),
              gt(signatures.id, mailing.cursor),
              lte(signatures.id, mailing.upTo),
              lte(signatures.confirmedAt, mailing.happenedAt),
            ),
          )
          .orderBy(asc(signatures.id))
          .limit(limit)
          .all()
      : [];
    const done = rows.length < limit;
    const key = mailingKey(mailing.topicId, mailing.eventKey);
    if (p && deliverable) {
      // The one recipient filter: a signer whose account is blocked or deleted is not mailed either.
      const accountHolders = rows.flatMap((s) => (s.userId ? [s.userId] : []));
      const active = new Set(activeRecipients(tx, accountHolders, now));
      if (outcome && content) {
        for (const s of rows) {
          if (!s.email || (s.userId && !active.has(s.userId))) continue;
          enqueueEmail(tx, {
            to: s.email,
            locale: s.locale,
            name: s.name,
            subject: content.subject,
            params: { title: publicTitle(p, s.locale), body: outcome.responsibleBody ?? "" },
            paragraphs: [[content.intro], ["petition.email.outcome.text", { text: outcome.body }]],
            action: { label: "petition.email.outcome.action", url: absolute(link(p.id)) },
            dedupeKey: s.userId ? `${key}:${s.userId}` : `${key}:sig-${s.id}`,
            topicId: p.id,
            account: Boolean(s.userId),
          });
        }
      } else {
        // Guests hear of every step too, by email (they have no inbox); an unsubscribe stops it.
        const guestNotice = { type: notice.type as MessageKey, topicId: p.id, data: notice.data, link: notice.link };
        for (const s of rows) {
          if (s.userId || !s.email) continue;
          mailNotice(tx, { to: s.email, locale: s.locale, name: s.name, account: false }, guestNotice, `${key}:sig-${s.id}`);
        }
      }
      // After an outcome's emails: notify()'s own mail has the same key, so it adds none for these signers.
      const skip = new Set([...(notice.exclude ?? []), ...(mailing.actorId ? [mailing.actorId] : [])]);
      const accounts = accountHolders.filter((id) => active.has(id) && !skip.has(id));
      tell(tx, p, accounts, notice.type as MessageKey, notice.data, key);
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
    // Another worker moved the cursor first: undo this batch rather than tell anyone twice.
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
