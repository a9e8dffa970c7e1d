// Forms that create something carry a hidden `submission` key made when the page was rendered.
// The same post twice (a double click, a resent form), one after the other or at the same moment,
// creates one row, one timeline event and one notice, and both answers send the person to the same
// place. Another key is another thing; a malformed key is a 400 with a message; no key still works.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { comments, emailOutbox, notifications, rateLimits, topicEvents, topics } from "#db/schema";
import * as newPetitionRoute from "~/routes/petitions.new";
import * as newDiscussionRoute from "~/routes/discussions.new";
import * as commentsRoute from "~/routes/topics.$id.comments";
import * as discussionPage from "~/routes/discussions.$id";
import { db } from "~/utils/db.server";
import { newSubmissionKey } from "~/utils/forms.server";
import { RATE_LIMITS } from "~/utils/rate-limit.server";
import { callRoute, type RouteResult } from "../../support/routes";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { raceTwice } from "../../support/race";
import { newDiscussion } from "../discussions/helpers";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(async () => {
  await mail.stop();
});

const count = (table: typeof topics | typeof comments | typeof topicEvents | typeof notifications | typeof emailOutbox, where: ReturnType<typeof eq>) =>
  db.select({ n: sql<number>`count(*)` }).from(table).where(where).get()!.n;

const topicsBy = (person: TestPerson, kind: "petition" | "discussion") => count(topics, and(eq(topics.authorId, person.id), eq(topics.kind, kind))!);
const topicIdOf = (result: RouteResult) => Number(result.location!.split("/").pop());
const eventsOf = (topicId: number) => db.select({ type: topicEvents.type }).from(topicEvents).where(eq(topicEvents.topicId, topicId)).all().map((e) => e.type);

function petitionForm(extra: Record<string, string> = {}) {
  return { title: "Meer bankjes in het Stadspark", request: "Wij vragen de gemeente om tien bankjes bij te plaatsen in het park.", background: "", ...extra };
}
const postPetition = (person: TestPerson, form: Record<string, string>) => callRoute(newPetitionRoute, { path: "/petitions/new", form, cookie: person.cookie });
const postDiscussion = (person: TestPerson, form: Record<string, string>) => callRoute(newDiscussionRoute, { path: "/discussions/new", form, cookie: person.cookie });
const postComment = (person: TestPerson, topicId: number, form: Record<string, string>) =>
  callRoute(commentsRoute, { path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form, cookie: person.cookie });

describe("the submission key", () => {
  it("is made fresh by each page that creates something, and only for people who may write", async () => {
    const anna = await createPerson();
    const first = await callRoute(newPetitionRoute, { path: "/petitions/new", cookie: anna.cookie });
    const again = await callRoute(newPetitionRoute, { path: "/petitions/new", cookie: anna.cookie });
    expect(first.data.submission).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(again.data.submission).not.toBe(first.data.submission);
    const discussion = await callRoute(newDiscussionRoute, { path: "/discussions/new", cookie: anna.cookie });
    expect(discussion.data.submission).toMatch(/^[A-Za-z0-9_-]{16,64}$/);

    const { topicId } = await newDiscussion();
    const signedIn = await callRoute(discussionPage, { path: `/discussions/${topicId}`, params: { id: String(topicId) }, cookie: anna.cookie });
    expect(signedIn.data.thread.submissionKey).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const anonymous = await callRoute(discussionPage, { path: `/discussions/${topicId}`, params: { id: String(topicId) } });
    expect(anonymous.data.thread.submissionKey).toBeNull();
  });
});

describe("a new petition draft", () => {
  it("posted twice with one key is one draft with one event, and both answers lead to it", async () => {
    const anna = await createPerson();
    const submission = newSubmissionKey();
    const first = await postPetition(anna, petitionForm({ submission }));
    const second = await postPetition(anna, petitionForm({ submission }));
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(second.location).toBe(first.location);
    expect(topicsBy(anna, "petition")).toBe(1);
    expect(eventsOf(topicIdOf(first))).toEqual(["created"]);
    // The repeat is not counted against the daily limit of new things.
    const limit = db.select().from(rateLimits).where(eq(rateLimits.key, `${RATE_LIMITS.createPerUser.name}:${anna.id}`)).get();
    expect(limit?.count).toBe(1);
  });

  it("posted twice at the same moment is still one draft", async () => {
    const bob = await createPerson();
    const submission = newSubmissionKey();
    const [a, b] = await Promise.all([postPetition(bob, petitionForm({ submission })), postPetition(bob, petitionForm({ submission }))]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(a.location).toBe(b.location);
    expect(topicsBy(bob, "petition")).toBe(1);
    expect(eventsOf(topicIdOf(a))).toEqual(["created"]);
  });

  it("with another key is another draft, and without a key it still works", async () => {
    const carol = await createPerson();
    const one = await postPetition(carol, petitionForm({ submission: newSubmissionKey() }));
    const two = await postPetition(carol, petitionForm({ submission: newSubmissionKey() }));
    const old = await postPetition(carol, petitionForm());
    expect([one.status, two.status, old.status]).toEqual([302, 302, 302]);
    expect(new Set([one.location, two.location, old.location]).size).toBe(3);
    expect(topicsBy(carol, "petition")).toBe(3);
  });

  it("with a malformed key is a 400 with a translated message, and writes nothing", async () => {
    const dirk = await createPerson({ locale: "en" });
    for (const submission of ["short", "x".repeat(65), "bad key with spaces!!", "<script>alert(1)</script>"]) {
      const result = await postPetition(dirk, petitionForm({ submission }));
      expect(result.status).toBe(400);
      expect(result.data.errors.form).toBe("This form is damaged or was already used for something else. Reload the page and try again.");
      expect(result.data.values.title).toBe("Meer bankjes in het Stadspark");
    }
    expect(topicsBy(dirk, "petition")).toBe(0);
  });

  it("is one key per person: the same key from someone else is their own draft", async () => {
    const [eva, frank] = await Promise.all([createPerson(), createPerson()]);
    const submission = newSubmissionKey();
    const hers = await postPetition(eva, petitionForm({ submission }));
    const his = await postPetition(frank, petitionForm({ submission }));
    expect(hers.location).not.toBe(his.location);
    expect([topicsBy(eva, "petition"), topicsBy(frank, "petition")]).toEqual([1, 1]);
  });
});

describe("a new discussion", () => {
  it("posted twice with one key, after another and at once, is one discussion, one event, one follow", async () => {
    const anna = await createPerson();
    const form = { title: "Hoe maken we het plein levendiger?", body: "Ideeën zijn welkom." };
    const submission = newSubmissionKey();
    const first = await postDiscussion(anna, { ...form, submission });
    const second = await postDiscussion(anna, { ...form, submission });
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.location).toBe(first.location);
    const id = topicIdOf(first);
    expect(eventsOf(id)).toEqual(["published"]);
    expect(db.select({ n: topics.followerCount }).from(topics).where(eq(topics.id, id)).get()!.n).toBe(1);

    const together = newSubmissionKey();
    const [a, b] = await Promise.all([postDiscussion(anna, { ...form, submission: together }), postDiscussion(anna, { ...form, submission: together })]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(a.location).toBe(b.location);
    expect(a.location).not.toBe(first.location);
    expect(eventsOf(topicIdOf(a))).toEqual(["published"]);
    expect(topicsBy(anna, "discussion")).toBe(2);

    const old = await postDiscussion(anna, form);
    expect(old.status).toBe(302);
    expect(topicsBy(anna, "discussion")).toBe(3);
  });

  it("refuses a malformed key with a translated message and a key used for a petition, writing nothing", async () => {
    const bob = await createPerson({ locale: "en" });
    const form = { title: "Hoe maken we het plein levendiger?", body: "Ideeën zijn welkom." };
    const malformed = await postDiscussion(bob, { ...form, submission: "x".repeat(10) });
    expect(malformed.status).toBe(400);
    expect(malformed.data.errors.form).toBe("This form is damaged or was already used for something else. Reload the page and try again.");

    const submission = newSubmissionKey();
    expect((await postPetition(bob, petitionForm({ submission }))).status).toBe(302);
    const reused = await postDiscussion(bob, { ...form, submission });
    expect(reused.status).toBe(422);
    expect(reused.data.errors.form).toContain("Reload the page");
    expect(topicsBy(bob, "discussion")).toBe(0);
  });
});

describe("a comment or reply", () => {
  const commentsBy = (person: TestPerson, topicId: number) => count(comments, and(eq(comments.authorId, person.id), eq(comments.topicId, topicId))!);
  const noticesAbout = (commentId: number) => count(notifications, sql`json_extract(${notifications.data}, '$.commentId') = ${commentId}`);

  it("posted twice with one key is one comment, one count, one notice and one email, both answers at it", async () => {
    const { topicId, author } = await newDiscussion();
    const anna = await createPerson();
    const submission = newSubmissionKey();
    const form = { intent: "post", body: "Meer groen, minder stenen.", submission };
    const first = await postComment(anna, topicId, form);
    const second = await postComment(anna, topicId, form);
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.location).toBe(first.location);
    expect(commentsBy(anna, topicId)).toBe(1);
    const commentId = Number(first.location!.split("#comment-")[1]);
    expect(noticesAbout(commentId)).toBe(1);
    expect(db.select({ n: topics.commentCount }).from(topics).where(eq(topics.id, topicId)).get()!.n).toBe(1);
    const delivered = await mail.flush();
    expect(delivered.filter((m) => m.to.includes(author.email))).toHaveLength(1);
  });

  it("posted twice at the same moment is one comment; a reply with its own key is one reply", async () => {
    const { topicId, author } = await newDiscussion();
    const bob = await createPerson();
    const submission = newSubmissionKey();
    const form = { intent: "post", body: "Tegelijk verstuurd.", submission };
    const [a, b] = await Promise.all([postComment(bob, topicId, form), postComment(bob, topicId, form)]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(a.location).toBe(b.location);
    expect(commentsBy(bob, topicId)).toBe(1);
    const commentId = Number(a.location!.split("#comment-")[1]);
    expect(noticesAbout(commentId)).toBe(1);

    const reply = { intent: "reply", parentId: String(commentId), body: "Eens!", submission: `${newSubmissionKey()}-r${commentId}` };
    const [r1, r2] = await Promise.all([postComment(author, topicId, reply), postComment(author, topicId, reply)]);
    expect([r1.status, r2.status]).toEqual([302, 302]);
    expect(r1.location).toBe(r2.location);
    expect(commentsBy(author, topicId)).toBe(1);
    const replyId = Number(r1.location!.split("#comment-")[1]);
    expect(db.select().from(comments).where(eq(comments.id, replyId)).get()!.parentId).toBe(commentId);
    expect(db.select({ n: comments.replyCount }).from(comments).where(eq(comments.id, commentId)).get()!.n).toBe(1);
    // Bob hears of the reply once.
    expect(count(notifications, and(eq(notifications.userId, bob.id), eq(notifications.type, "comment.notice.reply"))!)).toBe(1);
  });

  it("with another key is another comment, and without a key it still works", async () => {
    const { topicId } = await newDiscussion();
    const carol = await createPerson();
    await postComment(carol, topicId, { intent: "post", body: "Eén", submission: newSubmissionKey() });
    await postComment(carol, topicId, { intent: "post", body: "Twee", submission: newSubmissionKey() });
    const old = await postComment(carol, topicId, { intent: "post", body: "Drie" });
    expect(old.status).toBe(302);
    expect(commentsBy(carol, topicId)).toBe(3);
  });

  it("refuses a malformed key (400) and a key used on another topic (422) with a translated message, writing nothing", async () => {
    const { topicId } = await newDiscussion();
    const other = await newDiscussion();
    const dirk = await createPerson({ locale: "en" });
    const malformed = await postComment(dirk, topicId, { intent: "post", body: "Hallo", submission: "no good" });
    expect(malformed.status).toBe(400);
    expect(malformed.data.message).toBe("This form is damaged or was already used for something else. Reload the page and try again.");
    expect(malformed.data.values.body).toBe("Hallo");

    const submission = newSubmissionKey();
    expect((await postComment(dirk, other.topicId, { intent: "post", body: "Elders", submission })).status).toBe(302);
    const reused = await postComment(dirk, topicId, { intent: "post", body: "Hier", submission });
    expect(reused.status).toBe(422);
    expect(reused.data.message).toContain("Reload the page");
    expect(commentsBy(dirk, topicId)).toBe(0);
  });

  it("is not counted against the comment limit when it is a repeat", async () => {
    const { topicId } = await newDiscussion();
    const eva = await createPerson();
    const submission = newSubmissionKey();
    for (let i = 0; i < RATE_LIMITS.commentPerUser.max + 2; i++) {
      const result = await postComment(eva, topicId, { intent: "post", body: "Steeds dezelfde", submission });
      expect(result.status).toBe(302);
    }
    expect(commentsBy(eva, topicId)).toBe(1);
  });
});

describe("the database", () => {
  it("refuses a second row with the same author and key, and allows any number without a key", async () => {
    const { topicId } = await newDiscussion();
    const anna = await createPerson();
    const row = (submissionKey: string | null) => ({ topicId, authorId: anna.id, body: "x", bodyHtml: "<p>x</p>", submissionKey });
    const key = newSubmissionKey();
    db.insert(comments).values(row(key)).run();
    expect(() => db.insert(comments).values(row(key)).run()).toThrow(/UNIQUE/);
    db.insert(comments).values([row(null), row(null)]).run();
    const [one, two] = [await newDiscussion(anna), await newDiscussion(anna)];
    db.update(topics).set({ submissionKey: key }).where(eq(topics.id, one.topicId)).run();
    expect(() => db.update(topics).set({ submissionKey: key }).where(eq(topics.id, two.topicId)).run()).toThrow(/UNIQUE/);
  });
});

describe("two server processes at once", () => {
  it("write one comment for one key: both are told the same comment id, one notice", async () => {
    const { topicId } = await newDiscussion();
    const anna = await createPerson();
    const args = { personId: anna.id, topicId, body: "Op twee werkers tegelijk.", submissionKey: newSubmissionKey() };
    const results = await raceTwice<{ ok: boolean; commentId?: number }>("tests/integration/race/scenarios/post-comment-keyed.ts", [args, args]);
    for (const r of results) expect(r.ok, r.ok ? "" : r.error).toBe(true);
    const answers = results.map((r) => (r as { value: { ok: boolean; commentId?: number } }).value);
    expect(answers.map((a) => a.ok)).toEqual([true, true]);
    expect(answers[0]!.commentId).toBe(answers[1]!.commentId);
    expect(db.select().from(comments).where(eq(comments.authorId, anna.id)).all()).toHaveLength(1);
    expect(count(notifications, sql`json_extract(${notifications.data}, '$.commentId') = ${answers[0]!.commentId}`)).toBe(1);
  });
});
