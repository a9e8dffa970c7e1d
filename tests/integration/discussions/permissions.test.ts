import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import * as commentsRoute from "~/routes/topics.$id.comments";
import * as flagRoute from "~/routes/topics.$id.flag";
import * as newRoute from "~/routes/discussions.new";
import * as closeRoute from "~/routes/discussions.$id_.close";
import * as queueRoute from "~/routes/moderation._index";
import * as blocksRoute from "~/routes/moderation.blocks";
import * as auditRoute from "~/routes/audit";
import * as statsRoute from "~/routes/moderation.statistics";
import * as detailRoute from "~/routes/discussions.$id";
import { db } from "~/utils/db.server";
import { flagContent } from "~/modules/participation/flags.server";
import { callRoute } from "../../support/routes";
import { createPerson } from "../../support/fixtures";
import { expectPermissions } from "../../support/permissions";
import { actorOf, comment, commentRow, newDiscussion, topicRow } from "./helpers";

describe("who may do what", () => {
  it("only clerks work the moderation queue", async () => {
    const { topicId } = await newDiscussion();
    await expectPermissions({
      route: queueRoute,
      request: () => ({ path: "/moderation" }),
      allowed: ["clerk", "admin"],
      onAllowed: (result, who) => {
        if (who === "admin") expect(result.location).toBe("/audit");
        else expect(result.status).toBe(200);
      },
    });
    let lastId = 0;
    await expectPermissions({
      route: queueRoute,
      request: async () => {
        const id = comment(await createPerson(), topicId);
        lastId = id;
        flagContent(actorOf(await createPerson()), { targetType: "comment", targetId: id, reason: "spam" });
        return { path: "/moderation", form: { targetType: "comment", targetId: String(id), decision: "hide", reason: "Reclame voor een winkel" } };
      },
      allowed: ["clerk"],
      onAllowed: () => expect(commentRow(lastId)!.hiddenBy).toBe("moderation"),
      onRefused: () => expect(commentRow(lastId)!.hiddenBy).toBeNull(),
    });
    await expectPermissions({ route: blocksRoute, request: () => ({ path: "/moderation/blocks" }), allowed: ["clerk"] });
    await expectPermissions({
      route: blocksRoute,
      request: async () => ({ path: "/moderation/blocks", form: { intent: "block", userId: (await createPerson()).id, reason: "Spam" } }),
      allowed: ["clerk"],
    });
  });

  it("lets clerks and admins read the audit log, and everyone the statistics", async () => {
    await expectPermissions({ route: auditRoute, request: () => ({ path: "/audit" }), allowed: ["clerk", "admin"] });
    await expectPermissions({ route: statsRoute, request: () => ({ path: "/moderation/statistics" }), allowed: ["visitor", "resident", "clerk", "councillor", "admin"] });
  });

  it("lets residents and clerks open a discussion, and only clerks close one", async () => {
    await expectPermissions({ route: newRoute, request: () => ({ path: "/discussions/new" }), allowed: ["resident", "clerk"] });
    await expectPermissions({
      route: newRoute,
      request: () => ({ path: "/discussions/new", form: { title: "Een vraag voor iedereen hier", body: "Toelichting" } }),
      allowed: ["resident", "clerk"],
    });
    await expectPermissions({
      route: closeRoute,
      request: async () => {
        const { topicId } = await newDiscussion();
        return { path: `/discussions/${topicId}/close`, params: { id: String(topicId) }, form: { conclusion: "Dit is de conclusie van de discussie.", confirm: "on" } };
      },
      allowed: ["clerk"],
      onAllowed: (result) => expect(result.status).toBe(302),
    });
  });

  it("lets everyone signed in comment and flag, visitors read", async () => {
    const { topicId } = await newDiscussion();
    await expectPermissions({ route: detailRoute, request: () => ({ path: `/discussions/${topicId}`, params: { id: String(topicId) } }), allowed: ["visitor", "resident", "clerk", "councillor", "admin"] });
    await expectPermissions({
      route: commentsRoute,
      request: () => ({ path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form: { intent: "post", body: "Mijn mening" } }),
      allowed: ["resident", "clerk", "councillor", "admin"],
    });
    await expectPermissions({
      route: flagRoute,
      request: () => ({ path: `/topics/${topicId}/flag`, params: { id: String(topicId) }, form: { reason: "spam" } }),
      allowed: ["resident", "clerk", "councillor", "admin"],
    });
  });

  it("refuses flagging and upvoting to anyone without a confirmed email address, and changes nothing", async () => {
    const { topicId } = await newDiscussion();
    const id = comment(await createPerson(), topicId, "een reactie om te steunen");
    const unconfirm = (person: { id: string } | null) => {
      if (person) db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, person.id)).run();
    };
    const thread = { path: `/topics/${topicId}/comments`, params: { id: String(topicId) } };
    await expectPermissions({
      route: commentsRoute,
      request: (person) => (unconfirm(person), { ...thread, form: { intent: "upvote", commentId: String(id) } }),
      allowed: [],
      onRefused: () => expect(commentRow(id)!.upvoteCount).toBe(0),
    });
    await expectPermissions({
      route: commentsRoute,
      request: (person) => (unconfirm(person), { ...thread, form: { intent: "flag", commentId: String(id), reason: "spam" } }),
      allowed: [],
      onRefused: () => expect(commentRow(id)!.flagCount).toBe(0),
    });
    for (const method of ["GET", "POST"] as const) {
      await expectPermissions({
        route: flagRoute,
        request: (person) => (
          unconfirm(person),
          { path: `/topics/${topicId}/flag`, params: { id: String(topicId) }, ...(method === "POST" ? { form: { reason: "spam" } } : {}) }
        ),
        allowed: [],
        onRefused: () => expect(topicRow(topicId).flagCount).toBe(0),
      });
    }
    // The thread offers them neither button, and says why.
    const person = await createPerson({ verified: false });
    const page = await callRoute(detailRoute, { path: `/discussions/${topicId}`, params: { id: String(topicId) }, cookie: person.cookie });
    const node = page.data.thread.comments[0];
    expect(node.can).toMatchObject({ upvote: false, flag: false });
    expect(page.data.thread.viewer.mustVerifyEmail).toBe(true);
    expect(page.data.discussion.canFlag).toBe(false);
  });

  it("lets authors edit and delete only their own comments", async () => {
    const { topicId } = await newDiscussion();
    const author = await createPerson();
    const id = comment(author, topicId, "origineel");
    for (const intent of ["edit", "delete"]) {
      await expectPermissions({
        route: commentsRoute,
        request: () => ({ path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form: { intent, commentId: String(id), body: "gewijzigd" } }),
        allowed: [],
        onRefused: () => expect(commentRow(id)!.body).toBe("origineel"),
      });
    }
    const own = await callRoute(commentsRoute, { path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form: { intent: "edit", commentId: String(id), body: "gewijzigd" }, cookie: author.cookie });
    expect(own.status).toBe(302);
  });

  it("refuses blocked people everything but reading", async () => {
    const { topicId } = await newDiscussion();
    const blocked = await createPerson();
    const id = comment(blocked, topicId, "van voor de blokkade");
    const other = comment(await createPerson(), topicId, "van een ander");
    db.update(users).set({ blockedAt: new Date(), blockedReason: "test" }).where(eq(users.id, blocked.id)).run();
    const post = (form: Record<string, string>) => callRoute(commentsRoute, { path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form, cookie: blocked.cookie });
    expect((await post({ intent: "post", body: "hallo" })).status).toBe(403);
    expect((await post({ intent: "edit", commentId: String(id), body: "hallo" })).status).toBe(403);
    expect((await post({ intent: "delete", commentId: String(id) })).status).toBe(403);
    expect((await post({ intent: "upvote", commentId: String(other) })).status).toBe(403);
    expect((await post({ intent: "flag", commentId: String(other), reason: "spam" })).status).toBe(403);
    expect((await callRoute(newRoute, { path: "/discussions/new", cookie: blocked.cookie })).status).toBe(403);
    expect((await callRoute(detailRoute, { path: `/discussions/${topicId}`, params: { id: String(topicId) }, cookie: blocked.cookie })).status).toBe(200);
    expect(topicRow(topicId).commentCount).toBe(2);
  });
});
