// A ballot cast shows on the voter's own participation list ("Gestemd"), as the day they voted:
// the list says that they voted, never what, and keeps no moment of casting.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { participations } from "#db/schema";
import * as participationPage from "~/routes/participation";
import * as votePage from "~/routes/votes.$id";
import { db } from "~/utils/db.server";
import { startOfLocalDay, localDay } from "~/utils/local-time";
import { callRoute } from "../../support/routes";
import { createVoter, makeVote } from "./helpers";

describe("a ballot on My participation", () => {
  it("lists the vote as voted on, from the day of voting, and nothing of the ballot", async () => {
    const { topicId, optionIds } = await makeVote();
    const voter = await createVoter();
    const page = await callRoute(votePage, { path: `/votes/${topicId}`, params: { id: String(topicId) }, cookie: voter.cookie });
    const code = (page.data as { ballotCode: string }).ballotCode;
    const cast = await callRoute(votePage, {
      path: `/votes/${topicId}`,
      params: { id: String(topicId) },
      form: { intent: "cast", ballotCode: code, option: [String(optionIds[0])] },
      cookie: voter.cookie,
    });
    expect(cast.status).toBe(302);

    const row = db.select().from(participations).where(and(eq(participations.userId, voter.id), eq(participations.topicId, topicId))).get()!;
    expect(row.firstAt.getTime()).toBe(startOfLocalDay(localDay(new Date()))!.getTime());
    const list = await callRoute(participationPage, { path: "/participation", cookie: voter.cookie });
    const item = (list.data.items as Array<{ topicId: number; ways: string[] }>).find((i) => i.topicId === topicId);
    expect(item?.ways).toEqual(["voted"]);
    expect(JSON.stringify(list.data)).not.toContain(code);
  });
});
