// A kind of topic registered in this test process only ("errand", which no file of the app
// knows): with nothing but its manifest it gets comments, flags, hiding and restoring, follows, the
// timeline, outcomes and next steps, search, the home page and the shared routes; with a support
// policy it gets support once per person, withdrawing, the counts, a threshold, the mailing to its
// supporters and their anonymisation, and the fast path in front of Remix. This is the promise of
// the participation core (issue #8): a new kind is a manifest plus its own module.
import type { IncomingMessage } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { comments, notifications, supportDailyCounts, supportNeighbourhoodCounts, supports, topicEvents, topics, type TopicKind } from "#db/schema";
import * as commentsRoute from "~/routes/topics.$id.comments";
import * as followRoute from "~/routes/topics.$id.follow";
import * as home from "~/routes/_index";
import { postComment } from "~/modules/participation/comments.server";
import { flagContent } from "~/modules/participation/flags.server";
import { decideModeration } from "~/modules/participation/moderation.server";
import { registerKind, type KindManifest } from "~/modules/topics/topics.kinds";
import { registerKindServer } from "~/modules/topics/topics.kinds.server";
import {
  addNextStep,
  addOutcome,
  addTopicEvent,
  getOutcomeBlock,
  insertTopic,
  isFollowing,
  listTimeline,
  searchTopics,
} from "~/modules/topics/topics.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { db } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { anonymiseSupporters } from "~/modules/support/support.anonymise.server";
import { startSupporterMailing, sendSupporterMailings } from "~/modules/support/support.mailings.server";
import { answerWithdrawalBy } from "~/modules/support/support.answer.server";
import { topicSupportPolicy, withdrawTopicSupport, type TopicSupportSpec } from "~/modules/support/support.topics.server";
import { getUserByCookie } from "~/utils/auth.server";
import { fastRouteFor } from "~/utils/http.server";
import { createPerson } from "../../support/fixtures";
import { callRoute } from "../../support/routes";
import { actorOf } from "../discussions/helpers";
import { ensureNeighbourhoods, resident } from "../petitions/helpers";

// Not one of the app's kinds: the database column takes any text, the type is widened for the test.
const ERRAND = "errand" as TopicKind;

const errandKind: KindManifest = {
  kind: ERRAND,
  path: "/errands",
  // Words of the kinds the app has: the test is about wiring, not about new messages.
  label: "topic.kind.discussion",
  navLabel: "nav.discussions",
  permissions: { "errand:read": { allowVisitor: true, check: () => true } },
  staffNav: [],
  comments: { stances: ["for", "against"], closedIn: { done: "topic-closed" } },
  home: { notNews: ["withdrawn"], metric: { counter: "commentCount", label: "discussion.list.comments" } },
};

// Residents support an errand while it looks for helpers; at three it is planned (and still takes helpers).
const errandSupport: TopicSupportSpec = {
  kind: ERRAND,
  segment: "errands",
  action: "support",
  mayRead: (_user, t) => t.isPublic && !t.hidden,
  maySupport: (user) => user.emailVerified && !user.blocked,
  isOpen: (t) => t.status === "open" || t.status === "planned",
  thresholds: {
    of: (t) => [{ name: "helpers", at: 3, reached: t.status !== "open" }],
    reached: (tx, t) => tx.update(topics).set({ status: "planned" }).where(and(eq(topics.id, t.id), eq(topics.status, "open"))).run().changes === 1,
  },
  messages: { counted: "petition.sign.thanks", already: "petition.sign.already", withdrawn: "petition.sign.withdrawn", closed: "petition.error.signClosed", notFound: "petition.error.notFound" },
  mailing: { keyPrefix: "errand", title: (id) => db.select({ title: topics.title }).from(topics).where(eq(topics.id, id)).get()?.title, outcomeEmails: {} },
  retention: { monthsAfterClose: () => 6 },
};
const errandSupportPolicy = topicSupportPolicy(errandSupport);

beforeAll(() => {
  registerKind(errandKind);
  registerKindServer({
    kind: ERRAND,
    jobs: [],
    personalData: { name: "errands", collect: () => [], erasure: [] },
    seed: () => {},
    support: errandSupportPolicy,
  });
});

const newErrand = (title: string, status = "open") =>
  db.transaction((tx) =>
    insertTopic(tx, { kind: ERRAND, title, summary: "Een klus voor de wijk", body: "Wie helpt de bankjes verven in het Stadspark?", authorId: null, status, isPublic: true }),
  );

describe("a kind registered in the test process only", () => {
  it("lives under its manifest's path and has its permission rules registered with can()", () => {
    const id = newErrand("Bankjes verven");
    expect(topicPath({ id, kind: ERRAND })).toBe(`/errands/${id}`);
    expect(can(null, "errand:read" as never)).toBe(true);
  });

  it("gets comments with the stances its manifest offers, through the shared route, and closes them in its closed status", async () => {
    const id = newErrand("Zwerfvuil prikken");
    const anna = await createPerson();
    const posted = await callRoute(commentsRoute, {
      path: `/topics/${id}/comments`,
      params: { id: String(id) },
      form: { intent: "post", body: "Ik doe mee op zaterdag", stance: "for" },
      cookie: anna.cookie,
    });
    expect(posted.status).toBe(302);
    expect(posted.location).toMatch(new RegExp(`^/errands/${id}#comment-\\d+$`));
    const commentId = Number(posted.location!.split("#comment-")[1]);
    expect(db.select().from(comments).where(eq(comments.id, commentId)).get()!.stance).toBe("for");
    expect(db.select().from(topics).where(eq(topics.id, id)).get()!.commentCount).toBe(1);

    db.update(topics).set({ status: "done" }).where(eq(topics.id, id)).run();
    const late = postComment(actorOf(anna), { topicId: id, body: "Nog een reactie" });
    expect(late).toEqual({ ok: false, reason: "topic-closed" });
  });

  it("gets flags that hide a comment, and a clerk's hide and restore", async () => {
    const id = newErrand("Heg snoeien");
    const writer = await createPerson();
    const posted = postComment(actorOf(writer), { topicId: id, body: "Iets onaardigs" });
    if (!posted.ok) throw new Error(posted.reason);
    for (let i = 0; i < 3; i++) {
      const flagged = flagContent(actorOf(await createPerson()), { targetType: "comment", targetId: posted.commentId, reason: "offensive" });
      expect(flagged.ok).toBe(true);
    }
    const row = () => db.select().from(comments).where(eq(comments.id, posted.commentId)).get()!;
    expect(row().hiddenBy).toBe("flags");
    const clerk = actorOf(await createPerson({ roles: ["clerk"] }));
    expect(decideModeration(clerk, { targetType: "comment", targetId: posted.commentId, decision: "restore", reason: "Valt wel mee" })).toEqual({
      ok: true,
      topicPath: `/errands/${id}`,
    });
    expect(row().hiddenBy).toBeNull();
    expect(decideModeration(clerk, { targetType: "topic", targetId: id, decision: "hide", reason: "Hoort hier niet" }).ok).toBe(true);
    expect(db.select().from(topics).where(eq(topics.id, id)).get()!.hidden).toBe(true);
    expect(decideModeration(clerk, { targetType: "topic", targetId: id, decision: "restore", reason: "Toch wel" }).ok).toBe(true);
    expect(db.select().from(topics).where(eq(topics.id, id)).get()!.hidden).toBe(false);
  });

  it("gets follows through the shared route, and the timeline, outcome and next steps", async () => {
    const id = newErrand("Speeltuin opknappen");
    const person = await createPerson();
    const followed = await callRoute(followRoute, { path: `/topics/${id}/follow`, params: { id: String(id) }, form: { intent: "follow" }, cookie: person.cookie });
    expect(followed.location).toBe(`/errands/${id}`);
    expect(isFollowing(person.id, id)).toBe(true);

    addTopicEvent(db, { topicId: id, type: "published" });
    db.transaction((tx) => {
      addOutcome(tx, { topicId: id, type: "decision", body: "De gemeente levert de verf.", authorId: null });
      addNextStep(tx, { topicId: id, description: "Verf bestellen", dueAt: new Date(Date.now() + 7 * 86_400_000) });
    });
    expect(listTimeline(id).map((e) => e.type)).toEqual(["published"]);
    const block = getOutcomeBlock(id);
    expect(block.outcomes).toHaveLength(1);
    expect(block.nextSteps.map((s) => s.description)).toEqual(["Verf bestellen"]);
  });

  it("is found by search and shown on the home page with its manifest's figure, but not in a status that is no news", async () => {
    const id = newErrand("Bloembakken vullen");
    const gone = newErrand("Bloembakken legen", "withdrawn");
    expect(searchTopics("Bloembakken").hits.map((h) => h.id)).toEqual(expect.arrayContaining([id, gone]));
    const page = await callRoute(home, { path: "/" });
    const card = page.data.latest.find((t: { id: number }) => t.id === id);
    expect(card).toMatchObject({ path: `/errands/${id}`, metric: { label: "discussion.list.comments", count: 0 } });
    expect(page.data.latest.some((t: { id: number }) => t.id === gone)).toBe(false);
  });
});

/** One press of the support button as server.js receives it: the fast route registered from the manifest answers it. */
async function pressSupport(id: number, cookie: string) {
  const req = {
    method: "POST",
    url: `/errands/${id}/support`,
    headers: { "content-length": "0", "content-type": "application/x-www-form-urlencoded", cookie },
  } as unknown as IncomingMessage;
  const found = fastRouteFor(req);
  if (!found) throw new Error("no fast route for the errand's support");
  expect(found.id).toBe(id);
  return found.route.answer({ id, cookie, form: new URLSearchParams() });
}

const supportCount = (id: number) => db.select({ n: topics.supportCount }).from(topics).where(eq(topics.id, id)).get()!.n;
const sumOf = (table: typeof supportDailyCounts | typeof supportNeighbourhoodCounts, id: number) =>
  db.select({ n: sql<number>`coalesce(sum(${table.count}), 0)` }).from(table).where(eq(table.topicId, id)).get()!.n;

describe("a kind registered in the test process only, with a support policy", () => {
  it("takes support once per person on the fast path, a repeat is the same request, and withdrawing while open counts it off", async () => {
    const hoods = ensureNeighbourhoods();
    const id = newErrand("Bankjes verven in het Stadspark");
    const anna = await resident({ postcode: "9903AB" });
    const first = await pressSupport(id, anna.cookie);
    expect(first).toMatchObject({ status: 302, location: `/errands/${id}` });
    expect((await pressSupport(id, anna.cookie)).status).toBe(302);
    expect(supportCount(id)).toBe(1);
    expect(db.select().from(supports).where(eq(supports.topicId, id)).all()).toEqual([
      expect.objectContaining({ userId: anna.id, status: "counted", neighbourhoodId: hoods.Centrum }),
    ]);
    expect([sumOf(supportDailyCounts, id), sumOf(supportNeighbourhoodCounts, id)]).toEqual([1, 1]);

    expect(withdrawTopicSupport(errandSupport, anna, id)).toEqual({ ok: true, already: false });
    expect(withdrawTopicSupport(errandSupport, anna, id)).toEqual({ ok: true, already: true });
    expect([supportCount(id), sumOf(supportDailyCounts, id), sumOf(supportNeighbourhoodCounts, id)]).toEqual([0, 0, 0]);
    await pressSupport(id, anna.cookie);
    expect(supportCount(id)).toBe(1);
    expect(db.select().from(supports).where(eq(supports.topicId, id)).all()).toHaveLength(1);

    db.update(topics).set({ status: "done" }).where(eq(topics.id, id)).run();
    expect(withdrawTopicSupport(errandSupport, anna, id)).toEqual({ ok: false, reason: "petition.error.signClosed" });
    const late = await pressSupport(id, (await resident()).cookie);
    expect(late.status).toBe(303);
    expect(supportCount(id)).toBe(1);
  });

  it("is withdrawn through the support module's answers too: a visitor goes to sign in, a supporter back to the topic, a closed topic says why", async () => {
    const id = newErrand("Stoepen vegen in de Vogelbuurt");
    const bram = await resident();
    await pressSupport(id, bram.cookie);
    expect(await answerWithdrawalBy(errandSupportPolicy, null, id)).toMatchObject({ status: 303, location: `/sign-in?redirectTo=${encodeURIComponent(`/errands/${id}`)}` });
    expect(supportCount(id)).toBe(1);
    const user = (await getUserByCookie(bram.cookie))!;
    expect(await answerWithdrawalBy(errandSupportPolicy, user, id)).toMatchObject({ status: 302, location: `/errands/${id}` });
    expect(supportCount(id)).toBe(0);
    await pressSupport(id, bram.cookie);
    db.update(topics).set({ status: "done" }).where(eq(topics.id, id)).run();
    expect(await answerWithdrawalBy(errandSupportPolicy, user, id)).toMatchObject({ status: 303, location: `/errands/${id}` });
    expect(supportCount(id)).toBe(1);
  });

  it("answers support for a topic no one may see with a 404 and counts nothing", async () => {
    const id = newErrand("Heg snoeien langs de Dorpsstraat");
    db.update(topics).set({ hidden: true }).where(eq(topics.id, id)).run();
    expect((await pressSupport(id, (await resident()).cookie)).status).toBe(404);
    expect(supportCount(id)).toBe(0);
  });

  it("reaches its threshold once: the kind's hook moves it on and the timeline shows it, a withdrawal and a new supporter change nothing", async () => {
    const id = newErrand("Speeltuin schilderen");
    const people = await Promise.all([1, 2, 3, 4].map(() => resident()));
    await Promise.all(people.slice(0, 3).map((p) => pressSupport(id, p.cookie)));
    const status = () => db.select({ s: topics.status }).from(topics).where(eq(topics.id, id)).get()!.s;
    expect(status()).toBe("planned");
    const reached = () => db.select().from(topicEvents).where(and(eq(topicEvents.topicId, id), eq(topicEvents.type, "threshold-reached"))).all();
    expect(reached().map((e) => e.data)).toEqual([{ count: 3, kind: "helpers" }]);
    withdrawTopicSupport(errandSupport, people[0]!, id);
    await pressSupport(id, people[3]!.cookie);
    await pressSupport(id, people[0]!.cookie);
    expect(supportCount(id)).toBe(4);
    expect(reached()).toHaveLength(1);
  });

  it("mails an event to every supporter once, resumably, and anonymises them after its retention with the counts kept", async () => {
    const id = newErrand("Bloembakken vullen op het plein");
    const people = await Promise.all([1, 2, 3].map(() => resident()));
    for (const p of people) await pressSupport(id, p.cookie);
    const notice = { eventKey: "painted", type: "petition.notification.closed" as const, data: { title: "Bloembakken", count: 3 }, link: `/errands/${id}`, email: "notice" as const, now: new Date() };
    db.transaction((tx) => {
      startSupporterMailing(tx, errandSupportPolicy, { id, hidden: false, authorId: null }, notice);
      startSupporterMailing(tx, errandSupportPolicy, { id, hidden: false, authorId: null }, notice);
    });
    while ((await sendSupporterMailings()) > 0);
    const told = db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.topicId, id), eq(notifications.type, notice.type))).all();
    expect(told.map((n) => n.userId).sort()).toEqual(people.map((p) => p.id).sort());

    db.update(topics).set({ status: "done", closedAt: new Date(Date.now() - 7 * 31 * 86_400_000) }).where(eq(topics.id, id)).run();
    await anonymiseSupporters();
    expect(db.select().from(supports).where(eq(supports.topicId, id)).all().every((s) => s.userId === null && s.anonymisedAt !== null)).toBe(true);
    expect([supportCount(id), sumOf(supportDailyCounts, id)]).toEqual([3, 3]);
  });
});
