// One ballot per person across worker processes: two processes read before either writes
// (tests/support/race.ts); the participation's primary key decides, whatever the order.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { ballots, voteParticipations, votes } from "#db/schema";
import { db } from "~/utils/db.server";
import { raceTwice } from "../../support/race";
import { createVoter, makeVote, newCode } from "./helpers";

const scenario = "tests/integration/race/scenarios/cast-ballot.ts";
const count = (table: typeof ballots | typeof voteParticipations, topicId: number) => db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.topicId, topicId)).get()!.n;

describe("casting from two processes at once", () => {
  it("the same person with two different ballots: one is stored, the other refused as already voted", async () => {
    const { topicId, optionIds } = await makeVote();
    const anna = await createVoter();
    const results = await raceTwice<{ ok: boolean; reason?: string }>(scenario, [
      { userId: anna.id, topicId, code: newCode(), optionIds: [optionIds[0]] },
      { userId: anna.id, topicId, code: newCode(), optionIds: [optionIds[1]] },
    ]);
    const values = results.map((r) => (r.ok ? r.value : { ok: false, reason: r.error }));
    expect(values.filter((v) => v.ok)).toHaveLength(1);
    expect(values.find((v) => !v.ok)).toMatchObject({ reason: "already-voted" });
    expect(count(ballots, topicId)).toBe(1);
    expect(count(voteParticipations, topicId)).toBe(1);
    expect(db.select().from(votes).where(eq(votes.topicId, topicId)).get()!.ballotCount).toBe(1);
  });

  it("the same post twice (one code): both are told it counted, once", async () => {
    const { topicId, optionIds } = await makeVote();
    const anna = await createVoter();
    const code = newCode();
    const results = await raceTwice<{ ok: boolean; already?: boolean }>(scenario, [
      { userId: anna.id, topicId, code, optionIds: [optionIds[2]] },
      { userId: anna.id, topicId, code, optionIds: [optionIds[2]] },
    ]);
    expect(results.map((r) => r.ok && r.value.ok)).toEqual([true, true]);
    expect(results.map((r) => (r.ok ? r.value.already : null)).sort()).toEqual([false, true]);
    expect(count(ballots, topicId)).toBe(1);
  });

  it("two people at the same moment: both ballots are stored", async () => {
    const { topicId, optionIds } = await makeVote();
    const [anna, bob] = await Promise.all([createVoter(), createVoter()]);
    const results = await raceTwice<{ ok: boolean }>(scenario, [
      { userId: anna.id, topicId, code: newCode(), optionIds: [optionIds[0]] },
      { userId: bob.id, topicId, code: newCode(), optionIds: [optionIds[0]] },
    ]);
    expect(results.map((r) => r.ok && r.value.ok)).toEqual([true, true]);
    expect(count(ballots, topicId)).toBe(2);
    expect(db.select().from(votes).where(eq(votes.topicId, topicId)).get()!.ballotCount).toBe(2);
  });
});
