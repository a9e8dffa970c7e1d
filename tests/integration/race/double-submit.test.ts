// A double submit landing on two server processes: both read before either writes (see
// tests/support/race.ts). Whatever the order, the thing happens once: counters, timeline events,
// audit rows and notices are written once, and neither request fails with an error.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, comments, emailOutbox, moderationActions, notifications, outcomes, topicEvents } from "#db/schema";
import { db } from "~/utils/db.server";
import { deleteComment } from "~/modules/participation/comments.server";
import { flagContent } from "~/modules/participation/flags.server";
import { createPetition } from "~/modules/petitions/petitions.lifecycle.server";
import { createPerson } from "../../support/fixtures";
import { raceTwice, type RaceOutcome } from "../../support/race";
import { actorOf, comment, commentRow, newDiscussion, topicRow, visibleCommentRows } from "../discussions/helpers";

const scenario = (name: string) => `tests/integration/race/scenarios/${name}.ts`;

/** Neither process threw (a route would have answered with a 500), and both were told it worked. */
function expectBothOk(results: RaceOutcome[]) {
  for (const r of results) {
    expect(r.ok, r.ok ? "" : r.error).toBe(true);
    expect((r as { value: { ok: boolean } }).value.ok).toBe(true);
  }
}

const repliesTo = (parentId: number) => db.select().from(comments).where(eq(comments.parentId, parentId)).all();

describe("two processes at once", () => {
  it("delete a reply once: the counts stay right, and another person's reply survives its parent's deletion", async () => {
    const { topicId } = await newDiscussion();
    const [anna, bob, carol] = await Promise.all([createPerson(), createPerson(), createPerson()]);
    const parent = comment(anna, topicId, "de vraag");
    const bobs = comment(bob, topicId, "antwoord van Bob", parent);
    const carols = comment(carol, topicId, "antwoord van Carol", parent);
    expect(topicRow(topicId).commentCount).toBe(3);

    const results = await raceTwice(scenario("delete-comment"), [
      { personId: bob.id, topicId, commentId: bobs },
      { personId: bob.id, topicId, commentId: bobs },
    ]);
    expectBothOk(results);
    expect(commentRow(bobs)).toBeUndefined();
    expect(topicRow(topicId).commentCount).toBe(2);
    expect(topicRow(topicId).commentCount).toBe(visibleCommentRows(topicId));
    expect(commentRow(parent)!.replyCount).toBe(1);

    // Anna deletes her comment: Carol's reply keeps it as a placeholder, and is not taken with it.
    const deleted = deleteComment(actorOf(anna), { topicId, commentId: parent });
    expect(deleted).toMatchObject({ ok: true, removed: false });
    expect(commentRow(parent)!.deletedAt).not.toBeNull();
    expect(commentRow(carols)!.body).toBe("antwoord van Carol");
    expect(repliesTo(parent).map((c) => c.id)).toEqual([carols]);
    expect(topicRow(topicId).commentCount).toBe(1);
  });

  it("reply to a comment while its author deletes it: the reply is refused or keeps a placeholder parent, never lost", async () => {
    const { topicId } = await newDiscussion();
    const [anna, bob] = await Promise.all([createPerson(), createPerson()]);
    const parent = comment(anna, topicId, "een vraag zonder antwoorden");

    const [reply, removal] = await raceTwice<{ ok: boolean; reason?: string; commentId?: number }>(scenario("comment-action"), [
      { op: "reply", personId: bob.id, topicId, parentId: parent, body: "mijn antwoord" },
      { op: "delete", personId: anna.id, topicId, commentId: parent },
    ]);
    for (const r of [reply, removal]) expect(r.ok, r.ok ? "" : r.error).toBe(true);
    expect(removal.ok && removal.value.ok).toBe(true);
    const replied = reply.ok ? reply.value : null;
    if (replied?.ok) {
      // The reply came first: the deletion left a placeholder above it.
      expect(commentRow(replied.commentId!)!.body).toBe("mijn antwoord");
      expect(commentRow(parent)!.deletedAt).not.toBeNull();
      expect(commentRow(parent)!.replyCount).toBe(1);
    } else {
      // The deletion came first: the reply is refused with a message, not a foreign-key error.
      expect(replied?.reason).toBe("comment-not-found");
      expect(commentRow(parent)).toBeUndefined();
    }
    expect(topicRow(topicId).commentCount).toBe(visibleCommentRows(topicId));
  });

  it("hide a flagged comment once when two clerks decide together: one audit row, one notice", async () => {
    const { topicId } = await newDiscussion();
    const author = await createPerson();
    const id = comment(author, topicId, "koop nu bij onze webwinkel");
    comment(await createPerson(), topicId, "een gewone reactie");
    flagContent(actorOf(await createPerson()), { targetType: "comment", targetId: id, reason: "spam" });
    const [clerkA, clerkB] = await Promise.all([createPerson({ roles: ["clerk"] }), createPerson({ roles: ["clerk"] })]);

    const results = await raceTwice(scenario("hide-comment"), [
      { clerkId: clerkA.id, commentId: id, reason: "Reclame" },
      { clerkId: clerkB.id, commentId: id, reason: "Spam" },
    ]);
    expectBothOk(results);
    expect(commentRow(id)!.hiddenBy).toBe("moderation");
    expect(topicRow(topicId).commentCount).toBe(1);
    expect(topicRow(topicId).commentCount).toBe(visibleCommentRows(topicId));
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, "comment.hide"), eq(auditLog.entityId, String(id)))).all()).toHaveLength(1);
    expect(db.select().from(moderationActions).where(and(eq(moderationActions.action, "hide"), eq(moderationActions.targetId, String(id)))).all()).toHaveLength(1);
    const notices = db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, author.id), eq(notifications.type, "moderation.notice.comment.hidden")))
      .all();
    expect(notices).toHaveLength(1);
  });

  it("close a discussion once: one conclusion, one timeline event, one audit row", async () => {
    const { topicId } = await newDiscussion();
    const [clerkA, clerkB] = await Promise.all([createPerson({ roles: ["clerk"] }), createPerson({ roles: ["clerk"] })]);

    const results = await raceTwice(scenario("close-discussion"), [
      { clerkId: clerkA.id, topicId, conclusion: "We planten twintig bomen." },
      { clerkId: clerkB.id, topicId, conclusion: "We planten twintig bomen." },
    ]);
    expectBothOk(results);
    expect(topicRow(topicId).status).toBe("closed");
    expect(db.select().from(outcomes).where(eq(outcomes.topicId, topicId)).all()).toHaveLength(1);
    const events = db.select().from(topicEvents).where(eq(topicEvents.topicId, topicId)).all();
    expect(events.filter((e) => e.type === "concluded")).toHaveLength(1);
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, "discussion.close"), eq(auditLog.entityId, String(topicId)))).all()).toHaveLength(1);
  });

  it("submit a petition once: one timeline event, one notice, one email", async () => {
    const author = await createPerson({ roles: ["resident"] });
    const created = createPetition(actorOf(author), {
      title: "Meer bankjes in het stadspark",
      request: "Wij vragen de gemeenteraad om twintig bankjes in het stadspark te zetten.",
      background: "Ouderen kunnen nergens zitten.",
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const topicId = created.topicId;

    const results = await raceTwice(scenario("submit-petition"), [
      { personId: author.id, topicId },
      { personId: author.id, topicId },
    ]);
    expectBothOk(results);
    expect(results.map((r) => (r as { value: { status: string } }).value.status)).toEqual(["submitted", "submitted"]);
    expect(topicRow(topicId).status).toBe("submitted");
    const events = db.select().from(topicEvents).where(eq(topicEvents.topicId, topicId)).all();
    expect(events.filter((e) => e.type === "submitted")).toHaveLength(1);
    const notices = db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, author.id), eq(notifications.type, "petition.notification.submitted")))
      .all();
    expect(notices).toHaveLength(1);
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, author.email)).all()).toHaveLength(1);
  });

  it("block a person once when two clerks press together: one audit row, one notice; the other is told it is done", async () => {
    const [clerkA, clerkB, person] = await Promise.all([createPerson({ roles: ["clerk"] }), createPerson({ roles: ["clerk"] }), createPerson()]);
    const results = await raceTwice<{ ok: boolean; reason?: string }>(scenario("block-person"), [
      { clerkId: clerkA.id, userId: person.id, reason: "Herhaaldelijk beledigend" },
      { clerkId: clerkB.id, userId: person.id, reason: "Herhaaldelijk beledigend" },
    ]);
    for (const r of results) expect(r.ok, r.ok ? "" : r.error).toBe(true);
    const answers = results.map((r) => (r as { value: { ok: boolean; reason?: string } }).value);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)?.reason).toBe("already-blocked");
    expect(db.select().from(auditLog).where(and(eq(auditLog.entityId, person.id), eq(auditLog.action, "user.block"))).all()).toHaveLength(1);
    expect(db.select().from(notifications).where(and(eq(notifications.userId, person.id), eq(notifications.type, "moderation.notice.blocked"))).all()).toHaveLength(1);
  });
});
