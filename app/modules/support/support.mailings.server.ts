// Every event that reaches all supporters of a topic (the council's response, a threshold
// reached, a next step added or done, the close) does so without holding SQLite's write lock for
// as long as that takes. The event's transaction (the outcome service, topics/outcomes.server.ts)
// writes one support_mailings row and tells the account holders who do not support it
// (followers, the author: small audiences); a job then works
// through the supporters in batches, each batch one transaction that enqueues the emails, gives
// supporters with an account their in-app notice and advances the cursor. A crash rolls back at
// most one batch, which the next run does again; nobody is told twice and nobody is skipped. An
// unsubscribed address gets no email (enqueueEmail checks the opt-outs). Names no kind: the
// kind's SupportPolicy says where its supporters are and how its mail is worded.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { outcomes, supportMailings, topics, type NoticeCategory, type SupportMailingNotice } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { emailChannels, mailNotice, notify } from "~/modules/notifications/notifications.server";
import { kindServerManifest } from "~/modules/topics/topics.kinds.server";
import { activeRecipients } from "~/modules/participation/recipients.server";
import { db, type Tx } from "~/utils/db.server";
import { enqueueEmail } from "~/utils/email.server";
import { env } from "~/utils/env.server";
import { SLICE_MS, yieldEvery } from "~/utils/jobs.yield";
import type { SupportMailingWords, SupporterStore } from "./support.policy";

/**
 * Supporters per batch transaction: about 25 ms of write lock on this machine (each is a notice
 * and an email rendered in their language); 500 held it 60 ms, long enough to show in a signature's p99.
 */
export const MAILING_BATCH = 200;

/** What a mailing needs of a kind's policy. */
export type MailingPolicy = { supporters: SupporterStore; mailing: Pick<SupportMailingWords, "keyPrefix"> };

/**
 * The dedupe key of an event: "response" on topic 12 with prefix "p" is "p-response:12", and
 * "next-step-added:7" is "p-next-step-added:12:7". Each person's email is this plus
 * ":<userId>" (or ":sig-<id>" for a supporter without an account), so the notice's own mail and
 * the outcome email are one.
 */
export function supportMailingKey(prefix: string, topicId: number, eventKey: string): string {
  const [name, ...rest] = eventKey.split(":");
  return [`${prefix}-${name}`, topicId, ...rest].join(":");
}

export interface SupporterEvent {
  /** The event's key within its topic: "responded", "closed", "next-step-added:<stepId>", ... */
  eventKey: string;
  type: MessageKey;
  data: Record<string, string | number>;
  /** The topic's page, where the notice links. */
  link: string;
  /** "outcome" mails the outcome's full text to every supporter; "notice" the short notice by preference. */
  email: "outcome" | "notice";
  outcomeId?: number;
  /** Who caused it: not told of their own act (still mailed an outcome they supported). */
  actorId?: string | null;
  /** Others who hear of it in their own way (e.g. the author told why it was rejected). */
  exclude?: readonly string[];
  /** The kind of event, for each supporter's choice of channel. */
  category?: NoticeCategory;
  now: Date;
}

/**
 * In the event's transaction: records the mailing to every supporter (a repeat of the same event
 * records nothing) and answers which of `accounts` (the others the outcome service is about to
 * tell) are supporters the mailing reaches, so that they are told once. Nothing about a hidden topic.
 */
export function recordSupporterMailing(
  tx: Tx,
  policy: MailingPolicy,
  topic: { id: number; hidden: boolean },
  event: SupporterEvent,
  accounts: readonly string[],
): ReadonlySet<string> {
  if (topic.hidden) return new Set();
  const upTo = policy.supporters.lastId(tx);
  const exclude = [...(event.exclude ?? [])];
  const notice: SupportMailingNotice = {
    type: event.type,
    data: event.data,
    link: event.link,
    email: event.email,
    ...(exclude.length > 0 ? { exclude } : {}),
    ...(event.category ? { category: event.category } : {}),
  };
  tx.insert(supportMailings)
    .values({
      topicId: topic.id,
      eventKey: event.eventKey,
      notice,
      outcomeId: event.outcomeId ?? null,
      actorId: event.actorId ?? null,
      upToSupporterId: upTo,
      createdAt: event.now,
      completedAt: upTo === 0 ? event.now : null,
    })
    .onConflictDoNothing()
    .run();
  return policy.supporters.accountsAmong(tx, topic.id, [...accounts], upTo);
}

export interface MailingBatch {
  mailingId: number;
  topicId: number;
  /** Supporters handled in this batch. */
  handled: number;
  done: boolean;
}

/**
 * Handles the next batch of the oldest pending mailing, in one transaction: for an outcome,
 * enqueues the email with its text to each supporter; notifies those with an account (inbox, and
 * for a notice the email by their preference) and mails a notice to supporters without one, who
 * have no inbox; advances the cursor. Only support that counted when the event happened is
 * reached. A mailing about a topic that is hidden now waits until it is restored. Returns null
 * when nothing is pending.
 */
export function mailSupportersBatch(limit = MAILING_BATCH, now = new Date()): MailingBatch | null {
  return db.transaction((tx): MailingBatch | null => {
    const mailing = tx
      .select({
        id: supportMailings.id, topicId: supportMailings.topicId, kind: topics.kind, eventKey: supportMailings.eventKey,
        notice: supportMailings.notice, outcomeId: supportMailings.outcomeId, actorId: supportMailings.actorId,
        upTo: supportMailings.upToSupporterId, cursor: supportMailings.lastSupporterId, happenedAt: supportMailings.createdAt,
      })
      .from(supportMailings)
      .innerJoin(topics, eq(topics.id, supportMailings.topicId))
      .where(and(isNull(supportMailings.completedAt), eq(topics.hidden, false)))
      .orderBy(asc(supportMailings.id))
      .limit(1)
      .get();
    if (!mailing) return null;
    const { notice } = mailing;
    const policy = kindServerManifest(mailing.kind).support;
    const outcome =
      notice.email === "outcome" && mailing.outcomeId !== null
        ? tx.select({ type: outcomes.type, body: outcomes.body, responsibleBody: outcomes.responsibleBody }).from(outcomes).where(eq(outcomes.id, mailing.outcomeId)).get()
        : undefined;
    const words = outcome ? policy?.mailing.outcomeEmails[outcome.type] : undefined;
    const deliverable = Boolean(policy && (notice.email === "notice" || (outcome && words)));
    const rows = policy && deliverable
      ? policy.supporters.batch(tx, { topicId: mailing.topicId, after: mailing.cursor, upTo: mailing.upTo, countedBy: mailing.happenedAt, limit })
      : [];
    const done = rows.length < limit;
    if (policy && deliverable) {
      const key = supportMailingKey(policy.mailing.keyPrefix, mailing.topicId, mailing.eventKey);
      const url = `${env().BASE_URL}${notice.link}`;
      // The one recipient filter: a supporter whose account is blocked or deleted is not mailed either.
      const accountHolders = rows.flatMap((s) => (s.userId ? [s.userId] : []));
      const active = new Set(activeRecipients(tx, accountHolders, now));
      if (outcome && words) {
        // An account holder gets the full text only by the channel they chose for outcomes: the
        // digest carries its notice line, "off" the inbox alone. Guests have no choice but unsubscribing.
        const channels = emailChannels(tx, accountHolders, notice.category);
        for (const s of rows) {
          if (!s.email || (s.userId && !active.has(s.userId))) continue;
          if (s.userId && channels.get(s.userId) !== "immediate") continue;
          enqueueEmail(tx, {
            to: s.email,
            locale: s.locale,
            name: s.name,
            subject: words.subject,
            params: { title: policy.mailing.title(mailing.topicId, s.locale) ?? "", body: outcome.responsibleBody ?? "" },
            paragraphs: [[words.intro], [words.text, { text: outcome.body }]],
            action: { label: words.action, url },
            dedupeKey: s.userId ? `${key}:${s.userId}` : `${key}:sig-${s.id}`,
            topicId: mailing.topicId,
            account: Boolean(s.userId),
          });
        }
      } else {
        // Supporters without an account hear of every step too, by email (they have no inbox).
        const guestNotice = { type: notice.type as MessageKey, topicId: mailing.topicId, data: notice.data, link: notice.link };
        for (const s of rows) {
          if (s.userId || !s.email) continue;
          mailNotice(tx, { to: s.email, locale: s.locale, name: s.name, account: false }, guestNotice, `${key}:sig-${s.id}`);
        }
      }
      // After an outcome's emails: notify()'s own mail has the same key, so it adds none for these supporters.
      const skip = new Set([...(notice.exclude ?? []), ...(mailing.actorId ? [mailing.actorId] : [])]);
      const accounts = accountHolders.filter((id) => active.has(id) && !skip.has(id));
      notify(tx, accounts, { type: notice.type as MessageKey, topicId: mailing.topicId, data: notice.data, link: notice.link, eventKey: key, category: notice.category });
    }
    const advanced = tx
      .update(supportMailings)
      .set({
        lastSupporterId: done ? mailing.upTo : rows[rows.length - 1]!.id,
        mailedCount: sql`${supportMailings.mailedCount} + ${rows.length}`,
        completedAt: done ? now : null,
      })
      .where(and(eq(supportMailings.id, mailing.id), eq(supportMailings.lastSupporterId, mailing.cursor)))
      .run();
    // Another worker moved the cursor first: undo this batch rather than tell anyone twice.
    if (advanced.changes === 0) throw new Error(`support mailing ${mailing.id}: cursor moved by another worker`);
    return { mailingId: mailing.id, topicId: mailing.topicId, handled: rows.length, done };
  });
}

/**
 * The job: works through pending mailings batch by batch for at most budgetMs, giving way between
 * batches (the write lock to other processes' writers, the event loop to this one). Returns how many
 * supporters it handled; what is left waits for the next run.
 */
export async function sendSupporterMailings(now = new Date(), budgetMs = 2_000): Promise<number> {
  const started = Date.now();
  let handled = 0;
  do {
    const batch = mailSupportersBatch(MAILING_BATCH, now);
    if (!batch) break;
    handled += batch.handled;
    await yieldEvery(SLICE_MS);
  } while (Date.now() - started < budgetMs);
  return handled;
}
