// An agenda proposal through the council (issue #10): past its threshold it awaits the council, is
// placed on a meeting's agenda, councillors write positions, and the clerk records the council's
// decision, which decides it and reaches every supporter by email with the decision's text.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { councilDecisions, emailOutbox, meetings, outcomes } from "#db/schema";
import * as decisionPage from "~/routes/meetings.$meeting_.items.$item.decision";
import * as dossier from "~/routes/council.$id";
import { placeOnAgenda } from "~/modules/council/council.meetings.server";
import { followTopic } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";
import { localDay } from "~/utils/local-time";
import { meetingHeldYesterdayWith } from "../../support/council";
import { createPerson } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { sendSignerMailings } from "../../support/mailings";
import { callRoute } from "../../support/routes";
import { ensureNeighbourhoods } from "../petitions/helpers";
import { actorOf, clerk, makeProposal, noticesOf, proposalSettings, topicRow, verifiedResident } from "./helpers";
import * as support from "~/routes/proposals.$id_.support";

const DAY = 86_400_000;
let mail: Awaited<ReturnType<typeof startMailCatcher>>;

beforeAll(async () => {
  mail = await startMailCatcher();
  ensureNeighbourhoods();
});
afterAll(async () => {
  await mail.stop();
});
beforeEach(() => proposalSettings({ threshold: 2, days: 90, who: "verified-residents", age: 16 }));

/** A proposal two verified residents supported to its threshold. */
async function proposalAtThreshold() {
  const made = await makeProposal();
  const supporters = [await verifiedResident(), await verifiedResident()];
  for (const person of supporters) {
    expect((await callRoute(support, { path: `/proposals/${made.id}/support`, params: { id: String(made.id) }, form: {}, cookie: person.cookie })).status).toBe(302);
  }
  expect(topicRow(made.id).status).toBe("threshold-reached");
  return { ...made, supporters };
}


const decide = (ref: { meetingId: number; itemId: number }, cookie: string, form: Record<string, string>) =>
  callRoute(decisionPage, { method: "POST", path: `/meetings/${ref.meetingId}/items/${ref.itemId}/decision`, params: { meeting: String(ref.meetingId), item: String(ref.itemId) }, form, cookie });

describe("a proposal and the council", () => {
  it("is placed on an agenda and decided; every supporter is mailed the decision's text once, the author and followers told", async () => {
    const { id, author, supporters } = await proposalAtThreshold();
    const follower = await createPerson();
    followTopic(follower.id, id);
    const theClerk = await clerk();
    const ahead = db.insert(meetings).values({ body: "council", title: "Raadsvergadering", startsAt: new Date(Date.now() + 7 * DAY), place: "Raadzaal", isPublic: true, createdAt: new Date() }).returning({ id: meetings.id }).get().id;
    expect(placeOnAgenda(actorOf(theClerk), ahead, { topicId: id }).ok).toBe(true);
    await sendSignerMailings();
    for (const person of supporters) expect(noticesOf(person.id, id)).toContain("council.notification.placedOnAgenda");

    const ref = meetingHeldYesterdayWith(id);
    const form = { decision: "adopted", body: "De raad besluit een watertappunt te plaatsen in het Stadspark.", date: localDay(new Date()), nextStep: "Het college plaatst het tappunt", nextStepDue: localDay(new Date(Date.now() + 60 * DAY)) };
    expect((await decide(ref, theClerk.cookie, form)).status).toBe(302);
    expect((await decide(ref, theClerk.cookie, form)).status).toBe(302);
    await sendSignerMailings();
    await sendSignerMailings();

    expect(topicRow(id).status).toBe("decided");
    expect(db.select().from(outcomes).where(and(eq(outcomes.topicId, id), eq(outcomes.type, "council-decision"))).all()).toHaveLength(1);
    for (const person of supporters) {
      const mails = db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, person.email), like(emailOutbox.dedupeKey, "%council-decided%"))).all();
      expect(mails, person.email).toHaveLength(1);
      expect(JSON.stringify(mails[0])).toContain("watertappunt te plaatsen in het Stadspark");
      expect(noticesOf(person.id, id).filter((n) => n === "council.notification.decided.adopted")).toHaveLength(1);
    }
    for (const person of [author, follower]) expect(noticesOf(person.id, id).filter((n) => n === "council.notification.decided.adopted")).toHaveLength(1);
  });

  it("refuses a decision on an item of another meeting, or on tampered ids, with 404 and writes nothing", async () => {
    const { id } = await proposalAtThreshold();
    const ref = meetingHeldYesterdayWith(id);
    const other = meetingHeldYesterdayWith((await proposalAtThreshold()).id);
    const theClerk = await clerk();
    const form = { decision: "adopted", body: "Een besluit dat nergens mag landen.", date: localDay(new Date()) };
    for (const [meeting, item] of [[other.meetingId, ref.itemId], [ref.meetingId, 987_654], ["abc", String(ref.itemId)], [ref.meetingId, "1e3"]] as const) {
      const res = await callRoute(decisionPage, { method: "POST", path: `/meetings/${meeting}/items/${item}/decision`, params: { meeting: String(meeting), item: String(item) }, form, cookie: theClerk.cookie });
      expect(res.status, `${meeting}/${item}`).toBe(404);
    }
    expect(db.select().from(councilDecisions).where(eq(councilDecisions.topicId, id)).all()).toEqual([]);
    expect(topicRow(id).status).toBe("threshold-reached");
  });

  it("shows a councillor's internal position to councillors and clerks only; a resident cannot open the dossier at all", async () => {
    const { id, supporters } = await proposalAtThreshold();
    const councillor = await createPerson({ roles: ["councillor"] });
    const otherCouncillor = await createPerson({ roles: ["councillor"] });
    const write = await callRoute(dossier, { method: "POST", path: `/council/${id}`, params: { id: String(id) }, form: { intent: "position", body: "Intern: eerst de onderhoudskosten weten.", visibility: "internal" }, cookie: councillor.cookie });
    expect(write.status).toBe(302);
    for (const reader of [otherCouncillor, await clerk()]) {
      const page = await callRoute(dossier, { path: `/council/${id}`, params: { id: String(id) }, cookie: reader.cookie });
      expect(page.data.positions.map((p: { body: string }) => p.body)).toEqual(["Intern: eerst de onderhoudskosten weten."]);
    }
    const asSupporter = await callRoute(dossier, { path: `/council/${id}`, params: { id: String(id) }, cookie: supporters[0]!.cookie });
    expect(asSupporter.status).toBe(403);
  });
});
