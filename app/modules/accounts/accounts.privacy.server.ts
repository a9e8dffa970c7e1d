import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { accountErasures, emailOptOuts, emailOutbox, follows, notifications, rateLimits, topics } from "#db/schema";
import { eraseActorFromMail } from "~/modules/notifications/notifications.server";
import { moderationPersonalData } from "~/modules/participation/moderation.privacy.server";
import { residentsPersonalData } from "~/modules/residents/residents.server";
import { stancePersonalData } from "~/modules/support/support.stances.server";
import { supportPersonalData } from "~/modules/support/support.topics.server";
import { registeredServerKinds } from "~/modules/topics/topics.kinds.server";
import { participationPersonalData } from "~/modules/topics/participations.server";
import { authoredTopicsErasure } from "~/modules/topics/topics.privacy.server";
import { db, type Tx } from "~/utils/db.server";
import { canonicalEmail } from "~/utils/email-address";
import { BatchSize, JOB_BATCH, SLICE_MS, yieldEvery } from "~/utils/jobs.yield";
import { logger } from "~/utils/logger.server";
import { untilNoneLeft, type ErasedPerson, type ErasureStep, type PersonalDataSource } from "./personal-data";

/**
 * Every domain that keeps data about a person: collected for download-my-data, erased after deletion.
 * Each kind declares its source in its manifest (personalData); registered by app/kinds.server.ts.
 * Moderation (the core's) goes first: it finds the person's contributions by author, which the
 * kinds' sources then clear. The support module keeps the supporters of kinds without a table of
 * their own (supports); resident verification keeps the date of birth and how the person was checked.
 */
export function personalDataSources(): readonly PersonalDataSource[] {
  return [moderationPersonalData, supportPersonalData, stancePersonalData, residentsPersonalData, participationPersonalData, ...registeredServerKinds().map((kind) => kind.personalData)];
}

/** Mail that names the person (notices of their comments) names "deleted participant" instead. */
const mailNamingThem = untilNoneLeft("mail-naming-them", (tx, person, size) => eraseActorFromMail(tx, person.userId, person.displayName, size));

/** Their follows go, each lowering the topic's follower count in the same batch. */
const follows_ = untilNoneLeft("follows", (tx, { userId }, size) => {
  const followed = tx.select({ topicId: follows.topicId }).from(follows).where(eq(follows.userId, userId)).limit(size).all().map((f) => f.topicId);
  if (followed.length === 0) return 0;
  tx.update(topics).set({ followerCount: sql`max(${topics.followerCount} - 1, 0)` }).where(inArray(topics.id, followed)).run();
  tx.delete(follows).where(and(eq(follows.userId, userId), inArray(follows.topicId, followed))).run();
  return followed.length;
});

/** Their inbox. */
const inbox = untilNoneLeft("inbox", (tx, { userId }, size) =>
  tx.delete(notifications)
    .where(inArray(notifications.id, tx.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, userId)).limit(size)))
    .run().changes,
);

/** Outbox rows read per batch when looking for mail to the person's address (two short columns each). */
const ADDRESS_SCAN = 10_000;

/**
 * Mail to any form of their confirmed address (also a guest signature's "name+tag@" or Gmail's
 * dotted variant: the outbox keeps the address as typed, so every row is read, in id ranges,
 * `cursor` being the last id read); then the attempts counted against it and its opt-outs.
 * An address that was never confirmed may be someone else's: nothing is erased by it.
 */
const mailToThem: ErasureStep = {
  name: "mail-to-them",
  erase: (tx, { emailCanonical }, cursor) => {
    if (!emailCanonical) return { rows: 0, cursor: null };
    const read = tx
      .select({ id: emailOutbox.id, to: emailOutbox.toAddress })
      .from(emailOutbox)
      .where(gt(emailOutbox.id, cursor))
      .orderBy(asc(emailOutbox.id))
      .limit(ADDRESS_SCAN)
      .all();
    const theirs = read.filter((m) => canonicalEmail(m.to) === emailCanonical).map((m) => m.id);
    let rows = theirs.length ? tx.delete(emailOutbox).where(inArray(emailOutbox.id, theirs)).run().changes : 0;
    if (read.length === ADDRESS_SCAN) return { rows, cursor: read[read.length - 1]!.id };
    rows += tx.delete(rateLimits).where(sql`substr(${rateLimits.key}, ${-(emailCanonical.length + 1)}) = ${`:${emailCanonical}`}`).run().changes;
    // Nothing is mailed to an address the database no longer holds, so its opt-outs go too.
    rows += tx.delete(emailOptOuts).where(eq(emailOptOuts.addressCanonical, emailCanonical)).run().changes;
    return { rows, cursor: null };
  },
};

/**
 * The erasure of a deleted account, in order: the mail that names them first (delivery holds it
 * until then), the domains' sources (moderation first), the shared rule for the topics they
 * started, then their follows, inbox and the mail to their address.
 */
export function erasureSteps(): readonly ErasureStep[] {
  return [mailNamingThem, ...personalDataSources().flatMap((source) => source.erasure), authoredTopicsErasure, follows_, inbox, mailToThem];
}

/** Starts the erasure of an account deleted in the caller's transaction (its row must exist, deleted). */
export function requestErasure(tx: Tx, person: ErasedPerson, now: Date): void {
  tx.insert(accountErasures)
    .values({ userId: person.userId, displayName: person.displayName, emailCanonical: person.emailCanonical, requestedAt: now })
    .onConflictDoNothing()
    .run();
}

/** Whether the data of a deleted account is still being erased. */
export function erasurePending(userId: string): boolean {
  return Boolean(db.select({ userId: accountErasures.userId }).from(accountErasures).where(and(eq(accountErasures.userId, userId), isNull(accountErasures.finishedAt))).get());
}

/**
 * The job: works through the erasures still pending, oldest first, one batch per transaction
 * (at most `batchSize` rows), yielding between batches. Each batch stores the step and cursor it
 * reached in the same transaction as its changes, so a run stopped anywhere goes on where the last
 * committed batch ended, and no batch is done twice. A run stops after `budgetMs` (the rest waits
 * for the next run). When every step is done the name and address kept for it go too.
 * Returns the rows changed.
 */
export async function eraseDeletedAccounts(now = new Date(), options: { batchSize?: number; budgetMs?: number } = {}): Promise<number> {
  const { batchSize = JOB_BATCH, budgetMs = 20_000 } = options;
  const started = performance.now();
  const steps = erasureSteps();
  const sizes = new BatchSize(batchSize);
  let rows = 0;
  for (;;) {
    const pending = db.select().from(accountErasures).where(isNull(accountErasures.finishedAt)).orderBy(asc(accountErasures.requestedAt)).limit(1).get();
    if (!pending) return rows;
    const person: ErasedPerson = { userId: pending.userId, displayName: pending.displayName, emailCanonical: pending.emailCanonical };
    let index = pending.step ? steps.findIndex((s) => s.name === pending.step) : 0;
    // A step no longer known (the code changed between runs): every step is safe to run again.
    if (index < 0) index = 0;
    let cursor = pending.step && steps[index]?.name === pending.step ? pending.cursor : 0;
    while (index < steps.length) {
      const step = steps[index]!;
      const from = cursor;
      const changed = sizes.run((size) => db.transaction((tx) => {
        const batch = step.erase(tx, person, from, size);
        const next = batch.cursor === null ? { index: index + 1, cursor: 0 } : { index, cursor: batch.cursor };
        const nextStep = steps[next.index]?.name ?? null;
        tx.update(accountErasures)
          .set(
            nextStep
              ? { step: nextStep, cursor: next.cursor, rows: sql`${accountErasures.rows} + ${batch.rows}` }
              : { step: null, cursor: 0, rows: sql`${accountErasures.rows} + ${batch.rows}`, finishedAt: now, displayName: null, emailCanonical: null },
          )
          .where(eq(accountErasures.userId, person.userId))
          .run();
        return { rows: batch.rows, next };
      }));
      rows += changed.rows;
      index = changed.next.index;
      cursor = changed.next.cursor;
      if (index >= steps.length) {
        logger().info({ job: "accounts-erase-deleted", userId: person.userId, ms: Math.round(performance.now() - started) }, "account erased");
        break;
      }
      if (performance.now() - started >= budgetMs) return rows;
      await yieldEvery(SLICE_MS);
    }
    if (performance.now() - started >= budgetMs) return rows;
  }
}
