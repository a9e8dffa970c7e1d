import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { topics, votes } from "#db/schema";
import { seedDemo } from "#db/seed";
import { getResults } from "~/modules/votes/votes.results.server";
import { phaseOf, findVote } from "~/modules/votes/votes.server";
import { db } from "~/utils/db.server";

describe("the demo municipality's votes", () => {
  it("has an open poll, an open budget, a closed poll with a clear winner and a closed budget whose two rules fund different projects", async () => {
    await seedDemo();
    const now = new Date();
    const all = db.select({ id: topics.id, status: topics.status, ballotType: votes.ballotType }).from(votes).innerJoin(topics, eq(topics.id, votes.topicId)).all();
    const phases = all.map((v) => ({ ...v, phase: phaseOf(findVote(db, v.id)!, now) }));
    const one = (type: "single" | "budget", phase: "open" | "closed") => phases.filter((v) => v.ballotType === type && v.phase === phase);
    expect(one("single", "open")).toHaveLength(1);
    expect(one("budget", "open")).toHaveLength(1);
    const [poll] = one("single", "closed");
    const [budget] = one("budget", "closed");
    expect(poll?.status).toBe("closed");
    expect(budget?.status).toBe("closed");

    const pollResults = getResults(poll!.id, null)!;
    expect(pollResults.visible).toBe(true);
    if (!pollResults.visible) return;
    const counts = pollResults.options.map((o) => o.votes).sort((a, b) => b - a);
    expect(counts[0]).toBeGreaterThan(counts[1]!);

    const budgetResults = getResults(budget!.id, null)!;
    if (!budgetResults.visible) throw new Error("closed budget hides its results");
    const funded = (i: number) => budgetResults.budgetResult!.projects.filter((p) => p.outcomes[i]!.funded).map((p) => p.id).sort();
    expect(funded(0)).not.toEqual(funded(1));
  });
});
