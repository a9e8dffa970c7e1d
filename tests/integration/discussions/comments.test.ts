import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { commentUpvotes, comments, emailOutbox, notifications, topics, users } from "#db/schema";
import * as commentsRoute from "~/routes/topics.$id.comments";
import { db } from "~/utils/db.server";
import { updateSettings } from "~/modules/settings/settings.server";
import { commentLocation, loadCommentThread, safeThreadReturn } from "~/modules/participation/comments.thread.server";
import { REPLIES_MORE_STEP, REPLIES_SHOWN } from "~/modules/participation/comments.rules";
import { decideModeration } from "~/modules/participation/moderation.server";
import { rejectPetition } from "~/modules/petitions/petitions.lifecycle.server";
import { callRoute } from "../../support/routes";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { actorOf, comment, commentRow, newDiscussion, newTopic, topicRow, visibleCommentRows } from "./helpers";
import { makePetition } from "../petitions/helpers";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(async () => {
  await mail.stop();
});

const post = (person: TestPerson, topicId: number, form: Record<string, string>) =>
  callRoute(commentsRoute, { path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form, cookie: person.cookie });

describe("posting comments through /topics/:id/comments", () => {
  it("posts a comment, renders its markdown, counts it, follows the topic and goes back to it; no for or against on an open question", async () => {
    const { topicId } = await newDiscussion();
    const anna = await createPerson();
    const result = await post(anna, topicId, { intent: "post", body: "Meer **bomen** graag", stance: "for" });
    expect(result.status).toBe(302);
    expect(result.location).toMatch(new RegExp(`^/discussions/${topicId}#comment-\\d+$`));
    const id = Number(result.location!.split("#comment-")[1]);
    const row = commentRow(id)!;
    expect(row.bodyHtml).toContain("<strong>bomen</strong>");
    // A discussion is an open question: its manifest offers no stances, so a posted one is not kept.
    expect(row.stance).toBeNull();
    expect(topicRow(topicId).commentCount).toBe(1);
    expect(topicRow(topicId).followerCount).toBe(2);
  });

  it("works the same on a topic of another kind (a petition), which offers for and against, not neutral", async () => {
    const topicId = newTopic("petition");
    const anna = await createPerson();
    const result = await post(anna, topicId, { intent: "post", body: "Ik teken ook", stance: "for" });
    expect(result.status).toBe(302);
    expect(result.location).toMatch(new RegExp(`^/petitions/${topicId}#comment-`));
    expect(commentRow(Number(result.location!.split("#comment-")[1]))!.stance).toBe("for");
    expect(topicRow(topicId).commentCount).toBe(1);
    const neutral = await post(anna, topicId, { intent: "post", body: "Ik twijfel nog", stance: "neutral" });
    expect(commentRow(Number(neutral.location!.split("#comment-")[1]))!.stance).toBeNull();
  });

  it("allows replies three levels deep and refuses a fourth level with a message", async () => {
    const { topicId } = await newDiscussion();
    const anna = await createPerson();
    const level1 = comment(anna, topicId);
    const level2 = comment(anna, topicId, "antwoord", level1);
    const level3 = comment(anna, topicId, "antwoord op antwoord", level2);
    expect(commentRow(level3)!.depth).toBe(2);
    expect(commentRow(level3)!.rootId).toBe(level1);
    const refused = await post(anna, topicId, { intent: "reply", parentId: String(level3), body: "te diep" });
    expect(refused.status).toBe(422);
    expect(refused.data.message).toContain("drie niveaus");
    expect(topicRow(topicId).commentCount).toBe(3);
  });

  it("refuses bad input with a translated message and changes nothing", async () => {
    const { topicId } = await newDiscussion();
    const other = await newDiscussion();
    const anna = await createPerson({ locale: "en" });
    const jan = await createPerson();
    const otherComment = comment(jan, other.topicId);
    const hidden = comment(jan, topicId, "verborgen");
    const clerk = await createPerson({ roles: ["clerk"] });
    expect(decideModeration(actorOf(clerk), { targetType: "comment", targetId: hidden, decision: "hide", reason: "Niet netjes" }).ok).toBe(true);
    const parent = comment(jan, topicId, "ouder");
    comment(anna, topicId, "kind", parent);
    await post(jan, topicId, { intent: "delete", commentId: String(parent) });
    const before = db.select({ n: sql<number>`count(*)` }).from(comments).get()!.n;
    const countBefore = topicRow(topicId).commentCount;

    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{ intent: "post", body: "   " }, 400, /Write your comment first/],
      [{ intent: "post", body: "x".repeat(5001) }, 400, /at most 5,000/],
      [{ intent: "reply", parentId: String(hidden), body: "hoi" }, 422, /hidden by moderation/],
      [{ intent: "reply", parentId: String(parent), body: "hoi" }, 422, /deleted comment/],
      [{ intent: "reply", parentId: String(otherComment), body: "hoi" }, 404, /does not exist/],
      [{ intent: "reply", parentId: "abc", body: "hoi" }, 404, /does not exist/],
      [{ intent: "reply", parentId: "99999999", body: "hoi" }, 404, /does not exist/],
      [{ intent: "edit", commentId: "-1", body: "hoi" }, 404, /does not exist/],
      [{ intent: "upvote", commentId: String(otherComment) }, 404, /does not exist/],
      [{ intent: "post", body: "hoi", stance: "maybe" }, 400, /not valid/],
      [{ intent: "launch", body: "hoi" }, 400, /Unknown action/],
    ];
    for (const [form, status, message] of cases) {
      const result = await post(anna, topicId, form);
      expect(result.status, JSON.stringify(form)).toBe(status);
      expect(JSON.stringify(result.data), JSON.stringify(form)).toMatch(message);
    }
    expect(db.select({ n: sql<number>`count(*)` }).from(comments).get()!.n).toBe(before);
    expect(topicRow(topicId).commentCount).toBe(countBefore);
  });

  it("refuses comments on a locked thread and on a closed discussion", async () => {
    const { topicId } = await newDiscussion();
    const anna = await createPerson();
    const existing = comment(await createPerson(), topicId, "van voor het slot");
    db.update(topics).set({ locked: true }).where(eq(topics.id, topicId)).run();
    const locked = await post(anna, topicId, { intent: "post", body: "hallo" });
    expect(locked.status).toBe(422);
    expect(locked.data.message).toMatch(/gesloten door de moderatie/);
    const lockedReply = await post(anna, topicId, { intent: "reply", parentId: String(existing), body: "hallo" });
    expect(lockedReply.status).toBe(422);
    expect(lockedReply.data.message).toMatch(/gesloten door de moderatie/);
    db.update(topics).set({ locked: false, status: "closed" }).where(eq(topics.id, topicId)).run();
    const closed = await post(anna, topicId, { intent: "post", body: "hallo" });
    expect(closed.status).toBe(422);
    expect(closed.data.message).toMatch(/discussie is gesloten/);
    expect(topicRow(topicId).commentCount).toBe(1);
  });

  it("refuses comments on a rejected petition, also one whose text is withheld, and tells no follower", async () => {
    const clerk = actorOf(await createPerson({ roles: ["clerk"] }));
    const anna = await createPerson({ locale: "en" });
    for (const code of ["not-competent", "offensive"] as const) {
      const { id, author } = await makePetition({ stage: "open" });
      const before = comment(anna, id, "van voor de afwijzing");
      expect(rejectPetition(clerk, id, { code, note: "Niet aan de gemeente" }).ok).toBe(true);
      db.delete(notifications).where(eq(notifications.userId, author.id)).run();
      const forms: Array<Record<string, string>> = [
        { intent: "post", body: "toch nog iets" },
        { intent: "reply", parentId: String(before), body: "en nog een antwoord" },
      ];
      for (const form of forms) {
        const refused = await post(anna, id, form);
        expect(refused.status, code).toBe(422);
        expect(refused.data.message).toBe("This petition was rejected; commenting is not possible.");
      }
      const dutch = await post(await createPerson(), id, { intent: "post", body: "hallo" });
      expect(dutch.data.message).toBe("Deze petitie is afgewezen; reageren kan niet.");
      expect(db.select().from(comments).where(eq(comments.topicId, id)).all()).toHaveLength(1);
      expect(topicRow(id).commentCount).toBe(1);
      expect(db.select().from(notifications).where(eq(notifications.userId, author.id)).all()).toHaveLength(0);
      const thread = loadCommentThread(id, actorOf(anna), new URLSearchParams());
      expect(thread.viewer).toMatchObject({ canComment: false, refusal: "comment.error.topicRejected" });
    }
  });

  it("asks for a confirmed email address and a minimum account age when the settings say so", async () => {
    const { topicId } = await newDiscussion();
    const unconfirmed = await createPerson({ verified: false });
    const refused = await post(unconfirmed, topicId, { intent: "post", body: "hallo" });
    expect(refused.status).toBe(422);
    expect(refused.data.message).toMatch(/Bevestig eerst uw e-mailadres/);

    updateSettings(null, { commentRequireVerifiedEmail: false, commentMinAccountAgeHours: 48 });
    try {
      expect((await post(unconfirmed, topicId, { intent: "post", body: "hallo" })).status).toBe(302);
      const newcomer = await createPerson({ createdAt: new Date() });
      const young = await post(newcomer, topicId, { intent: "post", body: "hallo" });
      expect(young.status).toBe(422);
      expect(young.data.message).toContain("48 uur");
      const thread = loadCommentThread(topicId, actorOf(newcomer), new URLSearchParams());
      expect(thread.viewer.canComment).toBe(false);
      expect(thread.viewer.refusal).toBe("comment.error.accountTooNew");
    } finally {
      updateSettings(null, { commentRequireVerifiedEmail: true, commentMinAccountAgeHours: 0 });
    }
  });

  it("limits how many comments one person posts in a short time", async () => {
    const { topicId } = await newDiscussion();
    const anna = await createPerson();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(anna, topicId, { intent: "post", body: `nummer ${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 302)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(topicRow(topicId).commentCount).toBe(10);
  });
});

describe("upvotes", () => {
  it("count one per person, even when the same person's requests race", async () => {
    const { topicId } = await newDiscussion();
    const author = await createPerson();
    const id = comment(author, topicId);
    const fans = await Promise.all([createPerson(), createPerson()]);
    const results = await Promise.all(
      [...Array(8)].flatMap(() => fans.map((fan) => post(fan, topicId, { intent: "upvote", commentId: String(id) }))),
    );
    expect(results.every((r) => r.status === 302)).toBe(true);
    expect(commentRow(id)!.upvoteCount).toBe(2);
    expect(db.select({ n: sql<number>`count(*)` }).from(commentUpvotes).where(eq(commentUpvotes.commentId, id)).get()!.n).toBe(2);
    await post(fans[0]!, topicId, { intent: "withdraw-upvote", commentId: String(id) });
    await post(fans[0]!, topicId, { intent: "withdraw-upvote", commentId: String(id) });
    expect(commentRow(id)!.upvoteCount).toBe(1);
  });

  it("are refused on one's own comment", async () => {
    const { topicId } = await newDiscussion();
    const author = await createPerson();
    const id = comment(author, topicId);
    const result = await post(author, topicId, { intent: "upvote", commentId: String(id) });
    expect(result.status).toBe(422);
    expect(commentRow(id)!.upvoteCount).toBe(0);
  });
});

describe("editing and deleting", () => {
  it("lets the author edit within the window, shown as edited; after the window it is refused", async () => {
    const { topicId } = await newDiscussion();
    const author = await createPerson();
    const id = comment(author, topicId, "eerste versie");
    const ok = await post(author, topicId, { intent: "edit", commentId: String(id), body: "tweede versie" });
    expect(ok.status).toBe(302);
    expect(commentRow(id)!.body).toBe("tweede versie");
    expect(commentRow(id)!.editedAt).not.toBeNull();
    const thread = loadCommentThread(topicId, null, new URLSearchParams());
    expect(thread.comments[0]!.editedAt).not.toBeNull();

    db.update(comments).set({ createdAt: new Date(Date.now() - 16 * 60_000) }).where(eq(comments.id, id)).run();
    const late = await post(author, topicId, { intent: "edit", commentId: String(id), body: "derde versie" });
    expect(late.status).toBe(422);
    expect(late.data.message).toContain("15 minuten");
    expect(commentRow(id)!.body).toBe("tweede versie");
  });

  it("refuses someone else's edit or deletion with a 403", async () => {
    const { topicId } = await newDiscussion();
    const author = await createPerson();
    const other = await createPerson();
    const id = comment(author, topicId, "van mij");
    expect((await post(other, topicId, { intent: "edit", commentId: String(id), body: "gekaapt" })).status).toBe(403);
    expect((await post(other, topicId, { intent: "delete", commentId: String(id) })).status).toBe(403);
    expect(commentRow(id)!.body).toBe("van mij");
  });

  it("keeps a placeholder where there are replies, removes it otherwise, and tidies up empty placeholders", async () => {
    const { topicId } = await newDiscussion();
    const author = await createPerson();
    const replier = await createPerson();
    const parent = comment(author, topicId, "ouder");
    const child = comment(replier, topicId, "kind", parent);
    const lonely = comment(author, topicId, "alleen");
    expect(topicRow(topicId).commentCount).toBe(3);

    await post(author, topicId, { intent: "delete", commentId: String(parent) });
    expect(commentRow(parent)!.deletedAt).not.toBeNull();
    expect(commentRow(parent)!.body).toBe("");
    await post(author, topicId, { intent: "delete", commentId: String(lonely) });
    expect(commentRow(lonely)).toBeUndefined();
    expect(topicRow(topicId).commentCount).toBe(1);

    const thread = loadCommentThread(topicId, null, new URLSearchParams());
    expect(thread.comments.map((c) => c.state)).toEqual(["deleted"]);
    expect(thread.comments[0]!.bodyHtml).toBe("");
    expect(thread.comments[0]!.replies[0]!.id).toBe(child);

    await post(replier, topicId, { intent: "delete", commentId: String(child) });
    expect(commentRow(child)).toBeUndefined();
    expect(commentRow(parent)).toBeUndefined();
    expect(topicRow(topicId).commentCount).toBe(0);
  });
});

describe("counters", () => {
  it("comment_count always equals the visible rows after random posts, hides, restores and deletions", async () => {
    const { topicId } = await newDiscussion();
    const people = await Promise.all([createPerson(), createPerson(), createPerson()]);
    const clerk = actorOf(await createPerson({ roles: ["clerk"] }));
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const ids: number[] = [];
    for (let step = 0; step < 120; step++) {
      const action = random(5);
      const person = people[random(people.length)]!;
      if (action <= 1 || ids.length === 0) {
        const parent = ids.length && random(2) ? ids[random(ids.length)] : undefined;
        const row = parent ? commentRow(parent) : undefined;
        if (row && !row.hiddenBy && !row.deletedAt && row.depth < 2) ids.push(comment(person, topicId, `stap ${step}`, parent));
        else ids.push(comment(person, topicId, `stap ${step}`));
      } else if (action === 2) {
        decideModeration(clerk, { targetType: "comment", targetId: ids[random(ids.length)]!, decision: "hide", reason: "Test verbergen" });
      } else if (action === 3) {
        decideModeration(clerk, { targetType: "comment", targetId: ids[random(ids.length)]!, decision: "restore", reason: "Test terugzetten" });
      } else {
        const id = ids[random(ids.length)]!;
        const row = commentRow(id);
        const owner = people.find((p) => p.id === row?.authorId);
        if (owner) await post(owner, topicId, { intent: "delete", commentId: String(id) });
      }
      expect(topicRow(topicId).commentCount, `after step ${step}`).toBe(visibleCommentRows(topicId));
    }
  });
});

describe("the thread", () => {
  it("pages top-level comments 20 at a time, sorts them, and loads the first replies of the page's roots", async () => {
    const { topicId } = await newDiscussion();
    const people = await Promise.all([createPerson(), createPerson()]);
    const roots: number[] = [];
    for (let i = 0; i < 25; i++) {
      const id = comment(people[i % 2]!, topicId, `root ${i}`);
      db.update(comments).set({ createdAt: new Date(Date.now() - (100 - i) * 60_000) }).where(eq(comments.id, id)).run();
      roots.push(id);
    }
    const reply = comment(people[1]!, topicId, "antwoord op de eerste", roots[0]);
    comment(people[0]!, topicId, "en nog dieper", reply);
    db.update(comments).set({ upvoteCount: 9 }).where(eq(comments.id, roots[24]!)).run();

    const first = loadCommentThread(topicId, null, new URLSearchParams());
    expect(first.pages).toBe(2);
    expect(first.comments).toHaveLength(20);
    expect(first.comments[0]!.id).toBe(roots[0]);
    expect(first.comments[0]!.replies[0]!.replies[0]!.bodyHtml).toContain("en nog dieper");
    const second = loadCommentThread(topicId, null, new URLSearchParams({ commentPage: "2" }));
    expect(second.comments.map((c) => c.id)).toEqual(roots.slice(20));
    const newest = loadCommentThread(topicId, null, new URLSearchParams({ commentSort: "newest" }));
    expect(newest.comments[0]!.id).toBe(roots[24]);
    const supported = loadCommentThread(topicId, null, new URLSearchParams({ commentSort: "supported" }));
    expect(supported.comments[0]!.id).toBe(roots[24]);
    const silly = loadCommentThread(topicId, null, new URLSearchParams({ commentSort: "<script>", commentPage: "-3" }));
    expect(silly.sort).toBe("oldest");
    expect(silly.page).toBe(1);
  });

  it("shows a handful of replies per thread with a link to more, which opens that thread further and lands on the next reply", async () => {
    const { topicId } = await newDiscussion();
    const anna = await createPerson();
    const busy = comment(anna, topicId, "druk");
    const quiet = comment(anna, topicId, "rustig");
    comment(anna, topicId, "een antwoord", quiet);
    // Sixty replies at once, straight into the table (posting them would meet the rate limit).
    const start = Date.now() - 3_600_000;
    const replies = db
      .insert(comments)
      .values(Array.from({ length: 60 }, (_, i) => ({ topicId, parentId: busy, rootId: busy, depth: 1, authorId: anna.id, body: `antwoord ${i}`, bodyHtml: `<p>antwoord ${i}</p>`, createdAt: new Date(start + i * 1000) })))
      .returning({ id: comments.id })
      .all()
      .map((r) => r.id);

    const page = loadCommentThread(topicId, null, new URLSearchParams());
    const busyNode = page.comments.find((c) => c.id === busy)!;
    expect(busyNode.replies.map((r) => r.id)).toEqual(replies.slice(0, REPLIES_SHOWN));
    expect(busyNode.moreRepliesHref).toBe(`/discussions/${topicId}?thread=${busy}&replies=${REPLIES_SHOWN + REPLIES_MORE_STEP}#comment-${replies[REPLIES_SHOWN]}`);
    const quietNode = page.comments.find((c) => c.id === quiet)!;
    expect(quietNode.replies).toHaveLength(1);
    expect(quietNode.moreRepliesHref).toBeNull();

    const more = loadCommentThread(topicId, null, new URL(busyNode.moreRepliesHref!, "http://x").searchParams);
    const opened = more.comments.find((c) => c.id === busy)!;
    expect(opened.replies.map((r) => r.id)).toEqual(replies.slice(0, REPLIES_SHOWN + REPLIES_MORE_STEP));
    expect(opened.moreRepliesHref).toContain(`replies=${REPLIES_SHOWN + 2 * REPLIES_MORE_STEP}#comment-${replies[REPLIES_SHOWN + REPLIES_MORE_STEP]}`);
    // The other threads stay short, and the page's links and forms keep the opened thread.
    expect(more.comments.find((c) => c.id === quiet)!.replies).toHaveLength(1);
    expect(more.returnTo).toBe(`/discussions/${topicId}?thread=${busy}&replies=${REPLIES_SHOWN + REPLIES_MORE_STEP}`);
    expect(safeThreadReturn(topicId, more.returnTo)).toBe(more.returnTo);

    // After replying deep in a thread, the person lands where their reply shows.
    expect(commentLocation(topicId, replies[30]!, null)).toBe(`/discussions/${topicId}?thread=${busy}&replies=${REPLIES_MORE_STEP}#comment-${replies[30]}`);
    expect(commentLocation(topicId, replies[2]!, null)).toBe(`/discussions/${topicId}#comment-${replies[2]}`);

    // Nonsense opens nothing.
    for (const query of [{ thread: "abc", replies: "55" }, { thread: String(busy), replies: "99999999" }, { thread: String(busy), replies: "-1" }]) {
      expect(loadCommentThread(topicId, null, new URLSearchParams(query)).comments.find((c) => c.id === busy)!.replies).toHaveLength(REPLIES_SHOWN);
    }
  });

  it("shows a placeholder for hidden comments, without their text or author", async () => {
    const { topicId } = await newDiscussion();
    const author = await createPerson({ name: "Zichtbare Zeger" });
    const id = comment(author, topicId, "geheime tekst");
    comment(await createPerson(), topicId, "antwoord", id);
    decideModeration(actorOf(await createPerson({ roles: ["clerk"] })), { targetType: "comment", targetId: id, decision: "hide", reason: "Niet toegestaan" });
    const thread = loadCommentThread(topicId, null, new URLSearchParams());
    expect(thread.comments[0]!.state).toBe("hidden");
    expect(JSON.stringify(thread)).not.toContain("geheime tekst");
    expect(JSON.stringify(thread)).not.toContain("Zichtbare Zeger");
    expect(thread.comments[0]!.replies).toHaveLength(1);
  });

  it("keeps script in comments and display names inert", async () => {
    const { topicId } = await newDiscussion();
    const evil = await createPerson({ name: `<img src=x onerror="alert(1)">` });
    const anna = await createPerson();
    const result = await post(evil, topicId, {
      intent: "post",
      body: `<script>alert(1)</script><img src=x onerror=alert(2)> [klik](javascript:alert(3)) <a href="https://example.org" onclick="alert(4)">link</a>`,
    });
    expect(result.status).toBe(302);
    const thread = loadCommentThread(topicId, null, new URLSearchParams());
    const html = thread.comments[0]!.bodyHtml;
    expect(html).not.toMatch(/<script|<img|\son\w+=|href="javascript:/i);
    expect(html).toContain('href="https://example.org"');
    expect(thread.comments[0]!.authorName).toBe(`<img src=x onerror="alert(1)">`);
    // The reply notice carries the name as data; the inbox renders it as text.
    const reply = await post(evil, topicId, { intent: "post", body: "nog een" });
    expect(reply.status).toBe(302);
    comment(anna, topicId, "hoi");
    expect(db.select().from(users).where(eq(users.id, evil.id)).get()!.displayName).toContain("<img");
  });
});

describe("notifications", () => {
  it("tell the parent's author about a reply and followers about a new comment, in the app and by email", async () => {
    db.delete(emailOutbox).run();
    const owner = await createPerson({ email: "eigenaar@example.org" });
    const { topicId } = await newDiscussion(owner);
    const anna = await createPerson({ email: "anna@example.org", locale: "en" });
    const digest = await createPerson({ email: "digest@example.org", emailPreference: "digest" });
    const annaComment = comment(anna, topicId, "eerste");
    comment(digest, topicId, "ik volg nu ook");
    await mail.flush();
    const jan = await createPerson({ name: "Jan Jansen" });
    await post(jan, topicId, { intent: "reply", parentId: String(annaComment), body: "antwoord" });
    const inbox = (userId: string) => db.select().from(notifications).where(eq(notifications.userId, userId)).all();
    expect(inbox(anna.id).map((n) => n.type)).toEqual(["comment.notice.new", "comment.notice.reply"]);
    expect(inbox(owner.id).filter((n) => n.type === "comment.notice.new")).toHaveLength(3);
    expect(inbox(jan.id)).toHaveLength(0);
    const digestRows = inbox(digest.id);
    expect(digestRows.at(-1)!.digestPending).toBe(true);
    const sent = await mail.flush();
    const toAnna = sent.filter((m) => m.to.includes("anna@example.org"));
    expect(toAnna).toHaveLength(1);
    expect(toAnna[0]!.subject).toBe("Jan Jansen replied to your comment on ‘Hoe houden we de binnenstad groen?’");
    expect(sent.some((m) => m.to.includes("digest@example.org"))).toBe(false);
    expect(sent.some((m) => m.to.includes("eigenaar@example.org"))).toBe(true);
  });

  it("are taken back when the comment they are about is hidden", async () => {
    const owner = await createPerson();
    const { topicId } = await newDiscussion(owner);
    const spammer = await createPerson();
    const id = comment(spammer, topicId, "koop nu");
    expect(db.select().from(notifications).where(eq(notifications.userId, owner.id)).all()).toHaveLength(1);
    decideModeration(actorOf(await createPerson({ roles: ["clerk"] })), { targetType: "comment", targetId: id, decision: "hide", reason: "Reclame" });
    expect(db.select().from(notifications).where(eq(notifications.userId, owner.id)).all()).toHaveLength(0);
  });
});
