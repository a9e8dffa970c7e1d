// Anonymising supporters some time after a topic closed, for every kind that takes support: the
// kind's policy says how long its supporters' details are kept (retention) and what is erased (its
// supporter store's anonymiseBatch, which keeps status, neighbourhood and dates), and the counts on
// the topic, per day and per neighbourhood stay as they are. Names no kind.
import { and, asc, eq, isNotNull, isNull, lte } from "drizzle-orm";
import { topics } from "#db/schema";
import { registeredServerKinds } from "~/modules/topics/topics.kinds.server";
import { db } from "~/utils/db.server";
import { BatchSize, SLICE_MS, yieldEvery } from "~/utils/jobs.yield";

/** Supporter rows changed per transaction by the anonymisation at most (fewer when they are slow to change). */
export const ANONYMISE_BATCH = 1_000;
/** Topics read from the list of those due at a time. */
const DUE_PAGE = 100;

/**
 * Supporters of topics closed longer ago than their kind keeps them lose everything personal. In
 * batches of ANONYMISE_BATCH rows, each its own transaction, giving way to other work between
 * them: a petition of a million signatures never holds the lock for long. The batch that finds
 * fewer rows than it may take marks the topic done (`supporters_anonymised_at`) in its own
 * transaction, so the job reads only topics still due (`topics_anonymise_due_idx`): a run with
 * nothing to do reads nothing and takes no write lock, however many topics ever closed. A run that
 * stops half-way (a crash, a restart) has marked nothing it did not finish, and the next one goes
 * on through the index of rows still to anonymise. Returns how many rows it handled.
 */
export async function anonymiseSupporters(now = new Date()): Promise<number> {
  let changed = 0;
  // Each transaction holds the lock for a few milliseconds, however wide the supporter rows are.
  const sizes = new BatchSize(ANONYMISE_BATCH);
  for (const manifest of registeredServerKinds()) {
    const policy = manifest.support;
    if (!policy) continue;
    const cutoff = new Date(now);
    cutoff.setMonth(cutoff.getMonth() - policy.retention.monthsAfterClose());
    for (;;) {
      const due = db
        .select({ id: topics.id })
        .from(topics)
        .where(and(eq(topics.kind, manifest.kind), isNotNull(topics.closedAt), isNull(topics.supportersAnonymisedAt), lte(topics.closedAt, cutoff)))
        .orderBy(asc(topics.closedAt))
        .limit(DUE_PAGE)
        .all();
      for (const { id } of due) {
        for (;;) {
          const asked = sizes.current;
          const done = sizes.run((size) =>
            db.transaction((tx) => {
              const rows = policy.supporters.anonymiseBatch(tx, id, size, now);
              if (rows < size) tx.update(topics).set({ supportersAnonymisedAt: now }).where(eq(topics.id, id)).run();
              return rows;
            }),
          );
          changed += done;
          await yieldEvery(SLICE_MS);
          if (done < asked) break;
        }
      }
      if (due.length < DUE_PAGE) break;
    }
  }
  return changed;
}
