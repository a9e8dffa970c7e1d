// A vote whose results are in goes to the council (issue #11 on the briefing of issue #10): it
// awaits the council once closed, the council's decision decides it and its results stay as counted.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { councilDecisions, notifications, outcomes, topics } from "#db/schema";
import * as briefing from "~/routes/council._index";
import { recordCouncilDecision } from "~/modules/council/council.decisions.server";
import { subscribeToCouncil } from "~/modules/council/council.positions.server";
import { castBallot } from "~/modules/votes/votes.ballots.server";
import { closeDueVotes } from "~/modules/votes/votes.closing.server";
import { getResults } from "~/modules/votes/votes.results.server";
import { listVotes } from "~/modules/votes/votes.server";
import { followTopic, isFollowing } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";
import { meetingHeldYesterdayWith } from "../../support/council";
import { createPerson } from "../../support/fixtures";
import { callRoute } from "../../support/routes";
import { actorOf, createVoter, makeVote, newCode, theClerk } from "./helpers";


/** A vote with two ballots, closed and counted by the job. */
async function countedVote() {
  const { topicId, optionIds } = await makeVote();
  for (const optionId of [optionIds[0]!, optionIds[0]!]) {
    expect((await castBallot(actorOf(await createVoter()), { topicId, code: newCode(), optionIds: [optionId] })).ok).toBe(true);
  }
  db.update(topics).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(topics.id, topicId)).run();
  await closeDueVotes(new Date());
  expect(db.select({ status: topics.status }).from(topics).where(eq(topics.id, topicId)).get()!.status).toBe("closed");
  return { topicId, optionIds };
}


const statusOf = (topicId: number) => db.select({ status: topics.status }).from(topics).where(eq(topics.id, topicId)).get()!.status;
const briefingIds = async (cookie: string, query = "") =>
  (await callRoute(briefing, { path: `/council${query}`, cookie })).data.items.map((i: { id: number }) => i.id) as number[];

describe("a vote and the council", () => {
  it("awaits the council once its results are in, and a subscribed councillor follows it then", async () => {
    const councillor = await createPerson({ roles: ["councillor"] });
    subscribeToCouncil({ id: councillor.id, roles: ["councillor"] });
    const { topicId } = await makeVote();
    expect(await briefingIds(councillor.cookie, "?kind=vote")).not.toContain(topicId);
    db.update(topics).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(topics.id, topicId)).run();
    await closeDueVotes(new Date());
    expect(await briefingIds(councillor.cookie, "?kind=vote")).toContain(topicId);
    // Its card shows no support count: residents vote on it, they do not support it.
    const card = (await callRoute(briefing, { path: "/council?kind=vote", cookie: councillor.cookie })).data.items.find((i: { id: number }) => i.id === topicId);
    expect(card.supported).toBe(false);
    expect(isFollowing(councillor.id, topicId)).toBe(true);
    expect(db.select().from(notifications).where(and(eq(notifications.userId, councillor.id), eq(notifications.topicId, topicId), eq(notifications.type, "council.notification.arrived"))).all()).toHaveLength(1);
  });

  it("is decided by the council's decision, which its followers hear, with its results kept as counted", async () => {
    const { topicId, optionIds } = await countedVote();
    const follower = await createPerson();
    followTopic(follower.id, topicId);
    const councillor = await createPerson({ roles: ["councillor"] });
    const before = getResults(topicId, null)!;
    const { meetingId, itemId } = meetingHeldYesterdayWith(topicId);

    const decided = recordCouncilDecision(actorOf(await theClerk(), ["clerk"]), { meetingId, itemId }, { decision: "adopted", body: "De raad neemt de uitslag over en geeft het park de gekozen naam.", decidedAt: new Date() });
    expect(decided.ok).toBe(true);
    expect(statusOf(topicId)).toBe("decided");
    expect(db.select().from(outcomes).where(eq(outcomes.topicId, topicId)).all().map((o) => o.type).sort()).toEqual(["council-decision", "result"]);
    expect(db.select().from(notifications).where(and(eq(notifications.userId, follower.id), eq(notifications.type, "council.notification.decided.adopted"))).all()).toHaveLength(1);

    const after = getResults(topicId, null)!;
    expect(after).toMatchObject({ visible: true, phase: "closed" });
    expect(after.visible && after.options.map((o) => o.votes)).toEqual(before.visible && before.options.map((o) => o.votes));
    expect(after.visible && after.options.find((o) => o.id === optionIds[0])!.votes).toBe(2);
    // Among the closed votes of the list, and under "decided" on the briefing, no longer awaiting.
    expect(listVotes({ status: "closed", cursor: null }).rows.map((r) => r.id)).toContain(topicId);
    expect(await briefingIds(councillor.cookie, "?kind=vote")).not.toContain(topicId);
    expect(await briefingIds(councillor.cookie, "?kind=vote&tab=decided")).toContain(topicId);
  });

  it("referred back, it keeps awaiting the council; a vote still open takes no decision and nothing is written", async () => {
    const { topicId } = await countedVote();
    const { meetingId, itemId } = meetingHeldYesterdayWith(topicId);
    const clerk = actorOf(await theClerk(), ["clerk"]);
    expect(recordCouncilDecision(clerk, { meetingId, itemId }, { decision: "referred", body: "Terug naar de commissie: eerst de kosten.", decidedAt: new Date() }).ok).toBe(true);
    expect(statusOf(topicId)).toBe("closed");

    const open = await makeVote();
    const onAgenda = meetingHeldYesterdayWith(open.topicId);
    const refused = recordCouncilDecision(clerk, onAgenda, { decision: "adopted", body: "Een besluit over een lopende stemming.", decidedAt: new Date() });
    expect(refused).toEqual({ ok: false, reason: "vote.error.notCounted" });
    expect(statusOf(open.topicId)).toBe("open");
    expect(db.select().from(councilDecisions).where(eq(councilDecisions.topicId, open.topicId)).all()).toEqual([]);
    expect(db.select().from(outcomes).where(eq(outcomes.topicId, open.topicId)).all()).toEqual([]);
  });
});
