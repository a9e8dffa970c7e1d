import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { commentUpvotes, comments, flags, notifications, outcomes, topicEvents, topics } from "#db/schema";
import * as newRoute from "~/routes/discussions.new";
import * as closeRoute from "~/routes/discussions.$id_.close";
import * as detailRoute from "~/routes/discussions.$id";
import * as listRoute from "~/routes/discussions._index";
import * as openDataRoute from "~/routes/open-data.$kind";
import { db } from "~/utils/db.server";
import { discussionPersonalData } from "~/modules/discussions/discussions.privacy.server";
import { flagContent } from "~/modules/participation/flags.server";
import { closeDiscussion } from "~/modules/discussions/discussions.server";
import { openDataRows } from "~/modules/topics/topics.opendata.server";
import { getOutcomeBlock } from "~/modules/topics/topics.server";
import { loadCommentThread } from "~/modules/participation/comments.thread.server";
import { upvoteComment } from "~/modules/participation/comment-upvotes.server";
import { seedDiscussions } from "#db/seed/discussions";
import { callRoute } from "../../support/routes";
import { asWritten, createPerson, deleteAndErase } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { actorOf, comment, commentRow, newDiscussion, topicRow, visibleCommentRows } from "./helpers";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(async () => {
  await mail.stop();
});

describe("opening a discussion", () => {
  it("publishes it at once with a timeline event, and the opener follows it", async () => {
    const anna = await createPerson();
    const result = await callRoute(newRoute, {
      path: "/discussions/new",
      form: { title: "Waar moet de nieuwe bibliotheek komen?", body: "De oude is te **klein**." },
      cookie: anna.cookie,
    });
    expect(result.status).toBe(302);
    const id = Number(result.location!.split("/").pop());
    const topic = topicRow(id);
    expect(topic).toMatchObject({ kind: "discussion", status: "open", isPublic: true, authorId: anna.id, followerCount: 1 });
    expect(topic.bodyHtml).toContain("<strong>klein</strong>");
    expect(db.select().from(topicEvents).where(eq(topicEvents.topicId, id)).all().map((e) => e.type)).toEqual(["published"]);
    const page = await callRoute(detailRoute, { path: `/discussions/${id}`, params: { id: String(id) } });
    expect(page.data.discussion.title).toBe("Waar moet de nieuwe bibliotheek komen?");
    expect(page.data.thread.viewer.signedIn).toBe(false);
  });

  it("explains a question that is too short, beside the field", async () => {
    const anna = await createPerson({ locale: "en" });
    const result = await callRoute(newRoute, { path: "/discussions/new", form: { title: "Kort", body: "" }, cookie: anna.cookie });
    expect(result.status).toBe(400);
    expect(result.data.errors.title).toBe("Use at least 10 characters.");
    expect(result.data.errors.body).toBeDefined();
  });

  it("answers unknown or tampered ids with a 404", async () => {
    for (const id of ["999999", "abc", "0"]) {
      const result = await callRoute(detailRoute, { path: `/discussions/${id}`, params: { id } });
      expect(result.status).toBe(404);
    }
  });
});

describe("closing a discussion", () => {
  it("makes the conclusion its outcome and sends it to participants and followers", async () => {
    const owner = await createPerson({ email: "opener@example.org" });
    const { topicId } = await newDiscussion(owner, "Moeten de terrassen langer open?");
    const participant = await createPerson({ email: "deelnemer@example.org", locale: "en" });
    const follower = await createPerson({ email: "volger@example.org" });
    comment(participant, topicId, "Ja, tot middernacht");
    db.insert((await import("#db/schema")).follows).values({ userId: follower.id, topicId }).run();
    const clerk = await createPerson({ roles: ["clerk"] });
    await mail.flush();

    const tooShort = await callRoute(closeRoute, { path: `/discussions/${topicId}/close`, params: { id: String(topicId) }, form: { conclusion: "Ok", confirm: "on" }, cookie: clerk.cookie });
    expect(tooShort.status).toBe(400);
    expect(topicRow(topicId).status).toBe("open");
    // Closing publishes the conclusion to everyone: not without the clerk's confirmation (issue #9, point 2).
    const unconfirmed = await callRoute(closeRoute, {
      path: `/discussions/${topicId}/close`,
      params: { id: String(topicId) },
      form: { conclusion: "De terrassen mogen in de zomer tot middernacht open blijven." },
      cookie: clerk.cookie,
    });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data.errors.confirm).toBeTruthy();
    expect(topicRow(topicId).status).toBe("open");

    const closed = await callRoute(closeRoute, {
      path: `/discussions/${topicId}/close`,
      params: { id: String(topicId) },
      form: { conclusion: "De terrassen mogen in de zomer tot middernacht open blijven.", confirm: "on" },
      cookie: clerk.cookie,
    });
    expect(closed.status).toBe(302);
    expect(topicRow(topicId)).toMatchObject({ status: "closed", isPublic: true });
    const outcome = db.select().from(outcomes).where(eq(outcomes.topicId, topicId)).get()!;
    expect(outcome.type).toBe("conclusion");
    expect(db.select().from(topicEvents).where(eq(topicEvents.topicId, topicId)).all().map((e) => e.type)).toEqual(["published", "concluded"]);
    for (const person of [owner, participant, follower]) {
      expect(db.select().from(notifications).where(and(eq(notifications.userId, person.id), eq(notifications.type, "discussion.notice.concluded"))).all()).toHaveLength(1);
    }
    expect(db.select().from(notifications).where(and(eq(notifications.userId, clerk.id), eq(notifications.type, "discussion.notice.concluded"))).all()).toHaveLength(0);
    const sent = await mail.flush();
    const toParticipant = sent.find((m) => m.to.includes("deelnemer@example.org"))!;
    expect(toParticipant.subject).toContain("has been closed");
    expect(toParticipant.text).toContain("tot middernacht open blijven");
    expect(sent.some((m) => m.to.includes("volger@example.org"))).toBe(true);

    // The same form again (a double submit) is answered as done; another conclusion is refused.
    const repeat = await callRoute(closeRoute, {
      path: `/discussions/${topicId}/close`,
      params: { id: String(topicId) },
      form: { conclusion: "De terrassen mogen in de zomer tot middernacht open blijven.", confirm: "on" },
      cookie: clerk.cookie,
    });
    expect(repeat.status).toBe(302);
    const again = await callRoute(closeRoute, { path: `/discussions/${topicId}/close`, params: { id: String(topicId) }, form: { conclusion: "Nog een conclusie erbij.", confirm: "on" }, cookie: clerk.cookie });
    expect(again.status).toBe(422);
    expect(again.data.errors.form).toBe("Deze discussie is al gesloten.");
    expect(db.select().from(outcomes).where(eq(outcomes.topicId, topicId)).all()).toHaveLength(1);
    expect(db.select().from(topicEvents).where(eq(topicEvents.topicId, topicId)).all().map((e) => e.type)).toEqual(["published", "concluded"]);
    const page = await callRoute(detailRoute, { path: `/discussions/${topicId}`, params: { id: String(topicId) }, cookie: participant.cookie });
    expect(page.data.thread.viewer.canComment).toBe(false);
    expect(page.data.thread.viewer.refusal).toBe("comment.error.topicClosed");
    expect(page.data.discussion.outcome.outcomes[0].bodyHtml).toContain("middernacht");
  });
});

describe("the list and open data", () => {
  it("filters by status and guards the CSV against formulas", async () => {
    const { topicId } = await newDiscussion(undefined, "=HYPERLINK(\"http://evil.example\") vraag");
    const open = await callRoute(listRoute, { path: "/discussions?status=open" });
    expect(open.data.rows.some((r: { id: number }) => r.id === topicId)).toBe(true);
    const closed = await callRoute(listRoute, { path: "/discussions?status=closed&page=abc" });
    expect(closed.data.rows.some((r: { id: number }) => r.id === topicId)).toBe(false);
    expect(closed.status).toBe(200);
    const csv = await callRoute(openDataRoute, { path: "/open-data/discussion?format=csv", params: { kind: "discussion" } });
    expect(csv.data).toContain(`"'=HYPERLINK(""http://evil.example"") vraag"`);
    expect(csv.data).not.toMatch(/@example\.org/);
  });
});

describe("the export", () => {
  it("gives each discussion's counts and the date of its conclusion, as read from its outcome block", async () => {
    const { topicId: open } = await newDiscussion(undefined, "Een open vraag voor de export");
    const { topicId: closed } = await newDiscussion(undefined, "Een gesloten vraag voor de export");
    comment(await createPerson(), closed, "een reactie");
    const clerk = await createPerson({ roles: ["clerk"] });
    const decidedAt = new Date("2025-04-01T10:00:00.000Z");
    expect(closeDiscussion(actorOf(clerk), { topicId: closed, conclusion: "Zo gaan we het doen." }, { now: decidedAt }).ok).toBe(true);
    const rows = [...openDataRows("discussion")] as Array<{ id: number; concludedAt: string | null }>;
    expect(rows.find((r) => r.id === open)).toMatchObject({ status: "open", commentCount: 0, followerCount: 1, closedAt: null, concludedAt: null });
    expect(rows.find((r) => r.id === closed)).toMatchObject({ status: "closed", commentCount: 1, followerCount: 2, closedAt: decidedAt.toISOString(), concludedAt: decidedAt.toISOString() });
    for (const row of rows) {
      const conclusion = getOutcomeBlock(row.id).outcomes.find((o) => o.type === "conclusion");
      expect(row.concludedAt).toBe(conclusion?.decidedAt.toISOString() ?? null);
    }
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
  });
});

describe("personal data", () => {
  it("collects a person's comments, upvotes, flags and discussions, and erasure keeps the conversation without them", async () => {
    const leaver = await createPerson({ name: "Vertrekkende Vera" });
    const { topicId } = await newDiscussion(leaver, "Een vraag van iemand die vertrekt");
    const other = await createPerson();
    const mine = comment(leaver, topicId, "mijn mening");
    const theirs = comment(other, topicId, "een andere mening");
    upvoteComment(actorOf(leaver), { topicId, commentId: theirs });
    flagContent(actorOf(leaver), { targetType: "comment", targetId: theirs, reason: "off-topic" });

    const collected = (await asWritten(discussionPersonalData.collect(db, leaver.id))) as Record<string, unknown[]>;
    expect(collected.comments).toHaveLength(1);
    expect(collected.upvotes).toHaveLength(1);
    expect(collected.flags).toHaveLength(1);
    expect(collected.discussions).toHaveLength(1);

    await deleteAndErase(leaver);
    expect(commentRow(mine)!.authorId).toBeNull();
    expect(commentRow(mine)!.body).toBe("mijn mening");
    expect(commentRow(theirs)!.upvoteCount).toBe(0);
    expect(db.select().from(commentUpvotes).where(eq(commentUpvotes.userId, leaver.id)).all()).toHaveLength(0);
    const flag = db.select().from(flags).where(and(eq(flags.targetType, "comment"), eq(flags.targetId, theirs))).get()!;
    expect(flag.flaggerId).toBeNull();
    expect(commentRow(theirs)!.flagCount).toBe(1);
    expect(topicRow(topicId).authorId).toBeNull();
    const thread = loadCommentThread(topicId, null, new URLSearchParams());
    expect(thread.comments[0]!.authorName).toBeNull();
    expect(JSON.stringify(thread)).not.toContain("Vertrekkende Vera");
  });
});

describe("the demo", () => {
  it("seeds threads, a closed discussion, a queue and a hidden comment, with counters equal to the rows", async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5].map(() => createPerson()));
    await seedDiscussions({
      now: new Date(),
      accounts: { resident: ids[0]!.id, resident2: ids[1]!.id, clerk: ids[2]!.id, councillor: ids[3]!.id, admin: ids[4]!.id },
      neighbourhoodIds: {},
    });
    db.insert((await import("#db/schema")).userRoles).values({ userId: ids[2]!.id, role: "clerk" }).run();
    const seeded = db.select().from(topics).where(eq(topics.kind, "discussion")).all().filter((t) => t.title.includes("Stadspark") || t.title.includes("fietsbrug") || t.title.includes("speelplekken"));
    expect(seeded).toHaveLength(3);
    expect(seeded.filter((t) => t.status === "closed")).toHaveLength(1);
    for (const t of seeded) expect(t.commentCount).toBe(visibleCommentRows(t.id));
    const hidden = db.select({ n: sql<number>`count(*)` }).from(comments).where(eq(comments.hiddenBy, "moderation")).get()!.n;
    expect(hidden).toBeGreaterThanOrEqual(1);
    const open = db.select({ n: sql<number>`count(DISTINCT ${flags.targetId})` }).from(flags).where(sql`${flags.resolvedAt} IS NULL AND ${flags.targetType} = 'comment'`).get()!.n;
    expect(open).toBeGreaterThanOrEqual(2);
  });
});
