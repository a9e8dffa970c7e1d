import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { sqlite, writeTogether } from "~/utils/db.server";

// writeTogether: the writes queued in one turn of the event loop share one commit, each in its
// own savepoint, and nobody hears "done" before the commit.
const reader = new Database(process.env.DATABASE_PATH!, { readonly: true });
afterAll(() => reader.close());

const insert = (key: string) => sqlite().prepare("INSERT INTO rate_limits (key, count, window_start) VALUES (?, 1, 0)").run(key);
const committed = (key: string) => reader.prepare("SELECT count(*) AS n FROM rate_limits WHERE key = ?").get(key) as { n: number };

describe("group commit", () => {
  it("commits the writes of one turn together: none is visible to others before all are done", async () => {
    const seenByOthers: number[] = [];
    const writes = ["a", "b", "c"].map((key, i) =>
      writeTogether(() => {
        if (i > 0) seenByOthers.push(committed(`together-${["a", "b", "c"][i - 1]}`).n);
        insert(`together-${key}`);
        return key;
      }),
    );
    expect(await Promise.all(writes)).toEqual(["a", "b", "c"]);
    // Inside the batch the earlier writes were not yet committed; afterwards all three are.
    expect(seenByOthers).toEqual([0, 0]);
    for (const key of ["a", "b", "c"]) expect(committed(`together-${key}`).n).toBe(1);
  });

  it("settles each promise only after the commit", async () => {
    const visibleAtAnswer = await writeTogether(() => insert("settled")).then(() => committed("settled").n);
    expect(visibleAtAnswer).toBe(1);
  });

  it("rolls back a write that throws on its own; the others in the batch still commit", async () => {
    const results = await Promise.allSettled([
      writeTogether(() => insert("kept-1")),
      writeTogether(() => {
        insert("lost");
        throw new Error("refused halfway");
      }),
      writeTogether(() => insert("kept-2")),
      // A constraint error (the same key twice) is refused alone too.
      writeTogether(() => insert("kept-1")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected"]);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    expect(committed("kept-1").n).toBe(1);
    expect(committed("kept-2").n).toBe(1);
    expect(committed("lost").n).toBe(0);
  });

  it("starts a new batch for writes queued after the last one was committed", async () => {
    await writeTogether(() => insert("first-turn"));
    await writeTogether(() => insert("second-turn"));
    expect(committed("first-turn").n + committed("second-turn").n).toBe(2);
    expect(sqlite().inTransaction).toBe(false);
  });
});
