import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { jobRuns, notificationPreferences, notifications, topics, users } from "#db/schema";
import { isMessageKey, translator } from "~/i18n";
import { db, type DB, type Tx } from "~/utils/db.server";
import { enqueueEmail } from "~/utils/email.server";
import { env } from "~/utils/env.server";
import type { Job } from "~/utils/jobs.server";
import { localDayAndHour } from "~/utils/local-time";
import { SLICE_MS, yieldEvery } from "~/utils/jobs.yield";
import { nextDigestStep, noticeData, type DigestRecord } from "./notifications.rules";
import { noticeActorColumns, noticeActors, visibleNotice } from "./notifications.server";
import { noticeText } from "./notice-format";

const MINUTE = 60_000;
/** People read at a time from the notices pending for the digest. */
const DIGEST_PEOPLE_PAGE = 500;

/**
 * Where the digest keeps its state: two rows of job_runs (the job runner's own table), apart from
 * the runner's row for the job, which moves on every 15 minutes. `lastRunAt` of the first is when
 * the last digest started (its cutoff); of the second, the start of the last digest sent to all.
 */
export const DIGEST_STARTED = "daily-digest:started";
export const DIGEST_FINISHED = "daily-digest:finished";

function record(tx: DB | Tx, name: string, at: Date): void {
  tx.insert(jobRuns)
    .values({ name, lastRunAt: at, lastError: null })
    .onConflictDoUpdate({ target: jobRuns.name, set: { lastRunAt: at, lastError: null } })
    .run();
}

function digestRecord(tx: DB | Tx): DigestRecord {
  const at = (name: string) => tx.select({ at: jobRuns.lastRunAt }).from(jobRuns).where(eq(jobRuns.name, name)).get()?.at ?? null;
  return { startedAt: at(DIGEST_STARTED), finishedFor: at(DIGEST_FINISHED) };
}

/**
 * Decides, inside one write transaction, which digest to send now, and records a new one as
 * started before anyone is mailed: two processes cannot both start the same day's digest, and
 * a restart finds it. Returns the digest's cutoff, or null when none is due.
 */
function claimDigest(now: Date): Date | null {
  return db.transaction((tx) => {
    const step = nextDigestStep(now, digestRecord(tx));
    if (step.kind === "wait") return null;
    if (step.kind === "resume") return step.startedAt;
    record(tx, DIGEST_STARTED, now);
    return now;
  });
}

/**
 * Mails one person their digest of what was pending up to the cutoff, and marks it sent, in one
 * transaction. The pending notices are read inside it, so a second run (or process) finds none.
 * The dedupe key (person and day) lets the outbox hold at most one digest a day per person.
 * Notices about a hidden topic stay out and stay pending: they go in a later digest if it is restored.
 */
function sendDigestTo(userId: string, cutoff: Date, day: string): boolean {
  return db.transaction((tx) => {
    const items = tx
      .select({ id: notifications.id, type: notifications.type, data: notifications.data, actor: noticeActorColumns })
      .from(notifications)
      .leftJoin(topics, eq(topics.id, notifications.topicId))
      .leftJoin(noticeActors, eq(noticeActors.id, notifications.actorId))
      .where(and(eq(notifications.userId, userId), sql`${notifications.digestPending} = 1`, lte(notifications.createdAt, cutoff), visibleNotice()))
      .orderBy(asc(notifications.createdAt), asc(notifications.id))
      .all();
    if (items.length === 0) return false;
    const person = tx.select().from(users).where(eq(users.id, userId)).get();
    let sent = false;
    // Still wanted as a digest: the general preference, or the digest chosen for some kind of event.
    const wantsDigest =
      person?.emailPreference === "digest" ||
      Boolean(tx.select({ one: notificationPreferences.userId }).from(notificationPreferences).where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.channel, "digest"))).get());
    if (person?.email && person.emailVerifiedAt && !person.deletedAt && wantsDigest) {
      const lines = items.filter((n) => isMessageKey(n.type)).map((n) => `- ${noticeText(translator(person.locale), n.type, noticeData(n.data, n.actor))}`);
      if (lines.length > 0) {
        enqueueEmail(tx, {
          to: person.email,
          locale: person.locale,
          name: person.displayName,
          subject: "notification.digest.subject",
          paragraphs: [["notification.digest.intro"], ["notification.digest.items", { items: lines.join("\n") }]],
          action: { label: "notification.open", url: `${env().BASE_URL}/inbox` },
          dedupeKey: `digest:${userId}:${day}`,
          account: true,
        });
        sent = true;
      }
    }
    const ids = items.map((n) => n.id);
    for (let i = 0; i < ids.length; i += 500) tx.update(notifications).set({ digestPending: false }).where(inArray(notifications.id, ids.slice(i, i + 500))).run();
    return sent;
  });
}

/** Sends the digest that started at `cutoff` to everyone with notices pending up to it, then records it finished. */
async function sendDigest(cutoff: Date): Promise<number> {
  const day = localDayAndHour(cutoff).day;
  let sent = 0;
  // The people with notices pending, a page at a time in the order of the partial index
  // notifications_digest_idx (user, date; `digest_pending = 1` written as the index is), so the job
  // never holds the whole list. One short transaction per person; between them the job gives
  // way, so a digest to 50,000 people never holds the write lock for more than a moment.
  for (let after = ""; ; ) {
    const people = db
      .selectDistinct({ userId: notifications.userId })
      .from(notifications)
      .leftJoin(topics, eq(topics.id, notifications.topicId))
      .where(and(sql`${notifications.digestPending} = 1`, gt(notifications.userId, after), lte(notifications.createdAt, cutoff), visibleNotice()))
      .orderBy(asc(notifications.userId))
      .limit(DIGEST_PEOPLE_PAGE)
      .all();
    for (const { userId } of people) {
      if (sendDigestTo(userId, cutoff, day)) sent++;
      await yieldEvery(SLICE_MS);
    }
    if (people.length < DIGEST_PEOPLE_PAGE) break;
    after = people.at(-1)!.userId;
  }
  db.transaction((tx) => {
    if (digestRecord(tx).startedAt?.getTime() === cutoff.getTime()) record(tx, DIGEST_FINISHED, cutoff);
  });
  return sent;
}

/**
 * The daily digest: once per calendar day in Amsterdam, at or after 07:00, each person who chose
 * the digest gets one email with what happened since the last one. Run it as often as you like
 * (every 15 minutes): it decides for itself whether a digest is due. An interrupted digest is
 * finished on the next run. Returns how many digests were mailed.
 */
export async function sendDailyDigest(now: Date): Promise<number> {
  let sent = 0;
  // At most twice: finish an interrupted digest, then start today's if that is due too.
  for (let round = 0; round < 2; round++) {
    const cutoff = claimDigest(now);
    if (!cutoff) break;
    sent += await sendDigest(cutoff);
  }
  return sent;
}

export const notificationJobs: Job[] = [{ name: "daily-digest", everyMs: 15 * MINUTE, run: (now) => sendDailyDigest(now) }];
