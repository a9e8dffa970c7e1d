import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { participations, topics } from "#db/schema";
import { postComment } from "~/modules/participation/comments.server";
import { signPetitionAsResident, withdrawSignature } from "~/modules/petitions/petitions.signing.server";
import { recordTopicEvent, recordOutcome, addNextStep } from "~/modules/topics/outcomes.server";
import { listParticipation, markParticipationSeen, participationPersonalData } from "~/modules/topics/participations.server";
import { followTopic, unfollowTopic } from "~/modules/topics/topics.server";
import * as page from "~/routes/participation";
import { db } from "~/utils/db.server";
import { findSessionUser } from "~/utils/auth.server";
import { asWritten, createPerson, deleteAndErase, type TestPerson } from "../../support/fixtures";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";
import { actorOf, clerk, ensureNeighbourhoods, makePetition } from "../petitions/helpers";

const HOUR = 3_600_000;
const load = (person: TestPerson, query = "") => callRoute(page, { path: `/participation${query}`, cookie: person.cookie });
const titles = (items: Array<{ title: string }>) => items.map((i) => i.title);
const event = (topicId: number, at: Date) =>
  db.transaction((tx) => recordTopicEvent(tx, { topicId, type: "closed", payload: {}, actor: null, at }));

describe("My participation", () => {
  it("lists what a person signed, commented on and follows, each way once, and forgets a way they took back", async () => {
    ensureNeighbourhoods();
    const me = await createPerson();
    const signed = await makePetition({ title: "Petitie die ik tekende" });
    const commented = await makePetition({ title: "Petitie waarop ik reageerde" });
    const followed = await makePetition({ title: "Petitie die ik volg" });
    expect((await signPetitionAsResident(actorOf(me), signed.id, { showName: false, postcode: "9903AB" })).ok).toBe(true);
    expect((await signPetitionAsResident(actorOf(me), signed.id, { showName: false, postcode: "9903AB" })).ok).toBe(true);
    const posted = postComment(findSessionUser(me.id)!, { topicId: commented.id, body: "Goed plan, ik doe mee." });
    expect(posted.ok).toBe(true);
    followTopic(me.id, followed.id);
    followTopic(me.id, followed.id);

    const all = (await load(me)).data.items as Array<{ title: string; wayLabels: string[]; statusLabel: string | null; kindLabel: string }>;
    const byTitle = Object.fromEntries(all.map((i) => [i.title, i]));
    expect(Object.keys(byTitle).sort()).toEqual(["Petitie die ik tekende", "Petitie die ik volg", "Petitie waarop ik reageerde"]);
    // The petition's own word for its support; a comment also follows.
    expect(byTitle["Petitie die ik tekende"]!.wayLabels).toEqual(["Ondertekend"]);
    expect(byTitle["Petitie waarop ik reageerde"]!.wayLabels).toEqual(["Gevolgd", "Gereageerd"]);
    expect(byTitle["Petitie die ik volg"]!.wayLabels).toEqual(["Gevolgd"]);
    expect(byTitle["Petitie die ik volg"]!.statusLabel).toBe("Open");
    expect(byTitle["Petitie die ik volg"]!.kindLabel).toBe("Petitie");

    // Unfollowing keeps the comment; withdrawing the signature and unfollowing empty the row.
    unfollowTopic(me.id, commented.id);
    unfollowTopic(me.id, followed.id);
    expect((await withdrawSignature(actorOf(me), signed.id)).ok).toBe(true);
    const after = (await load(me)).data.items as Array<{ title: string; wayLabels: string[] }>;
    expect(after.map((i) => [i.title, i.wayLabels])).toEqual([["Petitie waarop ik reageerde", ["Gereageerd"]]]);
  });

  it("puts the newest change first, pages by key without gaps or repeats, and filters by kind", async () => {
    const me = await createPerson();
    const ids: number[] = [];
    for (let i = 0; i < 23; i++) {
      const { id } = await makePetition({ title: `Gevolgde petitie ${String(i).padStart(2, "0")}` });
      followTopic(me.id, id);
      ids.push(id);
    }
    // Something happens on the oldest one a day from now: it rises to the top.
    event(ids[0]!, new Date(Date.now() + 24 * HOUR));
    const first = await load(me);
    const items = first.data.items as Array<{ title: string }>;
    expect(items).toHaveLength(20);
    expect(items[0]!.title).toBe("Gevolgde petitie 00");
    expect(first.data.prev).toBeNull();
    const second = await load(me, `?after=${first.data.next}`);
    const rest = second.data.items as Array<{ title: string }>;
    expect(rest).toHaveLength(3);
    expect(second.data.next).toBeNull();
    const seen = [...titles(items), ...titles(rest)];
    expect(new Set(seen).size).toBe(23);
    // The previous page of the second is the first again.
    const back = await load(me, `?before=${second.data.prev}`);
    expect(titles(back.data.items)).toEqual(titles(items));
    // A kind with nothing in it lists nothing; an unknown kind is no filter.
    expect((await load(me, "?kind=discussion")).data.items).toHaveLength(0);
    expect((await load(me, "?kind=petition")).data.items).toHaveLength(20);
    const unknown = await load(me, "?kind=nonsense");
    expect(unknown.status).toBe(200);
    expect(unknown.data.items).toHaveLength(20);
    // A tampered cursor is the first page, never an error.
    expect((await load(me, "?after=%%%")).status).toBe(200);
  });

  it("marks a topic with changes since the person last saw it, until they mark it seen", async () => {
    const me = await createPerson();
    const { id } = await makePetition({ title: "Petitie met nieuws" });
    followTopic(me.id, id);
    const unread = () => listParticipation(findSessionUser(me.id)!, { cursor: null }).rows.find((r) => r.topicId === id)!.unread;
    expect(unread()).toBe(false);
    const at = new Date(Date.now() + HOUR);
    db.transaction((tx) =>
      recordOutcome(tx, { topicId: id, type: "decided", payload: {}, actor: null, at, outcome: { type: "decision", result: "adopted", body: "De raad besloot ja." } }),
    );
    expect(unread()).toBe(true);
    const item = listParticipation(findSessionUser(me.id)!, { cursor: null }).rows.find((r) => r.topicId === id)!;
    expect(item.outcome).toMatchObject({ type: "decision", result: "adopted" });

    const marked = await callRoute(page, { method: "POST", path: "/participation", cookie: me.cookie, form: { intent: "seen", topicId: String(id) } });
    expect(marked.status).toBe(302);
    // Seen up to now: the outcome an hour ahead is still news.
    expect(unread()).toBe(true);
    markParticipationSeen(me.id, null, new Date(Date.now() + 2 * HOUR));
    expect(unread()).toBe(false);

    // A topic not in the overview, or a tampered form, changes nothing.
    const other = await makePetition();
    expect(markParticipationSeen(me.id, other.id)).toEqual({ ok: false, reason: "participation.unknownTopic" });
    const tampered = await callRoute(page, { method: "POST", path: "/participation", cookie: me.cookie, form: { intent: "seen", topicId: "abc" } });
    expect(tampered.status).toBe(400);
  });

  it("shows the first open next step, and leaves out a topic moderation hid", async () => {
    const me = await createPerson();
    const shown = await makePetition({ title: "Petitie met een stap" });
    const hidden = await makePetition({ title: "Verborgen petitie" });
    followTopic(me.id, shown.id);
    followTopic(me.id, hidden.id);
    const staff = actorOf(await clerk());
    db.transaction((tx) => addNextStep(tx, { topicId: shown.id, actor: staff, step: { description: "Wethouder schrijft een plan", responsibleBody: "College", dueAt: new Date(Date.now() + 48 * HOUR) } }));
    db.update(topics).set({ hidden: true }).where(eq(topics.id, hidden.id)).run();
    const rows = listParticipation(findSessionUser(me.id)!, { cursor: null }).rows;
    expect(rows.map((r) => r.title)).toEqual(["Petitie met een stap"]);
    expect(rows[0]!.nextStep).toMatchObject({ description: "Wethouder schrijft een plan", responsibleBody: "College" });
  });

  it("is in download-my-data, and goes with the account", async () => {
    const me = await createPerson();
    const { id } = await makePetition({ title: "Petitie in mijn gegevens" });
    followTopic(me.id, id);
    const section = await asWritten(participationPersonalData.collect(db, me.id));
    expect(section).toEqual([expect.objectContaining({ topicId: id, title: "Petitie in mijn gegevens", ways: ["followed"] })]);
    await deleteAndErase(me);
    expect(db.select().from(participations).where(and(eq(participations.userId, me.id))).all()).toHaveLength(0);
  });

  it("is only for signed-in people", async () => {
    await expectPermissions({ route: page, request: () => ({ path: "/participation" }), allowed: ["resident", "clerk", "councillor", "admin"] });
  });
});
