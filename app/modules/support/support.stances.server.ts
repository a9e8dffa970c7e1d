// Stances on a part of a topic: residents support or oppose one of its parts (an amendment to a
// draft bylaw), once each, and may change their mind while the part takes stances. The support
// module keeps the rows (`support_stances`, one per person per part, held by a unique index) and
// tells the kind how its counters move, in the same transaction; a repeat is the same request.
// Names no kind: what a part is, when it takes stances and where its counts live are the kind's.
import { and, eq, inArray, sql } from "drizzle-orm";
import { supportStances, topics, type SupportStance } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { untilNoneLeft, type PersonalDataSource } from "~/modules/accounts/personal-data";
import { stoppedTakingPart, tookPart } from "~/modules/topics/participations.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import type { Outcome } from "~/utils/refusal";

/** What a kind says about the parts of its topics that take stances. */
export interface StanceSpec {
  /**
   * Whether this part of this topic takes a stance now, read inside the transaction that records it:
   * null when it does, else the message why not (a part that is not there: `notFound`).
   */
  refusal(tx: Tx, topicId: number, subjectId: number, now: Date): MessageKey | null;
  /** Moves the part's counters: one stance less of `from` (if any), one more of `to` (if any). */
  count(tx: Tx, subjectId: number, from: SupportStance | null, to: SupportStance | null): void;
}

/** Counted now, counted before as the same stance (the same request), or changed from the other one. */
export type StanceOutcome = Outcome<{ already: boolean; changed: boolean }>;

/**
 * A resident takes a stance on a part (or changes it); taking the same stance again changes nothing.
 * The topic is on their participation page from then on (written in the same transaction).
 */
export function takeStance(spec: StanceSpec, userId: string, input: { topicId: number; subjectId: number; stance: SupportStance }, now = new Date()): StanceOutcome {
  return db.transaction((tx): StanceOutcome => {
    const refusal = spec.refusal(tx, input.topicId, input.subjectId, now);
    if (refusal) return { ok: false, reason: refusal };
    const inserted = tx
      .insert(supportStances)
      .values({ topicId: input.topicId, subjectId: input.subjectId, userId, stance: input.stance, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: supportStances.id })
      .get();
    if (inserted) {
      spec.count(tx, input.subjectId, null, input.stance);
      tookPart(tx, { userId, topicId: input.topicId, way: "stance", at: now });
      return { ok: true, already: false, changed: false };
    }
    const previous = input.stance === "support" ? "oppose" : "support";
    // Only the request that really flips the row moves the counts (two tabs changing at once count once).
    const flipped = tx
      .update(supportStances)
      .set({ stance: input.stance, changedAt: now })
      .where(and(eq(supportStances.topicId, input.topicId), eq(supportStances.subjectId, input.subjectId), eq(supportStances.userId, userId), eq(supportStances.stance, previous)))
      .run();
    if (flipped.changes === 0) return { ok: true, already: true, changed: false };
    spec.count(tx, input.subjectId, previous, input.stance);
    tookPart(tx, { userId, topicId: input.topicId, way: "stance", at: now });
    return { ok: true, already: false, changed: true };
  });
}

/**
 * A resident takes their stance back while the part takes stances; without one it is the same request.
 * With their last stance on the topic's parts gone, that way of taking part goes from their page.
 */
export function withdrawStance(spec: StanceSpec, userId: string, input: { topicId: number; subjectId: number }, now = new Date()): StanceOutcome {
  return db.transaction((tx): StanceOutcome => {
    const refusal = spec.refusal(tx, input.topicId, input.subjectId, now);
    if (refusal) return { ok: false, reason: refusal };
    const removed = tx
      .delete(supportStances)
      .where(and(eq(supportStances.topicId, input.topicId), eq(supportStances.subjectId, input.subjectId), eq(supportStances.userId, userId)))
      .returning({ stance: supportStances.stance })
      .get();
    if (!removed) return { ok: true, already: true, changed: false };
    spec.count(tx, input.subjectId, removed.stance, null);
    // Read through the person's own index: a few rows, however many stances the topic drew.
    const another = tx.select({ id: supportStances.id }).from(supportStances).where(and(eq(supportStances.userId, userId), eq(supportStances.topicId, input.topicId))).limit(1).get();
    if (!another) stoppedTakingPart(tx, { userId, topicId: input.topicId, way: "stance" });
    return { ok: true, already: false, changed: true };
  });
}

/** A person's stances on some parts of a topic (the page shows which button is theirs). */
export function stancesOf(reader: DB | Tx, userId: string, topicId: number, subjectIds: readonly number[]): Map<number, SupportStance> {
  if (subjectIds.length === 0) return new Map();
  const rows = reader
    .select({ subjectId: supportStances.subjectId, stance: supportStances.stance })
    .from(supportStances)
    .where(and(eq(supportStances.topicId, topicId), eq(supportStances.userId, userId), inArray(supportStances.subjectId, [...subjectIds])))
    .all();
  return new Map(rows.map((r) => [r.subjectId, r.stance]));
}

/** Everyone who took a stance on any part of a topic (an audience: they hear of its outcome). */
export function stanceTakerIds(reader: DB | Tx, topicId: number): string[] {
  return reader
    .selectDistinct({ id: supportStances.userId })
    .from(supportStances)
    .where(and(eq(supportStances.topicId, topicId), sql`${supportStances.userId} IS NOT NULL`))
    .all()
    .map((r) => r.id!);
}

/** A person's stances in download-my-data; on account deletion they lose the person and keep counting. */
export const stancePersonalData: PersonalDataSource = {
  name: "stances",
  collect: (reader, userId) =>
    reader
      .select({ topicId: supportStances.topicId, title: topics.title, subjectId: supportStances.subjectId, stance: supportStances.stance, createdAt: supportStances.createdAt })
      .from(supportStances)
      .innerJoin(topics, eq(topics.id, supportStances.topicId))
      .where(eq(supportStances.userId, userId))
      .all(),
  erasure: [
    untilNoneLeft("stances", (tx, { userId }, size) =>
      tx.update(supportStances)
        .set({ userId: null })
        .where(inArray(supportStances.id, tx.select({ id: supportStances.id }).from(supportStances).where(eq(supportStances.userId, userId)).limit(size)))
        .run().changes,
    ),
  ],
};
