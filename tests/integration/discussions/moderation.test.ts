import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, comments, emailOutbox, flags, moderationActions, notifications, users } from "#db/schema";
import * as commentsRoute from "~/routes/topics.$id.comments";
import * as flagRoute from "~/routes/topics.$id.flag";
import * as queueRoute from "~/routes/moderation._index";
import * as blocksRoute from "~/routes/moderation.blocks";
import * as auditRoute from "~/routes/audit";
import * as statsRoute from "~/routes/moderation.statistics";
import * as listRoute from "~/routes/discussions._index";
import * as openDataRoute from "~/routes/open-data.$kind";
import { db } from "~/utils/db.server";
import { runDueJobs } from "~/utils/jobs.server";
import { moderationJobs } from "~/modules/participation/moderation.jobs.server";
import { updateSettings } from "~/modules/settings/settings.server";
import { searchTopics } from "~/modules/topics/topics.server";
import { loadCommentThread } from "~/modules/participation/comments.thread.server";
import { blockUser, unblockUser } from "~/modules/participation/blocks.server";
import { decideModeration } from "~/modules/participation/moderation.server";
import { flagContent } from "~/modules/participation/flags.server";
import { FLAGGED_KEY_TYPES, listModerationQueue } from "~/modules/participation/moderation.queue.server";
import type { PageCursor } from "~/utils/keyset";
import { readCursor } from "~/utils/keyset.server";
import { moderationStatistics } from "~/modules/participation/moderation.statistics.server";
import { monthKey } from "~/modules/participation/moderation.rules";
import { callRoute } from "../../support/routes";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { actorOf, comment, commentRow, newDiscussion, newTopic, topicRow, visibleCommentRows } from "./helpers";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(async () => {
  await mail.stop();
});

const flagComment = (person: TestPerson, topicId: number, commentId: number, reason = "spam", note?: string) =>
  callRoute(commentsRoute, {
    path: `/topics/${topicId}/comments`,
    params: { id: String(topicId) },
    form: { intent: "flag", commentId: String(commentId), reason, ...(note ? { note } : {}) },
    cookie: person.cookie,
  });
const decide = (clerk: TestPerson, form: Record<string, string>) => callRoute(queueRoute, { path: "/moderation", form, cookie: clerk.cookie });
/** The queue item for a thing, looked up on every page of the flagged view. */
function findInQueue(clerk: TestPerson, type: "topic" | "comment", id: number) {
  for (let cursor: PageCursor | null = null; ; ) {
    const queue = listModerationQueue(actorOf(clerk), "flagged", { cursor });
    const item = queue.items.find((i) => i.targetType === type && i.targetId === id);
    if (item || !queue.next) return item;
    cursor = readCursor(new URLSearchParams({ after: queue.next }), FLAGGED_KEY_TYPES);
  }
}
const flagsOn = (type: "topic" | "comment", id: number) =>
  db.select().from(flags).where(and(eq(flags.targetType, type), eq(flags.targetId, id))).all();

describe("flags", () => {
  it("count once per person, however often they flag", async () => {
    const { topicId } = await newDiscussion();
    const id = comment(await createPerson(), topicId);
    const flagger = await createPerson();
    const results = await Promise.all([1, 2, 3, 4].map(() => flagComment(flagger, topicId, id)));
    expect(results.map((r) => r.status)).toEqual([302, 302, 302, 302]);
    expect(flagsOn("comment", id)).toHaveLength(1);
    expect(commentRow(id)!.flagCount).toBe(1);
    expect(commentRow(id)!.hiddenBy).toBeNull();
  });

  it("from flagHideThreshold distinct people hide the thing until a clerk looks", async () => {
    const { topicId } = await newDiscussion();
    const id = comment(await createPerson(), topicId);
    const people = await Promise.all([createPerson(), createPerson(), createPerson()]);
    await flagComment(people[0]!, topicId, id);
    await flagComment(people[1]!, topicId, id, "offensive");
    expect(commentRow(id)!.hiddenBy).toBeNull();
    expect(topicRow(topicId).commentCount).toBe(1);
    await flagComment(people[2]!, topicId, id, "other", "Dit is reclame voor een webshop");
    expect(commentRow(id)!.hiddenBy).toBe("flags");
    expect(topicRow(topicId).commentCount).toBe(0);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "comment.auto-hide")).all();
    expect(audit.at(-1)!.actorId).toBeNull();
  });

  it("need a note for 'other', and are refused on one's own content, with a message", async () => {
    const author = await createPerson({ locale: "en" });
    const { topicId } = await newDiscussion(author);
    const id = comment(author, topicId);
    const noNote = await flagComment(await createPerson({ locale: "en" }), topicId, id, "other");
    expect(noNote.status).toBe(400);
    expect(noNote.data.errors.note).toBe("Explain ‘Something else’ briefly.");
    const own = await flagComment(author, topicId, id);
    expect(own.status).toBe(422);
    expect(own.data.message).toBe("You cannot report your own contribution.");
    const ownTopic = await callRoute(flagRoute, { path: `/topics/${topicId}/flag`, params: { id: String(topicId) }, form: { reason: "spam" }, cookie: author.cookie });
    expect(ownTopic.status).toBe(422);
    expect(flagsOn("comment", id)).toHaveLength(0);
    expect(flagsOn("topic", topicId)).toHaveLength(0);
  });

  it("on a topic go through /topics/:id/flag, for every kind", async () => {
    const { topicId } = await newDiscussion();
    const person = await createPerson();
    const page = await callRoute(flagRoute, { path: `/topics/${topicId}/flag`, params: { id: String(topicId) }, cookie: person.cookie });
    expect(page.status).toBe(200);
    const result = await callRoute(flagRoute, { path: `/topics/${topicId}/flag`, params: { id: String(topicId) }, form: { reason: "off-topic" }, cookie: person.cookie });
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/discussions/${topicId}`);
    expect(topicRow(topicId).flagCount).toBe(1);
    const tampered = await callRoute(flagRoute, { path: `/topics/abc/flag`, params: { id: "abc" }, form: { reason: "spam" }, cookie: person.cookie });
    expect(tampered.status).toBe(404);
  });
});

describe("flags on a topic", () => {
  it("never hide it, however many: a petition stays visible and waits in the clerks' queue until one decides", async () => {
    const author = await createPerson();
    const topicId = newTopic("petition", author.id, "Een petitie waar mensen boos over zijn");
    const flaggers = await Promise.all([1, 2, 3, 4].map(() => createPerson()));
    for (const person of flaggers) {
      const result = await callRoute(flagRoute, { path: `/topics/${topicId}/flag`, params: { id: String(topicId) }, form: { reason: "offensive" }, cookie: person.cookie });
      expect(result.status).toBe(302);
    }
    expect(topicRow(topicId)).toMatchObject({ hidden: false, hiddenReason: null, flagCount: 4 });
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, "topic.auto-hide"), eq(auditLog.entityId, String(topicId)))).all()).toHaveLength(0);
    expect(searchTopics("boos").hits.some((h) => h.id === topicId)).toBe(true);

    const clerk = await createPerson({ roles: ["clerk"] });
    const queued = findInQueue(clerk, "topic", topicId);
    expect(queued).toMatchObject({ openFlags: 4, hiddenBy: null, reasons: [{ reason: "offensive", count: 4 }] });
    expect(queued!.decisions).toEqual(expect.arrayContaining(["hide", "dismiss"]));
    expect((await decide(clerk, { targetType: "topic", targetId: String(topicId), decision: "hide", reason: "Beledigend" })).status).toBe(302);
    expect(topicRow(topicId)).toMatchObject({ hidden: true, hiddenReason: "moderation", flagCount: 0 });
  });
});

describe("the moderation queue", () => {
  it("lists flagged things oldest first with reasons and counts, and a clerk's hide tells the author why", async () => {
    const author = await createPerson({ email: "schrijver@example.org", locale: "en" });
    const { topicId } = await newDiscussion();
    const older = comment(author, topicId, "oude reactie");
    const newer = comment(author, topicId, "nieuwe reactie");
    const flagger = await createPerson();
    flagContent(actorOf(flagger), { targetType: "comment", targetId: newer, reason: "spam" }, { now: new Date(Date.now() - 60_000) });
    flagContent(actorOf(flagger), { targetType: "comment", targetId: older, reason: "offensive" }, { now: new Date(Date.now() - 3 * 3_600_000) });
    const clerk = await createPerson({ roles: ["clerk"] });
    const queue = await callRoute(queueRoute, { path: "/moderation", cookie: clerk.cookie });
    const mine = queue.data.items.filter((i: { targetType: string; topic: { id: number } }) => i.targetType === "comment" && i.topic.id === topicId);
    expect(mine.map((i: { targetId: number }) => i.targetId)).toEqual([older, newer]);
    expect(mine[0].reasons).toEqual([{ reason: "offensive", count: 1 }]);
    expect(mine[0].decisions).toEqual(["hide", "dismiss", "lock"]);

    db.delete(emailOutbox).run();
    const noReason = await decide(clerk, { targetType: "comment", targetId: String(older), decision: "hide", reason: "" });
    expect(noReason.status).toBe(400);
    expect(commentRow(older)!.hiddenBy).toBeNull();

    const hidden = await decide(clerk, { targetType: "comment", targetId: String(older), decision: "hide", reason: "Beledigend voor andere deelnemers" });
    expect(hidden.status).toBe(302);
    expect(commentRow(older)!.hiddenBy).toBe("moderation");
    expect(flagsOn("comment", older).every((f) => f.resolution === "hidden")).toBe(true);
    const notice = db.select().from(notifications).where(and(eq(notifications.userId, author.id), eq(notifications.type, "moderation.notice.comment.hidden"))).get();
    expect(notice!.data.reason).toBe("Beledigend voor andere deelnemers");
    const sent = await mail.flush();
    expect(sent.find((m) => m.to.includes("schrijver@example.org"))!.text).toContain("Reason: Beledigend voor andere deelnemers");
    const entry = db.select().from(auditLog).where(and(eq(auditLog.action, "comment.hide"), eq(auditLog.entityId, String(older)))).get()!;
    expect(entry.actorId).toBe(clerk.id);
    expect(entry.before).toMatchObject({ hidden: false });
    expect(entry.after).toMatchObject({ hidden: true, hiddenBy: "moderation" });
    expect(entry.reason).toBe("Beledigend voor andere deelnemers");

    const after = await callRoute(queueRoute, { path: "/moderation", cookie: clerk.cookie });
    expect(after.data.items.some((i: { targetType: string; targetId: number }) => i.targetType === "comment" && i.targetId === older)).toBe(false);
    const hiddenView = await callRoute(queueRoute, { path: "/moderation?view=hidden", cookie: clerk.cookie });
    expect(hiddenView.data.items.some((i: { targetType: string; targetId: number }) => i.targetType === "comment" && i.targetId === older)).toBe(true);

    const restored = await decide(clerk, { targetType: "comment", targetId: String(older), decision: "restore", reason: "Na bezwaar toch toegestaan" });
    expect(restored.status).toBe(302);
    expect(commentRow(older)!.hiddenBy).toBeNull();
    expect(topicRow(topicId).commentCount).toBe(visibleCommentRows(topicId));
  });

  it("dismisses flags, locks and unlocks a thread, each with a reason; closing the discussion is no moderation decision", async () => {
    const owner = await createPerson();
    const { topicId } = await newDiscussion(owner);
    const id = comment(await createPerson(), topicId, "twijfelachtig");
    flagContent(actorOf(await createPerson()), { targetType: "comment", targetId: id, reason: "off-topic" });
    const clerk = await createPerson({ roles: ["clerk"] });
    expect((await decide(clerk, { targetType: "comment", targetId: String(id), decision: "dismiss", reason: "Past wel bij het onderwerp" })).status).toBe(302);
    expect(commentRow(id)!.flagCount).toBe(0);
    expect(commentRow(id)!.hiddenBy).toBeNull();
    // The same decision again (a double submit, a second clerk): answered as done, written once.
    const again = await decide(clerk, { targetType: "comment", targetId: String(id), decision: "dismiss", reason: "Nog eens" });
    expect(again.status).toBe(302);
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, "comment.dismiss"), eq(auditLog.entityId, String(id)))).all()).toHaveLength(1);
    const restore = await decide(clerk, { targetType: "comment", targetId: String(id), decision: "hide", reason: "Toch verbergen" });
    expect(restore.status).toBe(302);
    expect(commentRow(id)!.hiddenBy).toBe("moderation");

    expect((await decide(clerk, { targetType: "topic", targetId: String(topicId), decision: "lock", reason: "Het gesprek ontspoort" })).status).toBe(302);
    expect(topicRow(topicId).locked).toBe(true);
    const refused = await callRoute(commentsRoute, { path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form: { intent: "post", body: "nog iets" }, cookie: owner.cookie });
    expect(refused.status).toBe(422);
    expect(db.select().from(notifications).where(and(eq(notifications.userId, owner.id), eq(notifications.type, "moderation.notice.locked"))).all()).toHaveLength(1);
    expect((await decide(clerk, { targetType: "topic", targetId: String(topicId), decision: "unlock", reason: "Weer rustig" })).status).toBe(302);
    expect(topicRow(topicId).locked).toBe(false);

    // A radio choice on a flagged comment used to close the whole discussion, publishing the
    // moderation reason as its conclusion: refused now; closing is on the discussion's own page.
    const close = { targetType: "topic", targetId: String(topicId), decision: "close", reason: "Alles is gezegd; dank voor de reacties." };
    expect((await decide(clerk, close)).status).toBe(400);
    expect(topicRow(topicId).status).toBe("open");
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, "topic.close"), eq(auditLog.entityId, String(topicId)))).all()).toHaveLength(0);
  });

  it("refuses tampered ids with a 404 and a message, and changes nothing", async () => {
    const clerk = await createPerson({ roles: ["clerk"], locale: "en" });
    for (const form of [
      { targetType: "comment", targetId: "99999999", decision: "hide", reason: "Bestaat niet" },
      { targetType: "comment", targetId: "1; DROP TABLE comments", decision: "hide", reason: "Bestaat niet" },
      { targetType: "user", targetId: "1", decision: "hide", reason: "Bestaat niet" },
    ]) {
      const result = await decide(clerk, form);
      expect(result.status, JSON.stringify(form)).toBe(404);
      expect(result.data.message).toMatch(/does not exist/);
    }
  });
});

describe("blocks", () => {
  it("hide the person's comments while blocked and restore only those when lifted", async () => {
    const troll = await createPerson({ email: "trol@example.org" });
    const { topicId: ownTopic } = await newDiscussion(troll, "Een discussie van de trol zelf");
    const { topicId } = await newDiscussion();
    const a = comment(troll, topicId, "eerste");
    const b = comment(troll, topicId, "tweede");
    const c = comment(troll, topicId, "derde");
    const clerk = await createPerson({ roles: ["clerk"] });
    decideModeration(actorOf(clerk), { targetType: "comment", targetId: c, decision: "hide", reason: "Eerder al verborgen" });
    expect(topicRow(topicId).commentCount).toBe(2);

    const blocked = await callRoute(blocksRoute, {
      path: "/moderation/blocks",
      form: { intent: "block", userId: troll.id, reason: "Herhaaldelijk beledigend", until: "" },
      cookie: clerk.cookie,
    });
    expect(blocked.status).toBe(302);
    expect(commentRow(a)!.hiddenBy).toBe("block");
    expect(commentRow(b)!.hiddenBy).toBe("block");
    expect(commentRow(c)!.hiddenBy).toBe("moderation");
    expect(topicRow(topicId).commentCount).toBe(0);
    // A topic they started is a public record: it stays (docs/decisions: what a block hides).
    expect(topicRow(ownTopic).hidden).toBe(false);
    const posting = await callRoute(commentsRoute, { path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form: { intent: "post", body: "ik ben terug" }, cookie: troll.cookie });
    expect(posting.status).toBe(403);
    expect(db.select().from(notifications).where(and(eq(notifications.userId, troll.id), eq(notifications.type, "moderation.notice.blocked"))).all()).toHaveLength(1);

    const lifted = await callRoute(blocksRoute, { path: "/moderation/blocks", form: { intent: "unblock", userId: troll.id, reason: "Beterschap beloofd" }, cookie: clerk.cookie });
    expect(lifted.status).toBe(302);
    expect(commentRow(a)!.hiddenBy).toBeNull();
    expect(commentRow(b)!.hiddenBy).toBeNull();
    expect(commentRow(c)!.hiddenBy).toBe("moderation");
    expect(topicRow(topicId).commentCount).toBe(2);
    expect(topicRow(ownTopic).hidden).toBe(false);
    expect(db.select().from(auditLog).where(and(eq(auditLog.entityId, troll.id), eq(auditLog.entityType, "user"))).all().map((e) => e.action)).toEqual([
      "user.block",
      "user.unblock",
    ]);
  });

  it("cannot be put on a clerk, an admin or oneself, with a message", async () => {
    const clerk = await createPerson({ roles: ["clerk"], locale: "en" });
    const otherClerk = await createPerson({ roles: ["resident", "clerk"] });
    const admin = await createPerson({ roles: ["admin"] });
    for (const target of [otherClerk, admin, clerk]) {
      const result = await callRoute(blocksRoute, { path: "/moderation/blocks", form: { intent: "block", userId: target.id, reason: "Probeersel" }, cookie: clerk.cookie });
      expect(result.status).toBe(422);
      expect(result.data.message).toMatch(/cannot block yourself|cannot be blocked/);
      expect(db.select().from(users).where(eq(users.id, target.id)).get()!.blockedAt).toBeNull();
    }
    const page = await callRoute(blocksRoute, { path: `/moderation/blocks?user=${admin.id}`, cookie: clerk.cookie });
    expect(page.data.person.mayBlock).toBe(false);
  });

  it("with an end date end by themselves when the job runs after it", async () => {
    const person = await createPerson();
    const { topicId } = await newDiscussion();
    const id = comment(person, topicId);
    const clerk = actorOf(await createPerson({ roles: ["clerk"] }));
    const until = new Date(Date.now() + 86_400_000);
    expect(blockUser(clerk, { userId: person.id, reason: "Een dag afkoelen", until }).ok).toBe(true);
    expect(blockUser(clerk, { userId: person.id, reason: "Nog een keer", until }).ok).toBe(false);
    expect(commentRow(id)!.hiddenBy).toBe("block");
    await runDueJobs(new Date(), moderationJobs);
    expect(db.select().from(users).where(eq(users.id, person.id)).get()!.blockedAt).not.toBeNull();
    await runDueJobs(new Date(until.getTime() + 10 * 60_000), moderationJobs);
    expect(db.select().from(users).where(eq(users.id, person.id)).get()!.blockedAt).toBeNull();
    expect(commentRow(id)!.hiddenBy).toBeNull();
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, "user.block-expired"), eq(auditLog.entityId, person.id))).all()).toHaveLength(1);
    expect(unblockUser(clerk, { userId: person.id, reason: "x" }).ok).toBe(false);
  });
});

describe("hidden content disappears everywhere", () => {
  it("from search, lists, threads, notifications and exports", async () => {
    const owner = await createPerson();
    const { topicId } = await newDiscussion(owner, "Zoekbare olifantenkwestie in het park");
    const { topicId: other } = await newDiscussion(owner, "Een onschuldige vraag over het park");
    const writer = await createPerson();
    const id = comment(writer, other, "Een reactie over zebrapaden");
    const clerk = actorOf(await createPerson({ roles: ["clerk"] }));
    expect(searchTopics("olifantenkwestie").total).toBe(1);

    decideModeration(clerk, { targetType: "topic", targetId: topicId, decision: "hide", reason: "Persoonsgegevens in de vraag" });
    decideModeration(clerk, { targetType: "comment", targetId: id, decision: "hide", reason: "Reclame" });

    expect(searchTopics("olifantenkwestie").total).toBe(0);
    const list = await callRoute(listRoute, { path: "/discussions" });
    expect(list.data.rows.map((r: { id: number }) => r.id)).not.toContain(topicId);
    expect(list.data.rows.map((r: { id: number }) => r.id)).toContain(other);
    const thread = loadCommentThread(other, null, new URLSearchParams());
    expect(JSON.stringify(thread)).not.toContain("zebrapaden");
    expect(thread.commentCount).toBe(0);
    const ownerNotices = db.select().from(notifications).where(eq(notifications.userId, owner.id)).all();
    expect(ownerNotices.filter((n) => n.type === "comment.notice.new")).toHaveLength(0);

    const csv = await callRoute(openDataRoute, { path: "/open-data/discussion?format=csv", params: { kind: "discussion" } });
    expect(csv.data).not.toContain("olifantenkwestie");
    expect(csv.data).toContain("Een onschuldige vraag over het park");
    const json = await callRoute(openDataRoute, { path: `/open-data/discussion?after=${other - 1}&limit=1000`, params: { kind: "discussion" } });
    const row = json.data.items.find((d: { id: number }) => d.id === other);
    expect(row.commentCount).toBe(0);
    expect(json.data.items.some((d: { id: number }) => d.id === topicId)).toBe(false);

    // Followers are not told about comments on a hidden topic: no one can comment there; for
    // anyone but staff and its author it answers as a topic that does not exist.
    const late = await callRoute(commentsRoute, { path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form: { intent: "post", body: "hallo" }, cookie: writer.cookie });
    expect(late.status).toBe(404);
  });
});

describe("the audit log page", () => {
  it("filters by actor, action and dates, and answers a bad date with a 400 and a message", async () => {
    const clerk = await createPerson({ roles: ["clerk"], locale: "en" });
    const { topicId } = await newDiscussion();
    decideModeration(actorOf(clerk), { targetType: "topic", targetId: topicId, decision: "lock", reason: "Te fel" });
    const all = await callRoute(auditRoute, { path: "/audit", cookie: clerk.cookie });
    expect(all.status).toBe(200);
    const byActor = await callRoute(auditRoute, { path: `/audit?actor=${clerk.id}&action=topic.lock`, cookie: clerk.cookie });
    expect(byActor.data.rows).toHaveLength(1);
    expect(byActor.data.rows[0].reason).toBe("Te fel");
    const today = new Date().toISOString().slice(0, 10);
    const inRange = await callRoute(auditRoute, { path: `/audit?actor=${clerk.id}&from=${today}&to=${today}`, cookie: clerk.cookie });
    expect(inRange.data.rows).toHaveLength(1);
    const past = await callRoute(auditRoute, { path: `/audit?actor=${clerk.id}&to=2001-01-01`, cookie: clerk.cookie });
    expect(past.data.rows).toHaveLength(0);
    const bad = await callRoute(auditRoute, { path: "/audit?from=yesterday", cookie: clerk.cookie });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.from).toBe("Enter a valid date.");
    const inverted = await callRoute(auditRoute, { path: "/audit?from=2025-05-02&to=2025-05-01", cookie: clerk.cookie });
    expect(inverted.status).toBe(400);
    expect(inverted.data.errors.to).toBe("The end date is before the start date.");
  });
});

describe("public moderation statistics", () => {
  it("count flagged, hidden and restored items per month and the median handling time, without personal data", async () => {
    const { topicId } = await newDiscussion();
    const author = await createPerson({ name: "Geheime Naam" });
    const ids = [comment(author, topicId, "een"), comment(author, topicId, "twee")];
    const flagger = actorOf(await createPerson());
    const clerk = actorOf(await createPerson({ roles: ["clerk"] }));
    const now = new Date();
    const before = moderationStatistics(now);
    flagContent(flagger, { targetType: "comment", targetId: ids[0]!, reason: "spam" }, { now: new Date(now.getTime() - 4 * 3_600_000) });
    flagContent(flagger, { targetType: "comment", targetId: ids[1]!, reason: "spam" }, { now: new Date(now.getTime() - 2 * 3_600_000) });
    decideModeration(clerk, { targetType: "comment", targetId: ids[0]!, decision: "hide", reason: "Reclame" }, { now });
    decideModeration(clerk, { targetType: "comment", targetId: ids[1]!, decision: "hide", reason: "Reclame" }, { now });
    decideModeration(clerk, { targetType: "comment", targetId: ids[1]!, decision: "restore", reason: "Toch niet" }, { now });
    const stats = moderationStatistics(now);
    const month = stats.months[0]!;
    const monthBefore = before.months[0]!;
    expect(month.flagged - monthBefore.flagged).toBe(2);
    expect(month.hidden - monthBefore.hidden).toBe(2);
    expect(month.restored - monthBefore.restored).toBe(1);
    const page = await callRoute(statsRoute, { path: "/moderation/statistics" });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.data)).not.toContain("Geheime Naam");
    expect(JSON.stringify(page.data)).not.toContain(author.id);
    const handled = db.select().from(moderationActions).where(eq(moderationActions.actorId, clerk.id)).all().filter((a) => a.flaggedAt);
    expect(handled.map((a) => Math.round((a.createdAt.getTime() - a.flaggedAt!.getTime()) / 3_600_000))).toEqual([4, 2]);
  });
});

describe("public moderation statistics, first flags", () => {
  it("count a thing in the month of its very first flag, also when flagged again later, as the grouped count over all flags did", async () => {
    const { topicId } = await newDiscussion();
    const author = await createPerson();
    const [early, recent] = [comment(author, topicId, "al lang omstreden"), comment(author, topicId, "pas omstreden")];
    const now = new Date();
    const monthsAgo = (n: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 10, 12));
    const before = moderationStatistics(now);
    const [a, b, c] = await Promise.all([createPerson(), createPerson(), createPerson()]);
    // First flagged fourteen months ago (outside the twelve months shown), flagged again now.
    flagContent(actorOf(a), { targetType: "comment", targetId: early, reason: "spam" }, { now: monthsAgo(14) });
    flagContent(actorOf(b), { targetType: "comment", targetId: early, reason: "spam" }, { now });
    // First flagged two months ago, flagged again now.
    flagContent(actorOf(a), { targetType: "comment", targetId: recent, reason: "spam" }, { now: monthsAgo(2) });
    flagContent(actorOf(c), { targetType: "comment", targetId: recent, reason: "offensive" }, { now });
    const after = moderationStatistics(now);
    const delta = after.months.map((m, i) => m.flagged - before.months[i]!.flagged);
    expect(delta[0]).toBe(0);
    expect(delta[2]).toBe(1);
    expect(delta.reduce((x, y) => x + y, 0)).toBe(1);

    // The same numbers as grouping every flag and keeping the groups that start in the period.
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1) - 2 * 86_400_000);
    const grouped = db
      .select({ first: sql<number>`min(${flags.createdAt})` })
      .from(flags)
      .groupBy(flags.targetType, flags.targetId)
      .having(sql`min(${flags.createdAt}) >= ${since.getTime()}`)
      .all();
    const expected = after.months.map((m) => grouped.filter((g) => monthKey(new Date(g.first)) === m.month).length);
    expect(after.months.map((m) => m.flagged)).toEqual(expected);
  });
});

describe("the threshold setting", () => {
  it("is read at the moment of flagging", async () => {
    updateSettings(null, { flagHideThreshold: 1 });
    try {
      const { topicId } = await newDiscussion();
      const id = comment(await createPerson(), topicId);
      await flagComment(await createPerson(), topicId, id);
      expect(commentRow(id)!.hiddenBy).toBe("flags");
      expect(db.select({ n: sql<number>`count(*)` }).from(comments).where(eq(comments.topicId, topicId)).get()!.n).toBe(1);
      expect(topicRow(topicId).commentCount).toBe(0);
    } finally {
      updateSettings(null, { flagHideThreshold: 3 });
    }
  });
});

