import { describe, expect, it } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { signatures, topics } from "#db/schema";
import { ANONYMISE_BATCH, anonymiseSupporters as anonymiseOldSignatures } from "~/modules/support/support.anonymise.server";
import { insertTopic } from "~/modules/topics/topics.server";
import { db, sqlite } from "~/utils/db.server";

// A petition of a million signatures passing its anonymisation date held the write lock for half a
// minute in one transaction. It is now done in batches, each committed on its own, so a run that
// stops half-way leaves a consistent database and the next run finishes the rest, once.

const DAY = 86_400_000;
const SIGNATURES = ANONYMISE_BATCH * 2 + 500;

const stillPersonal = (topicId: number) =>
  db.select({ n: sql<number>`count(*)` }).from(signatures).where(and(eq(signatures.topicId, topicId), isNull(signatures.anonymisedAt))).get()!.n;

describe("anonymising the signatures of an old petition", () => {
  it("goes in batches; interrupted half-way, the next run finishes it and no row is changed twice", async () => {
    const topicId = db.transaction((tx) =>
      insertTopic(tx, { kind: "petition", title: "Een oude petitie", authorId: null, status: "closed", isPublic: true }),
    );
    db.update(topics).set({ closedAt: new Date(Date.now() - 400 * DAY), supportCount: SIGNATURES }).where(eq(topics.id, topicId)).run();
    const insert = sqlite().prepare(
      "INSERT INTO signatures (topic_id, name, email, email_canonical, status, confirmed_at) VALUES (?, ?, ?, ?, 'confirmed', ?)",
    );
    sqlite().transaction(() => {
      for (let i = 0; i < SIGNATURES; i++) insert.run(topicId, `Ondertekenaar ${i}`, `o${i}@example.org`, `o${i}@example.org`, Date.now() - 500 * DAY);
    })();
    const last = db.select({ id: signatures.id }).from(signatures).where(eq(signatures.topicId, topicId)).all().at(-1)!.id;

    // A crash in a later batch: the batches before it stay done, the one it hit rolls back whole.
    // (Batches are at most ANONYMISE_BATCH rows, fewer when they are slow: their size is not fixed.)
    const crashAt = last - 600;
    sqlite().exec(`CREATE TRIGGER crash BEFORE UPDATE OF anonymised_at ON signatures WHEN old.id = ${crashAt} BEGIN SELECT RAISE(ABORT, 'crash'); END`);
    await expect(anonymiseOldSignatures()).rejects.toThrow("crash");
    const left = stillPersonal(topicId);
    expect(left).toBeGreaterThan(600);
    expect(left).toBeLessThanOrEqual(SIGNATURES - ANONYMISE_BATCH);
    expect(db.select({ at: signatures.anonymisedAt }).from(signatures).where(eq(signatures.id, crashAt)).get()!.at).toBeNull();
    sqlite().exec("DROP TRIGGER crash");

    const firstDone = db.select({ id: signatures.id, at: signatures.anonymisedAt }).from(signatures).where(eq(signatures.topicId, topicId)).limit(1).get()!;
    expect(await anonymiseOldSignatures(new Date(Date.now() + 1000))).toBe(left);
    expect(stillPersonal(topicId)).toBe(0);
    // The rows of the first run kept their first anonymisation: nothing was done twice.
    expect(db.select({ at: signatures.anonymisedAt }).from(signatures).where(eq(signatures.id, firstDone.id)).get()!.at).toEqual(firstDone.at);
    expect(await anonymiseOldSignatures()).toBe(0);
    const names = db.select({ n: sql<number>`count(*)` }).from(signatures).where(and(eq(signatures.topicId, topicId), sql`name IS NOT NULL`)).get()!.n;
    expect(names).toBe(0);
  });
});
