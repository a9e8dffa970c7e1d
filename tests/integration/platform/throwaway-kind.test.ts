// A kind of topic registered in this test process only ("errand", which no file of the app
// knows): with nothing but its manifest it gets comments, flags, hiding and restoring, follows, the
// timeline, outcomes and next steps, search, the home page and the shared routes. This is the
// promise of the participation core (issue #8): a new kind is a manifest plus its own module.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { comments, topics, type TopicKind } from "#db/schema";
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
import { createPerson } from "../../support/fixtures";
import { callRoute } from "../../support/routes";
import { actorOf } from "../discussions/helpers";

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

beforeAll(() => {
  registerKind(errandKind);
  registerKindServer({
    kind: ERRAND,
    jobs: [],
    personalData: { name: "errands", collect: () => [], erasure: [] },
    seed: () => {},
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
