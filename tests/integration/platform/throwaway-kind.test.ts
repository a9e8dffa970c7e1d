// A kind of topic registered in this test process only ("errand", which no file of the app
// knows): with nothing but its manifest it gets comments, flags, hiding and restoring, follows, the
// timeline, outcomes and next steps, search, the home page and the shared routes; with a support
// policy it gets support once per person, withdrawing, the counts, a threshold, the mailing to its
// supporters and their anonymisation, and the fast path in front of Remix. This is the promise of
// the participation core (issue #8): a new kind is a manifest plus its own module.
import type { IncomingMessage } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, comments, notifications, outcomes, supportDailyCounts, supportNeighbourhoodCounts, supports, topicEvents, topics, users, type TopicKind } from "#db/schema";
import * as commentsRoute from "~/routes/topics.$id.comments";
import * as followRoute from "~/routes/topics.$id.follow";
import * as home from "~/routes/_index";
import * as openDataRoute from "~/routes/open-data.$kind";
import * as openDataIndex from "~/routes/open-data._index";
import * as apiTopics from "~/routes/api.v1.topics._index";
import * as apiTopic from "~/routes/api.v1.topics.$id";
import * as apiDescription from "~/routes/api.v1.openapi[.]json";
import { postComment } from "~/modules/participation/comments.server";
import { flagContent } from "~/modules/participation/flags.server";
import { decideModeration } from "~/modules/participation/moderation.server";
import { registerKind, type KindManifest } from "~/modules/topics/topics.kinds";
import { registerKindServer } from "~/modules/topics/topics.kinds.server";
import { recordTopicEvent, topicTimeline } from "~/modules/topics/outcomes.server";
import { event } from "~/modules/topics/timeline.events";
import { getOutcomeBlock, insertTopic, isFollowing, listTimeline, searchTopics } from "~/modules/topics/topics.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { db } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { anonymiseSupporters } from "~/modules/support/support.anonymise.server";
import { sendSupporterMailings } from "~/modules/support/support.mailings.server";
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

const errandEvents = { "volunteers-found": event<{ count: number }>({ public: true, message: "timeline.threshold-reached" }) };

const errandKind: KindManifest = {
  kind: ERRAND,
  path: "/errands",
  // Words of the kinds the app has: the test is about wiring, not about new messages.
  label: "topic.kind.discussion",
  navLabel: "nav.discussions",
  permissions: { "errand:read": { allowVisitor: true, check: () => true } },
  staffNav: [],
  comments: { stances: ["for", "against"], closedIn: { done: "topic-closed" } },
  // An event of its own beside the shared ones (published, decided, next steps...).
  events: errandEvents,
  home: { notNews: ["withdrawn"], metric: { counter: "commentCount", label: "discussion.list.comments" } },
  // Its own read rule: the errands of one person (set by a test) are for signed-in people only.
  visibility: (actor, topic, shared) => shared && !(actor === null && topic.authorId !== null && topic.authorId === membersOnlyAuthor),
};
let membersOnlyAuthor: string | null = null;

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
    // Its own open-data field beside the shared ones: how many helpers it asks for.
    openData: { columns: ["helpersWanted"], fields: (ids) => new Map(ids.map((id) => [id, { helpersWanted: 3 }])), sources: [] },
    seed: () => {},
    support: errandSupportPolicy,
    // Who hears of its events: whoever follows it, supports it, commented on it or opened it.
    audience: { hears: ["followers", "supporters", "participants", "author"] },
  });
});

/** The outcome service as the errand's own module would hold it: typed by its catalogue. */
const errands = topicTimeline({ events: errandEvents });

const newErrand = (title: string, status = "open", authorId: string | null = null) =>
  db.transaction((tx) =>
    insertTopic(tx, { kind: ERRAND, title, summary: "Een klus voor de wijk", body: "Wie helpt de bankjes verven in het Stadspark?", authorId, status, isPublic: true }),
  );

/** The notices a person got about a topic's events (the comment notices are the participation core's, tested there). */
const noticesOf = (userId: string, topicId: number) =>
  db
    .select({ type: notifications.type })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.topicId, topicId)))
    .orderBy(notifications.id)
    .all()
    .map((n) => n.type)
    .filter((type) => !type.startsWith("comment."));

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

  it("gets follows through the shared route, and its outcome and next steps through the outcome service, told to its audience once", async () => {
    const author = await createPerson();
    const id = newErrand("Speeltuin opknappen", "open", author.id);
    const follower = await createPerson();
    const followed = await callRoute(followRoute, { path: `/topics/${id}/follow`, params: { id: String(id) }, form: { intent: "follow" }, cookie: follower.cookie });
    expect(followed.location).toBe(`/errands/${id}`);
    expect(isFollowing(follower.id, id)).toBe(true);
    const commenter = await createPerson();
    expect(postComment(actorOf(commenter), { topicId: id, body: "Ik kan schuren" }).ok).toBe(true);
    // The one recipient filter: a blocked follower and a deleted one hear nothing.
    const blocked = await createPerson();
    const gone = await createPerson();
    for (const person of [blocked, gone]) {
      await callRoute(followRoute, { path: `/topics/${id}/follow`, params: { id: String(id) }, form: { intent: "follow" }, cookie: person.cookie });
    }
    db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.id)).run();
    db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, gone.id)).run();
    const clerk = actorOf(await createPerson({ roles: ["clerk"] }));

    const decide = () =>
      db.transaction((tx) =>
        errands.recordOutcome(tx, {
          topicId: id, type: "decided", payload: {}, actor: clerk,
          outcome: { type: "decision", result: "adopted", body: "De gemeente levert de verf." },
          audit: { action: "errand.decide", before: { status: "open" }, after: { status: "done" } },
          notice: { type: "discussion.notice.concluded", data: { title: "Speeltuin opknappen", conclusion: "De gemeente levert de verf." } },
        }),
      );
    expect(decide()).toMatchObject({ ok: true, already: false });
    // A repeat of the same request writes and tells nothing.
    expect(decide()).toEqual({ ok: true, already: true });
    for (const person of [author, follower, commenter]) expect(noticesOf(person.id, id)).toEqual(["discussion.notice.concluded"]);
    for (const person of [blocked, gone]) expect(noticesOf(person.id, id)).toEqual([]);
    expect(noticesOf(clerk.id, id)).toEqual([]);
    expect(db.select().from(outcomes).where(eq(outcomes.topicId, id)).all()).toHaveLength(1);
    expect(db.select().from(auditLog).where(and(eq(auditLog.entityType, "topic"), eq(auditLog.entityId, String(id)))).all().map((a) => a.action)).toEqual(["errand.decide"]);

    const step = db.transaction((tx) =>
      errands.addNextStep(tx, {
        topicId: id, actor: clerk, step: { description: "Verf bestellen", dueAt: new Date(Date.now() + 7 * 86_400_000) },
        notice: { type: "petition.notification.nextStep", data: { title: "Speeltuin opknappen" } },
      }),
    );
    if (!step.ok) throw new Error(step.reason);
    const done = () =>
      db.transaction((tx) =>
        errands.completeNextStep(tx, { topicId: id, stepId: step.stepId, actor: clerk, notice: { type: "petition.notification.nextStepDone", data: { title: "Speeltuin opknappen" } } }),
      );
    expect(done()).toEqual({ ok: true, already: false });
    expect(done()).toEqual({ ok: true, already: true });
    expect(noticesOf(follower.id, id)).toEqual(["discussion.notice.concluded", "petition.notification.nextStep", "petition.notification.nextStepDone"]);
    expect(db.transaction((tx) => errands.record(tx, { topicId: id, type: "volunteers-found", payload: { count: 12 }, actor: null })).ok).toBe(true);

    expect(listTimeline(id).map((e) => [e.type, e.message])).toEqual([
      ["decided", "timeline.decided"],
      ["next-step-added", "timeline.next-step-added"],
      ["next-step-done", "timeline.next-step-done"],
      ["volunteers-found", "timeline.threshold-reached"],
    ]);
    const roles = db.select({ role: topicEvents.actorRole, kind: topicEvents.kind }).from(topicEvents).where(eq(topicEvents.topicId, id)).all();
    expect(roles).toEqual([
      { role: "staff", kind: ERRAND },
      { role: "staff", kind: ERRAND },
      { role: "staff", kind: ERRAND },
      { role: "system", kind: ERRAND },
    ]);
    const block = getOutcomeBlock(id);
    expect(block.outcomes.map((o) => o.result)).toEqual(["adopted"]);
    expect(block.nextSteps.map((s) => [s.description, s.status])).toEqual([["Verf bestellen", "done"]]);
  });

  it("records no event its manifest did not declare", () => {
    const id = newErrand("Fietsenrek plaatsen");
    // @ts-expect-error: a petition's event is not in the errand's catalogue
    const wrong = () => db.transaction((tx) => errands.record(tx, { topicId: id, type: "responded", payload: {}, actor: null }));
    expect(wrong).toThrow(/did not declare the timeline event "responded"/);
    expect(() => db.transaction((tx) => recordTopicEvent(tx, { topicId: id, type: "concluded", payload: {}, actor: null }))).toThrow(/did not declare/);
    expect(listTimeline(id)).toEqual([]);
  });

  it("is found by search and shown on the home page with its manifest's figure, but not in a status that is no news", async () => {
    const id = newErrand("Bloembakken vullen");
    const gone = newErrand("Bloembakken legen", "withdrawn");
    expect(searchTopics("Bloembakken").hits.map((h) => h.id)).toEqual(expect.arrayContaining([id, gone]));
    const page = await callRoute(home, { path: "/" });
    const card = page.data.latest.find((t: { id: number }) => t.id === id);
    expect(card).toMatchObject({ path: `/errands/${id}`, metric: "0 reacties" });
    expect(page.data.latest.some((t: { id: number }) => t.id === gone)).toBe(false);
  });

  it("is left out of search and open data for everyone when its own read rule keeps a visitor out", async () => {
    const member = await createPerson();
    membersOnlyAuthor = member.id;
    try {
      const kept = newErrand("Ledenklus sleutelkastje", "open", member.id);
      const open = newErrand("Openklus sleutelkastje");
      expect(can(null, "topic:read", { kind: ERRAND, isPublic: true, hidden: false, authorId: member.id })).toBe(false);
      const hits = searchTopics("sleutelkastje").hits.map((h) => h.id);
      expect(hits).toContain(open);
      expect(hits).not.toContain(kept);
      const data = await callRoute(openDataRoute, { path: `/open-data/${ERRAND}?after=${kept - 1}`, params: { kind: ERRAND } });
      expect(data.data.items.map((i: { id: number }) => i.id)).toEqual([open]);
      // The open API reads by the same rule.
      const api = await callRoute(apiTopics, { path: `/api/v1/topics?kind=${ERRAND}&limit=200` });
      expect(api.data.items.map((i: { id: number }) => i.id)).toContain(open);
      expect(api.data.items.map((i: { id: number }) => i.id)).not.toContain(kept);
      expect((await callRoute(apiTopic, { path: `/api/v1/topics/${kept}`, params: { id: String(kept) } })).status).toBe(404);
    } finally {
      membersOnlyAuthor = null;
    }
  });

  it("is in the open data with the shared fields and its own, without hidden or unpublished ones, page by page and as CSV", async () => {
    const first = newErrand("Heg snoeien");
    const hidden = newErrand("Heg verbranden");
    db.update(topics).set({ hidden: true }).where(eq(topics.id, hidden)).run();
    const draft = db.transaction((tx) => insertTopic(tx, { kind: ERRAND, title: "Heg planten", summary: "", body: "", authorId: null, status: "draft", isPublic: false }));
    const last = newErrand("Heg water geven");

    const index = await callRoute(openDataIndex, { path: "/open-data" });
    expect(index.data.kinds).toContainEqual(expect.objectContaining({ kind: ERRAND, columns: expect.arrayContaining(["title", "helpersWanted"]) }));

    // Two at a time from before the first: the cursor walks every public errand once, in id order.
    const seen: Array<Record<string, unknown>> = [];
    let path: string | null = `/open-data/${ERRAND}?after=${first - 1}&limit=2`;
    while (path) {
      const page = await callRoute(openDataRoute, { path, params: { kind: ERRAND } });
      expect(page.status).toBe(200);
      seen.push(...page.data.items);
      path = page.data.next;
    }
    const ids = seen.map((item) => item.id);
    expect(ids).toContain(first);
    expect(ids).toContain(last);
    expect(ids).not.toContain(hidden);
    expect(ids).not.toContain(draft);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.find((item) => item.id === first)).toMatchObject({ kind: ERRAND, url: expect.stringMatching(new RegExp(`/errands/${first}$`)), title: "Heg snoeien", status: "open", helpersWanted: 3 });
    // Open data names nobody.
    expect(Object.keys(seen[0]!)).not.toEqual(expect.arrayContaining(["authorId"]));

    // The open API has the same record, and its description knows the kind and its own field.
    const api = await callRoute(apiTopic, { path: `/api/v1/topics/${first}`, params: { id: String(first) } });
    expect(api.data).toEqual(seen.find((item) => item.id === first));
    expect((await callRoute(apiTopic, { path: `/api/v1/topics/${hidden}`, params: { id: String(hidden) } })).status).toBe(404);
    const description = await callRoute(apiDescription, { path: "/api/v1/openapi.json" });
    expect(description.data.components.schemas[`Topic_${ERRAND}`].properties).toHaveProperty("helpersWanted");

    const csv = await callRoute(openDataRoute, { path: `/open-data/${ERRAND}?format=csv`, params: { kind: ERRAND } });
    expect(csv.status).toBe(200);
    const lines = String(csv.data).trim().split(/\r?\n/);
    expect(lines[0]!.split(",")).toEqual(expect.arrayContaining(["id", "title", "helpersWanted"]));
    expect(lines.some((line) => line.includes("Heg snoeien"))).toBe(true);
    expect(lines.some((line) => line.includes("Heg verbranden") || line.includes("Heg planten"))).toBe(false);
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
  const answer = await found.route.answer({ id, cookie, form: new URLSearchParams() });
  // Support answers every press itself: it never leaves one to Remix.
  if (!answer) throw new Error("the support fast path left a press to Remix");
  return answer;
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
    expect(reached().map((e) => e.data)).toEqual([{ count: 3, threshold: "helpers" }]);
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
    // Its close through the outcome service, twice: the supporters hear it once, by the mailing.
    const notice = { type: "petition.notification.closed" as const, data: { title: "Bloembakken", count: 3 } };
    for (let i = 0; i < 2; i++) db.transaction((tx) => errands.record(tx, { topicId: id, type: "closed", payload: {}, actor: null, notice }));
    while ((await sendSupporterMailings()) > 0);
    const told = db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.topicId, id), eq(notifications.type, notice.type))).all();
    expect(told.map((n) => n.userId).sort()).toEqual(people.map((p) => p.id).sort());

    db.update(topics).set({ status: "done", closedAt: new Date(Date.now() - 7 * 31 * 86_400_000) }).where(eq(topics.id, id)).run();
    await anonymiseSupporters();
    expect(db.select().from(supports).where(eq(supports.topicId, id)).all().every((s) => s.userId === null && s.anonymisedAt !== null)).toBe(true);
    expect([supportCount(id), sumOf(supportDailyCounts, id)]).toEqual([3, 3]);
  });
});
