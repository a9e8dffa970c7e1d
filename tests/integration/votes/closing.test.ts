import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { notifications, outcomes, topicEvents, topics, voteOptions, votes } from "#db/schema";
import * as ballotsPage from "~/routes/votes.$id_.ballots";
import * as ballotsCsv from "~/routes/votes.$id_.ballots[.]csv";
import * as resultsCsv from "~/routes/votes.$id_.results[.]csv";
import * as resultsJson from "~/routes/votes.$id_.results[.]json";
import * as resultsPb from "~/routes/votes.$id_.results[.]pb";
import * as resultsPage from "~/routes/votes.$id_.results";
import { allocateByRule } from "~/modules/votes/allocation.rules";
import { castBallot } from "~/modules/votes/votes.ballots.server";
import { closeDueVotes } from "~/modules/votes/votes.closing.server";
import { pabulibElection, readPabulib } from "~/modules/votes/votes.pabulib";
import { ballotsOf, getResults } from "~/modules/votes/votes.results.server";
import { followTopic } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";
import { callRoute } from "../../support/routes";
import { actorOf, budgetSetup, createVoter, makeVote, newCode, project, setup } from "./helpers";

const HOUR = 3_600_000;

/** Moves a vote's closing time into the past, as time passing would. */
function pastClosing(topicId: number) {
  db.update(topics).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(topics.id, topicId)).run();
}

const get = (route: Parameters<typeof callRoute>[0], path: string, id: number) => callRoute(route, { path, params: { id: String(id) } });

/**
 * Budget 100 over four projects: 6 voters want West (A 50, B 30, C 20), 4 want East (D 40, E 20).
 * Most votes first funds A, B and C (100); equal shares gives East its share: C, B, E and then D.
 */
async function budgetWithBallots() {
  const { topicId, optionIds } = await makeVote(budgetSetup({ budget: 100, options: [project("A", 50), project("B", 30), project("C", 20), project("D", 40), project("E", 20)] }));
  const [a, b, c, d, e] = optionIds as [number, number, number, number, number];
  const voters = await Promise.all(Array.from({ length: 10 }, () => createVoter()));
  const codes: string[] = [];
  for (const [i, voter] of voters.entries()) {
    const code = newCode();
    codes.push(code);
    const result = await castBallot(actorOf(voter), { topicId, code, optionIds: i < 6 ? [a, b, c] : [d, e] });
    expect(result.ok).toBe(true);
  }
  return { topicId, optionIds, voters, codes };
}

describe("closing a vote (the job)", () => {
  it("closes at the closing time, records the result as the outcome once, and tells every voter and follower once", async () => {
    const { topicId, voters } = await budgetWithBallots();
    followTopic(voters[0]!.id, topicId);
    expect(await closeDueVotes(new Date())).toBe(0);
    pastClosing(topicId);
    await closeDueVotes(new Date());
    await closeDueVotes(new Date(Date.now() + HOUR));
    expect(db.select().from(topics).where(eq(topics.id, topicId)).get()!.status).toBe("closed");
    expect(db.select().from(outcomes).where(eq(outcomes.topicId, topicId)).all()).toHaveLength(1);
    expect(db.select().from(topicEvents).where(and(eq(topicEvents.topicId, topicId), eq(topicEvents.type, "counted"))).all()).toHaveLength(1);
    for (const voter of voters) {
      const told = db.select().from(notifications).where(and(eq(notifications.userId, voter.id), eq(notifications.type, "vote.notice.counted"))).all();
      expect(told, voter.id).toHaveLength(1);
    }
    expect(db.select().from(votes).where(eq(votes.topicId, topicId)).get()!.votersToldAt).not.toBeNull();
  });

  it("the two rules differ on the results page, each rule in words, with what each funded project cost its supporters", async () => {
    const { topicId } = await budgetWithBallots();
    pastClosing(topicId);
    await closeDueVotes(new Date());
    const results = getResults(topicId, null)!;
    expect(results.visible).toBe(true);
    if (!results.visible) return;
    const result = results.budgetResult!;
    expect(result.rule).toBe("equalshares/add1");
    expect(result.comparedWith).toBe("greedy");
    const byTitle = (id: string) => results.options.find((o) => String(o.id) === id)!.title;
    const fundedBy = (i: number) => result.projects.filter((p) => p.outcomes[i]!.funded).map((p) => byTitle(p.id)).sort();
    expect(fundedBy(1)).toEqual(["A", "B", "C"]);
    expect(fundedBy(0)).toContain("E");
    expect(fundedBy(0)).not.toEqual(fundedBy(1));
    expect(result.projects.find((p) => byTitle(p.id) === "E")!.outcomes[0]!.share).toMatchObject({ payers: 4, averagePayment: 5 });
    const page = await callRoute(resultsPage, { path: `/votes/${topicId}/results?compare=1`, params: { id: String(topicId) } });
    expect(page.data.words.rule).toContain("vote.allocation.equalShares");
    expect(page.data.words.other).toContain("vote.allocation.greedy");
  });

  it("results after closing only when set so; live results while open when set so", async () => {
    const after = await makeVote();
    const live = await makeVote(setup({ resultsShown: "live" }));
    const voter = await createVoter();
    await castBallot(actorOf(voter), { topicId: live.topicId, code: newCode(), optionIds: [live.optionIds[0]!] });
    expect(getResults(after.topicId, null)!.visible).toBe(false);
    expect((await get(resultsCsv, `/votes/${after.topicId}/results.csv`, after.topicId)).status).toBe(404);
    const liveResults = getResults(live.topicId, null)!;
    expect(liveResults.visible && liveResults.options.map((o) => o.votes)).toEqual([1, 0, 0]);
    // The ballot list waits for the close, whatever the setting.
    expect(liveResults.visible && liveResults.ballotList).toBe(false);
    expect((await get(ballotsCsv, `/votes/${live.topicId}/ballots.csv`, live.topicId)).status).toBe(404);
  });

  it("after closing, the published ballot list matches the tally, and a voter finds their code", async () => {
    const { topicId, codes } = await budgetWithBallots();
    pastClosing(topicId);
    await closeDueVotes(new Date());
    const tally = new Map<number, number>();
    for (const ballot of ballotsOf(db, topicId, 7)) for (const o of ballot.optionIds) tally.set(o, (tally.get(o) ?? 0) + 1);
    const counts = db.select({ id: voteOptions.id, n: voteOptions.voteCount }).from(voteOptions).where(eq(voteOptions.topicId, topicId)).all();
    for (const c of counts) expect(tally.get(c.id) ?? 0).toBe(c.n);
    const csv = await get(ballotsCsv, `/votes/${topicId}/ballots.csv`, topicId);
    const text = await csv.response!.text();
    expect(text.trim().split("\n")).toHaveLength(11);
    for (const code of codes) expect(text).toContain(code);
    const check = await callRoute(ballotsPage, { path: `/votes/${topicId}/ballots?code=${codes[7]!.toLowerCase().replace(/(.{4})/g, "$1 ")}`, params: { id: String(topicId) } });
    expect(check.data.check).toMatchObject({ found: true, choices: ["D", "E"] });
    const wrong = await callRoute(ballotsPage, { path: `/votes/${topicId}/ballots?code=AAAA`, params: { id: String(topicId) } });
    expect(wrong.data.check).toEqual({ invalid: true });
  });

  it("the .pb export reads back to the same outcome, its voter ids the ballot codes", async () => {
    const { topicId, codes } = await budgetWithBallots();
    pastClosing(topicId);
    await closeDueVotes(new Date());
    const file = await get(resultsPb, `/votes/${topicId}/results.pb`, topicId);
    expect(file.status).toBe(200);
    const read = readPabulib(await file.response!.text());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.instance.ballots.map((b) => b.voterId).sort()).toEqual([...codes].sort());
    expect(read.instance.meta.rule).toBe("equalshares/add1");
    const again = allocateByRule(pabulibElection(read.instance), "equalshares/add1");
    expect(again.ok && again.allocation.funded.sort()).toEqual(read.instance.projects.filter((p) => p.selected).map((p) => p.id).sort());
    const stored = db.select({ n: sql<number>`count(*)` }).from(voteOptions).where(eq(voteOptions.topicId, topicId)).get()!.n;
    expect(read.instance.projects).toHaveLength(stored);
  });

  it("from the closing moment, before the job has run, the results show the allocation the job will store, and reading writes nothing", async () => {
    const { topicId } = await budgetWithBallots();
    pastClosing(topicId);
    const before = getResults(topicId, null)!;
    expect(before.visible && before.phase).toBe("closed");
    if (!before.visible) return;
    expect(before.budgetResult).not.toBeNull();
    expect(before.budgetResult!.rule).toBe("equalshares/add1");
    // Reading counted the ballots but changed nothing: the job still closes it, once.
    expect(db.select().from(topics).where(eq(topics.id, topicId)).get()!.status).toBe("open");
    expect(db.select().from(votes).where(eq(votes.topicId, topicId)).get()!.result).toBeNull();
    const pb = await get(resultsPb, `/votes/${topicId}/results.pb`, topicId);
    expect(pb.status).toBe(200);
    const csv = await (await get(resultsCsv, `/votes/${topicId}/results.csv`, topicId)).response!.text();
    const funded = new Set(before.budgetResult!.projects.filter((p) => p.outcomes[0]!.funded).map((p) => p.id));
    expect(funded.size).toBeGreaterThan(0);
    expect(csv.trim().split(/\r?\n/).slice(1).map((line) => line.split(",").at(-1))).toEqual(before.options.map((o) => (funded.has(String(o.id)) ? "1" : "0")));
    expect(await closeDueVotes(new Date())).toBeGreaterThan(0);
    const after = getResults(topicId, null)!;
    expect(after.visible && after.budgetResult).toEqual(before.budgetResult);
  });

  it("the results download as JSON beside the CSV, with the allocation under both rules, only when the results may be shown", async () => {
    const hidden = await makeVote();
    expect((await get(resultsJson, `/votes/${hidden.topicId}/results.json`, hidden.topicId)).status).toBe(404);
    const { topicId } = await budgetWithBallots();
    pastClosing(topicId);
    await closeDueVotes(new Date());
    const answer = await get(resultsJson, `/votes/${topicId}/results.json`, topicId);
    expect(answer.status).toBe(200);
    expect(answer.response!.headers.get("Content-Type")).toContain("application/json");
    expect(answer.response!.headers.get("Content-Disposition")).toContain(`vote-${topicId}-results.json`);
    const body = (await answer.response!.json()) as {
      vote: { ballots: number; phase: string };
      options: Array<{ id: number; title: string; votes: number; cost: number }>;
      allocation: { rule: string; comparedWith: string; projects: Array<{ id: number; outcomes: Array<{ rule: string; funded: boolean }> }> };
    };
    expect(body.vote).toMatchObject({ ballots: 10, phase: "closed" });
    expect(body.options.map((o) => [o.title, o.votes, o.cost])).toEqual([["A", 6, 50], ["B", 6, 30], ["C", 6, 20], ["D", 4, 40], ["E", 4, 20]]);
    const idToTitle = (id: number) => body.options.find((o) => o.id === id)!.title;
    const fundedUnder = (rule: string) => body.allocation.projects.filter((p) => p.outcomes.find((o) => o.rule === rule)!.funded).map((p) => idToTitle(p.id)).sort();
    expect(body.allocation).toMatchObject({ rule: "equalshares/add1", comparedWith: "greedy" });
    expect(fundedUnder("greedy")).toEqual(["A", "B", "C"]);
    expect(fundedUnder("equalshares/add1")).toContain("E");
    expect(JSON.stringify(body)).not.toMatch(/user|email|code/i);
  });
});
