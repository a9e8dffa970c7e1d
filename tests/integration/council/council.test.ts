// The council (issue #10): meetings and agendas, the councillors' briefing, positions and the
// council's decision, through the routes with real sessions. Petitions are the kind that awaits
// the council today; the council module reaches them only through their manifest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { agendaItems, auditLog, councilArrivals, councilDecisions, councilPositions, emailOutbox, meetings, notifications, outcomes, topicEvents, topics } from "#db/schema";
import * as briefing from "~/routes/council._index";
import * as petitionsReview from "~/routes/petitions.review";
import * as dossier from "~/routes/council.$id";
import * as pdf from "~/routes/council.$id_.pdf";
import * as meetingPage from "~/routes/meetings.$meeting";
import * as meetingsList from "~/routes/meetings._index";
import * as newMeeting from "~/routes/meetings.new";
import * as decisionPage from "~/routes/meetings.$meeting_.items.$item.decision";
import { gatherRelatedTopics } from "~/modules/council/council.arrivals.server";
import { placeOnAgenda } from "~/modules/council/council.meetings.server";
import { sendSupporterMailings } from "~/modules/support/support.mailings.server";
import { followTopic, isFollowing, unfollowTopic } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";
import { localDay } from "~/utils/local-time";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { callRoute } from "../../support/routes";
import { expectPermissions } from "../../support/permissions";
import { makeProposal } from "../proposals/helpers";
import { actorOf, clerk as theClerk, ensureNeighbourhoods, makePetition, resident, setThresholds, signAsResident } from "../petitions/helpers";

const DAY = 86_400_000;
let mail: Awaited<ReturnType<typeof startMailCatcher>>;
let clerk: TestPerson;
let councillor: TestPerson;
let visitorResident: TestPerson;

beforeAll(async () => {
  mail = await startMailCatcher();
  ensureNeighbourhoods();
  setThresholds(1, 1000);
  clerk = await theClerk();
  councillor = await createPerson({ roles: ["councillor"], name: "Raadslid Bos" });
  visitorResident = await createPerson({ roles: ["resident"] });
});
afterAll(async () => {
  await mail.stop();
});

/** A petition that asked the council for a response: it awaits the council. */
async function awaitingTopic(options: Parameters<typeof makePetition>[0] = {}) {
  const made = await makePetition(options);
  const signer = await resident();
  expect((await signAsResident(made.id, signer)).status).toBeLessThan(400);
  const status = db.select({ status: topics.status }).from(topics).where(eq(topics.id, made.id)).get()!.status;
  expect(status).toBe("response-requested");
  return { ...made, signer };
}

function meetingForm(overrides: Record<string, string> = {}) {
  const day = localDay(new Date(Date.now() + 7 * DAY));
  return { body: "council", title: "Raadsvergadering", date: day, time: "19:30", place: "Raadzaal", ...overrides };
}

async function planMeeting(overrides: Record<string, string> = {}) {
  const res = await callRoute(newMeeting, { method: "POST", path: "/meetings/new", form: meetingForm(overrides), cookie: clerk.cookie });
  expect(res.status).toBe(302);
  return Number(/\/meetings\/(\d+)/.exec(res.location!)![1]);
}

function pastMeeting(): number {
  return db.insert(meetings).values({ body: "council", title: "Raadsvergadering", startsAt: new Date(Date.now() - 2 * DAY), place: "Raadzaal", isPublic: true, createdAt: new Date(Date.now() - 9 * DAY) }).returning({ id: meetings.id }).get().id;
}

describe("meetings and agendas", () => {
  it("lets a clerk plan a meeting once per form, and refuses a date in the past beside the field, in both languages", async () => {
    const key = "k".repeat(22);
    const first = await callRoute(newMeeting, { method: "POST", path: "/meetings/new", form: { ...meetingForm({ title: "Eenmalig" }), submission: key }, cookie: clerk.cookie });
    const again = await callRoute(newMeeting, { method: "POST", path: "/meetings/new", form: { ...meetingForm({ title: "Eenmalig" }), submission: key }, cookie: clerk.cookie });
    expect(first.location).toBe(again.location);
    expect(db.select().from(meetings).where(eq(meetings.title, "Eenmalig")).all()).toHaveLength(1);

    const before = db.select().from(meetings).all().length;
    const past = await callRoute(newMeeting, { method: "POST", path: "/meetings/new", form: meetingForm({ date: localDay(new Date(Date.now() - 3 * DAY)) }), cookie: clerk.cookie });
    expect(past.status).toBe(422);
    expect(past.data.errors.date).toMatch(/begonnen of voorbij/);
    const englishClerk = await createPerson({ roles: ["clerk"], locale: "en" });
    const english = await callRoute(newMeeting, { method: "POST", path: "/meetings/new", form: meetingForm({ date: "2020-01-01" }), cookie: englishClerk.cookie });
    expect(english.data.errors.date).toMatch(/has begun or is over/);
    const badTime = await callRoute(newMeeting, { method: "POST", path: "/meetings/new", form: meetingForm({ time: "25:99" }), cookie: clerk.cookie });
    expect(badTime.status).toBe(400);
    expect(badTime.data.errors.time).toBeTruthy();
    expect(db.select().from(meetings).all().length).toBe(before);
  });

  it("places a topic on the agenda as a timeline event that tells its supporters and followers once; a repeat is the same request", async () => {
    const { id, signer } = await awaitingTopic();
    const follower = await createPerson();
    followTopic(follower.id, id);
    const meetingId = await planMeeting();
    const place = () => callRoute(meetingPage, { method: "POST", path: `/meetings/${meetingId}`, params: { meeting: String(meetingId) }, form: { intent: "add-item", topicId: String(id) }, cookie: clerk.cookie });
    expect((await place()).status).toBe(302);
    expect((await place()).status).toBe(302);
    await sendSupporterMailings();

    expect(db.select().from(agendaItems).where(eq(agendaItems.topicId, id)).all()).toHaveLength(1);
    const events = db.select({ type: topicEvents.type }).from(topicEvents).where(and(eq(topicEvents.topicId, id), eq(topicEvents.type, "placed-on-agenda"))).all();
    expect(events).toHaveLength(1);
    for (const person of [signer, follower]) {
      const told = db.select().from(notifications).where(and(eq(notifications.userId, person.id), eq(notifications.topicId, id), eq(notifications.type, "council.notification.placedOnAgenda"))).all();
      expect(told, person.id).toHaveLength(1);
    }
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, "meeting.place-topic"), eq(auditLog.entityId, String(id)))).all()).toHaveLength(1);
    // The petition plans its debate for the meeting (its own lifecycle, through its manifest).
    expect(db.select({ status: topics.status }).from(topics).where(eq(topics.id, id)).get()!.status).toBe("debate-scheduled");

    const page = await callRoute(meetingPage, { path: `/meetings/${meetingId}`, params: { meeting: String(meetingId) } });
    expect(page.status).toBe(200);
    expect(page.data.agenda.map((i: { topicId: number | null }) => i.topicId)).toEqual([id]);
  });

  it("refuses new items for a meeting that has begun, and a topic that does not await the council, changing nothing", async () => {
    const { id } = await awaitingTopic();
    const meetingId = pastMeeting();
    const late = await callRoute(meetingPage, { method: "POST", path: `/meetings/${meetingId}`, params: { meeting: String(meetingId) }, form: { intent: "add-item", topicId: String(id) }, cookie: clerk.cookie });
    expect(late.status).toBe(422);
    expect(late.data.errors.form).toMatch(/begonnen of voorbij/);
    const englishClerk = await createPerson({ roles: ["clerk"], locale: "en" });
    const lateInEnglish = await callRoute(meetingPage, { method: "POST", path: `/meetings/${meetingId}`, params: { meeting: String(meetingId) }, form: { intent: "add-item", topicId: String(id) }, cookie: englishClerk.cookie });
    expect(lateInEnglish.status).toBe(422);
    expect(lateInEnglish.data.errors.form).toMatch(/has begun or is over/);
    const open = await makePetition();
    const ahead = await planMeeting();
    const notAwaiting = await callRoute(meetingPage, { method: "POST", path: `/meetings/${ahead}`, params: { meeting: String(ahead) }, form: { intent: "add-item", topicId: String(open.id) }, cookie: clerk.cookie });
    expect(notAwaiting.status).toBe(422);
    expect(notAwaiting.data.errors.topicId).toMatch(/wacht niet op de raad/);
    const tampered = await callRoute(meetingPage, { method: "POST", path: `/meetings/${ahead}`, params: { meeting: String(ahead) }, form: { intent: "add-item", topicId: "abc" }, cookie: clerk.cookie });
    expect(tampered.status).toBe(400);
    expect(db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).all()).toEqual([]);
    expect(db.select().from(agendaItems).where(eq(agendaItems.meetingId, ahead)).all()).toEqual([]);
  });

  it("reorders the agenda with plain forms, and a move past either end changes nothing", async () => {
    const meetingId = await planMeeting();
    const actor = actorOf(clerk);
    const a = placeOnAgenda(actor, meetingId, { title: "Opening" });
    const b = placeOnAgenda(actor, meetingId, { title: "Rondvraag" });
    if (!a.ok || !b.ok) throw new Error("placing free items");
    const move = (itemId: number, direction: string) =>
      callRoute(meetingPage, { method: "POST", path: `/meetings/${meetingId}`, params: { meeting: String(meetingId) }, form: { intent: "move", itemId: String(itemId), direction }, cookie: clerk.cookie });
    expect((await move(b.itemId, "up")).status).toBe(302);
    const order = () => db.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(agendaItems.position).all().map((r) => r.id);
    expect(order()).toEqual([b.itemId, a.itemId]);
    expect((await move(b.itemId, "up")).status).toBe(302);
    expect(order()).toEqual([b.itemId, a.itemId]);
  });

  it("lists upcoming and past meetings by key, and hides a closed meeting from the public", async () => {
    const closed = await planMeeting({ title: "Besloten overleg", closed: "on" });
    const publicList = await callRoute(meetingsList, { path: "/meetings" });
    expect(publicList.data.meetings.some((m: { id: number }) => m.id === closed)).toBe(false);
    const councilList = await callRoute(meetingsList, { path: "/meetings", cookie: councillor.cookie });
    expect(councilList.data.meetings.some((m: { id: number }) => m.id === closed)).toBe(true);
    const page = await callRoute(meetingPage, { path: `/meetings/${closed}`, params: { meeting: String(closed) } });
    expect(page.status).toBe(404);
    const past = await callRoute(meetingsList, { path: "/meetings?when=past" });
    expect(past.data.meetings.every((m: { startsAt: Date }) => new Date(m.startsAt).getTime() <= Date.now())).toBe(true);
  });
});

describe("the councillors' briefing and dossier", () => {
  it("shows what awaits the council with its support, and positions: internal ones for councillors and clerks only", async () => {
    const { id } = await awaitingTopic();
    const list = await callRoute(briefing, { path: "/council", cookie: councillor.cookie });
    expect(list.status).toBe(200);
    const item = list.data.items.find((i: { id: number }) => i.id === id);
    expect(item).toMatchObject({ supportCount: 1, supported: true });

    const write = (visibility: string, body: string) =>
      callRoute(dossier, { method: "POST", path: `/council/${id}`, params: { id: String(id) }, form: { intent: "position", body, visibility }, cookie: councillor.cookie });
    expect((await write("internal", "Eerst de kosten laten uitzoeken door de wethouder.")).status).toBe(302);
    expect((await write("internal", "Eerst de kosten laten uitzoeken, daarna beslissen.")).status).toBe(302);
    expect(db.select().from(councilPositions).where(eq(councilPositions.topicId, id)).all()).toHaveLength(1);
    const bad = await write("everyone", "kort");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.errors).sort()).toEqual(["body", "visibility"]);

    const asClerk = await callRoute(dossier, { path: `/council/${id}`, params: { id: String(id) }, cookie: clerk.cookie });
    expect(asClerk.data.positions).toHaveLength(1);
    // A position is a councillor's: a clerk reads it, but cannot write one.
    const clerkWrites = await callRoute(dossier, { method: "POST", path: `/council/${id}`, params: { id: String(id) }, form: { intent: "position", body: "Een standpunt van de griffie.", visibility: "public" }, cookie: clerk.cookie });
    expect(clerkWrites.status).toBe(403);

    const reviewed = await callRoute(dossier, { method: "POST", path: `/council/${id}`, params: { id: String(id) }, form: { intent: "reviewed" }, cookie: councillor.cookie });
    expect(reviewed.status).toBe(302);
    const after = await callRoute(briefing, { path: "/council", cookie: councillor.cookie });
    expect(after.data.items.find((i: { id: number }) => i.id === id).reviewed).toBe(true);
  });

  it("filters by kind; the petitions' old list for the council leads here, to the petitions, for councillors and clerks", async () => {
    const { id: petitionId } = await awaitingTopic();
    const proposal = await makeProposal({ stage: "collecting" });
    db.update(topics).set({ status: "threshold-reached" }).where(eq(topics.id, proposal.id)).run();
    const ids = (res: { data: { items: Array<{ id: number }> } }) => res.data.items.map((i) => i.id);

    const all = await callRoute(briefing, { path: "/council", cookie: councillor.cookie });
    expect(ids(all)).toEqual(expect.arrayContaining([petitionId, proposal.id]));
    const old = await callRoute(petitionsReview, { path: "/petitions/review", cookie: councillor.cookie });
    expect(old.status).toBe(301);
    expect(old.location).toBe("/council?kind=petition");
    await expectPermissions({
      route: briefing,
      request: () => ({ path: "/council?kind=petition" }),
      allowed: ["clerk", "councillor"],
      onAllowed: (res) => {
        expect(ids(res)).toContain(petitionId);
        expect(ids(res)).not.toContain(proposal.id);
        expect(res.data.items.every((i: { kind: string }) => i.kind === "petition")).toBe(true);
      },
    });
    // A kind that never goes to the council, or none at all, filters nothing.
    const unknown = await callRoute(briefing, { path: "/council?kind=nonsense", cookie: councillor.cookie });
    expect(unknown.status).toBe(200);
    expect(ids(unknown)).toEqual(ids(all));
  });

  it("refuses the briefing, dossier and PDF to residents and visitors, and gives councillors a searchable PDF", async () => {
    const { id } = await awaitingTopic();
    for (const route of [briefing, dossier, pdf]) {
      const asResident = await callRoute(route, { path: `/council/${id}`, params: { id: String(id) }, cookie: visitorResident.cookie });
      expect(asResident.status).toBe(403);
      const asVisitor = await callRoute(route, { path: `/council/${id}`, params: { id: String(id) } });
      expect([302, 303, 401, 403]).toContain(asVisitor.status);
    }
    // A draft is its author's alone: no dossier of it, for a councillor either.
    const draft = await makePetition({ stage: "draft" });
    for (const route of [dossier, pdf]) {
      const hidden = await callRoute(route, { path: `/council/${draft.id}`, params: { id: String(draft.id) }, cookie: councillor.cookie });
      expect(hidden.status).toBe(404);
    }
    const file = await callRoute(pdf, { path: `/council/${id}/pdf`, params: { id: String(id) }, cookie: councillor.cookie });
    expect(file.status).toBe(200);
    expect(file.response!.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = Buffer.from(await file.response!.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const raw = bytes.toString("latin1");
    // Tagged: a structure tree with headings, and the document's language.
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toMatch(/\/S \/H1/);
    expect(raw).toContain("/Lang (nl-NL)");
  });
});

describe("the council's decision", () => {
  it("is recorded by a clerk only, publishes the outcome, tells each supporter and follower once and opens a next step, audited", async () => {
    const { id, signer, author } = await awaitingTopic();
    const follower = await createPerson();
    followTopic(follower.id, id);
    const meetingId = pastMeeting();
    const item = db.insert(agendaItems).values({ meetingId, position: 1, topicId: id, createdAt: new Date(Date.now() - 5 * DAY) }).returning({ id: agendaItems.id }).get().id;
    const path = `/meetings/${meetingId}/items/${item}/decision`;
    const form = { decision: "adopted", body: "De raad neemt het verzoek over.", date: localDay(new Date()), nextStep: "Het college maakt een plan", nextStepDue: localDay(new Date(Date.now() + 60 * DAY)) };
    const params = { meeting: String(meetingId), item: String(item) };

    for (const person of [councillor, visitorResident]) {
      const refused = await callRoute(decisionPage, { method: "POST", path, params, form, cookie: person.cookie });
      expect(refused.status).toBe(403);
    }
    expect(db.select().from(councilDecisions).where(eq(councilDecisions.topicId, id)).all()).toEqual([]);

    const future = await callRoute(decisionPage, { method: "POST", path, params, form: { ...form, date: localDay(new Date(Date.now() + 5 * DAY)) }, cookie: clerk.cookie });
    expect(future.status).toBe(422);
    expect(future.data.errors.date).toBeTruthy();

    const first = await callRoute(decisionPage, { method: "POST", path, params, form, cookie: clerk.cookie });
    const again = await callRoute(decisionPage, { method: "POST", path, params, form, cookie: clerk.cookie });
    expect(first.status).toBe(302);
    expect(again.status).toBe(302);
    await sendSupporterMailings();

    expect(db.select().from(councilDecisions).where(eq(councilDecisions.topicId, id)).all()).toHaveLength(1);
    expect(db.select().from(outcomes).where(and(eq(outcomes.topicId, id), eq(outcomes.type, "council-decision"))).all()).toHaveLength(1);
    expect(db.select({ status: topics.status }).from(topics).where(eq(topics.id, id)).get()!.status).toBe("responded");
    for (const [who, person] of Object.entries({ signer, follower, author })) {
      const told = db.select().from(notifications).where(and(eq(notifications.userId, person.id), eq(notifications.topicId, id), eq(notifications.type, "council.notification.decided.adopted"))).all();
      expect(told, who).toHaveLength(1);
      expect(db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, person.email), like(emailOutbox.dedupeKey, `%council-decided%`))).all(), person.email).toHaveLength(1);
    }
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, "council.record-decision"), eq(auditLog.entityId, String(id)))).all()).toHaveLength(1);
    expect(db.select().from(topicEvents).where(and(eq(topicEvents.topicId, id), eq(topicEvents.type, "next-step-added"))).all()).toHaveLength(1);

    // The briefing keeps it under "decided", with its outcome.
    const decided = await callRoute(briefing, { path: "/council?tab=decided", cookie: councillor.cookie });
    const shown = decided.data.items.find((i: { id: number }) => i.id === id);
    expect(shown.outcome.bodyHtml).toContain("neemt het verzoek over");
  });

  it("refers a topic back: it keeps awaiting the council", async () => {
    const { id } = await awaitingTopic();
    const meetingId = pastMeeting();
    const item = db.insert(agendaItems).values({ meetingId, position: 1, topicId: id, createdAt: new Date(Date.now() - 5 * DAY) }).returning({ id: agendaItems.id }).get().id;
    const res = await callRoute(decisionPage, { method: "POST", path: `/meetings/${meetingId}/items/${item}/decision`, params: { meeting: String(meetingId), item: String(item) }, form: { decision: "referred", body: "Terug naar de commissie voor meer informatie.", date: localDay(new Date()) }, cookie: clerk.cookie });
    expect(res.status).toBe(302);
    expect(db.select({ status: topics.status }).from(topics).where(eq(topics.id, id)).get()!.status).toBe("response-requested");
  });
});

describe("following everything that reaches the council", () => {
  const arrivedNotices = (userId: string, topicId: number) =>
    db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.topicId, topicId), eq(notifications.type, "council.notification.arrived"))).all();

  it("makes a subscribed councillor follow and hear of a topic the moment it awaits the council, once, though it is never placed on an agenda", async () => {
    const subscribed = await createPerson({ roles: ["councillor"] });
    const other = await createPerson({ roles: ["councillor"] });
    expect((await callRoute(briefing, { method: "POST", path: "/council", form: { intent: "subscribe" }, cookie: subscribed.cookie })).status).toBe(302);

    const { id } = await awaitingTopic();
    expect(isFollowing(subscribed.id, id)).toBe(true);
    expect(arrivedNotices(subscribed.id, id)).toHaveLength(1);
    expect(arrivedNotices(subscribed.id, id)[0]!.data).toMatchObject({ link: `/council/${id}` });
    expect(isFollowing(other.id, id)).toBe(false);
    expect(arrivedNotices(other.id, id)).toEqual([]);

    // Later events on it (here: placed on an agenda) tell the subscriber as a follower, never "arrived" again.
    expect(placeOnAgenda(actorOf(clerk), await planMeeting(), { topicId: id }).ok).toBe(true);
    expect(arrivedNotices(subscribed.id, id)).toHaveLength(1);
    // One who stopped following it is left alone when it is placed on another agenda.
    unfollowTopic(subscribed.id, id);
    expect(placeOnAgenda(actorOf(clerk), await planMeeting(), { topicId: id }).ok).toBe(true);
    expect(isFollowing(subscribed.id, id)).toBe(false);
    expect(db.select().from(councilArrivals).where(eq(councilArrivals.topicId, id)).all()).toHaveLength(1);

    // After unsubscribing, the next topic to reach the council passes them by.
    await callRoute(briefing, { method: "POST", path: "/council", form: { intent: "unsubscribe" }, cookie: subscribed.cookie });
    const { id: later } = await awaitingTopic();
    expect(isFollowing(subscribed.id, later)).toBe(false);
    expect(arrivedNotices(subscribed.id, later)).toEqual([]);
  });
});

describe("related topics on the briefing's cards", () => {
  it("shows the related topics gathered once by the job, leaving out hidden ones, without searching per view", async () => {
    const word = `Zwembadverwarming${Date.now() % 100000}`;
    const shown = await makePetition({ title: `${word} in het Noorderbad` });
    const hiddenOne = await makePetition({ title: `${word} in het Zuiderbad` });
    const { id } = await awaitingTopic({ title: `Betaalbare ${word} voor iedereen` });

    // Until the job has gathered them the card shows none: the page itself does not search.
    const before = await callRoute(briefing, { path: "/council", cookie: councillor.cookie });
    expect(before.data.items.find((i: { id: number }) => i.id === id).related).toEqual([]);

    expect(await gatherRelatedTopics()).toBeGreaterThan(0);
    expect(await gatherRelatedTopics()).toBe(0);
    db.update(topics).set({ hidden: true }).where(eq(topics.id, hiddenOne.id)).run();
    const after = await callRoute(briefing, { path: "/council", cookie: councillor.cookie });
    const related = after.data.items.find((i: { id: number }) => i.id === id).related as Array<{ id: number; path: string }>;
    expect(related.map((r) => r.id)).toEqual([shown.id]);
    expect(related[0]!.path).toBe(`/petitions/${shown.id}`);
    // And since when it awaits the council: the moment its threshold was reached.
    const since = new Date(after.data.items.find((i: { id: number }) => i.id === id).awaitingSince).getTime();
    expect(Date.now() - since).toBeLessThan(60_000);
  });
});
