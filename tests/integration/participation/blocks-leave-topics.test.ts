// What a block hides (issue 9, point 1; docs/decisions/010-what-a-block-hides.md): the person's
// comments, not the petitions and discussions they started; the clerk sees that before confirming.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, comments, topics, users } from "#db/schema";
import * as blocksRoute from "~/routes/moderation.blocks";
import * as petitionPage from "~/routes/petitions.$id";
import * as petitionList from "~/routes/petitions._index";
import * as mine from "~/routes/petitions.mine";
import { searchTopics } from "~/modules/topics/topics.server";
import { db, sqlite } from "~/utils/db.server";
import { callRoute } from "../../support/routes";
import { createPerson } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { comment, newDiscussion } from "../discussions/helpers";
import { makePetition } from "../petitions/helpers";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(async () => {
  await mail.stop();
});

const blockedAt = (id: string) => db.select({ at: users.blockedAt }).from(users).where(eq(users.id, id)).get()!.at;
const hiddenComments = (authorId: string) => db.select().from(comments).where(and(eq(comments.authorId, authorId), eq(comments.hiddenBy, "block"))).all().length;

describe("a block", () => {
  it("leaves a published petition published: its page, the list, search and the author's own list", async () => {
    const title = `Een zebrapad bij de school aan de Lindelaan ${Date.now()}`;
    const { id, author } = await makePetition({ title });
    const { topicId: elsewhere } = await newDiscussion();
    comment(author, elsewhere, "Een boze reactie");
    const clerk = await createPerson({ roles: ["clerk"] });

    const blocked = await callRoute(blocksRoute, { path: "/moderation/blocks", form: { intent: "block", userId: author.id, reason: "Scheldpartij in de reacties" }, cookie: clerk.cookie });
    expect(blocked.status).toBe(302);
    expect(blockedAt(author.id)).not.toBeNull();
    expect(hiddenComments(author.id)).toBe(1);

    const row = db.select().from(topics).where(eq(topics.id, id)).get()!;
    expect(row).toMatchObject({ hidden: false, isPublic: true, status: "open" });
    for (const cookie of [null, (await createPerson()).cookie, author.cookie]) {
      expect((await callRoute(petitionPage, { path: `/petitions/${id}`, params: { id: String(id) }, cookie })).status).toBe(200);
    }
    const list = await callRoute(petitionList, { path: "/petitions" });
    expect(JSON.stringify(list.data)).toContain(title);
    expect(searchTopics("zebrapad Lindelaan").hits.map((h) => h.id)).toContain(id);
    const own = await callRoute(mine, { path: "/petitions/mine", cookie: author.cookie });
    expect(own.data.authored.items.map((p: { id: number }) => p.id)).toContain(id);
  });

  it("is previewed before it is confirmed: what it hides and what stays, and the preview writes nothing", async () => {
    const person = await createPerson();
    const { id: petitionId } = await makePetition({ author: person });
    await newDiscussion(person, "Een eigen vraag");
    const { topicId: a } = await newDiscussion();
    const { topicId: b } = await newDiscussion();
    comment(person, a, "een");
    comment(person, a, "twee");
    comment(person, b, "drie");
    await makePetition({ author: person, stage: "draft" });
    const clerk = await createPerson({ roles: ["clerk"] });
    const auditBefore = db.select().from(auditLog).all().length;

    const preview = await callRoute(blocksRoute, {
      path: "/moderation/blocks",
      form: { intent: "preview", userId: person.id, reason: "Herhaaldelijk beledigend", until: "" },
      cookie: clerk.cookie,
    });
    expect(preview.status).toBe(200);
    expect(preview.data.preview).toMatchObject({ userId: person.id, commentsHidden: 3, commentTopics: 2, topicsStaying: 2, topicsUnpublished: 1 });
    expect(preview.data.values).toEqual({ reason: "Herhaaldelijk beledigend", until: "" });
    expect(blockedAt(person.id)).toBeNull();
    expect(hiddenComments(person.id)).toBe(0);
    expect(db.select().from(auditLog).all().length).toBe(auditBefore);
    expect(db.select().from(topics).where(eq(topics.id, petitionId)).get()!.hidden).toBe(false);

    // The preview checks what the block checks: a missing reason beside its field, a clerk refused.
    const noReason = await callRoute(blocksRoute, { path: "/moderation/blocks", form: { intent: "preview", userId: person.id, reason: "" }, cookie: clerk.cookie });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toBeTruthy();
    const otherClerk = await createPerson({ roles: ["clerk"] });
    const refused = await callRoute(blocksRoute, { path: "/moderation/blocks", form: { intent: "preview", userId: otherClerk.id, reason: "Probeersel" }, cookie: clerk.cookie });
    expect(refused.status).toBe(422);
    expect(refused.data.message).toBeTruthy();
  });

  it("may only be previewed by clerks", async () => {
    const target = await createPerson();
    for (const who of [null, (await createPerson()).cookie, (await createPerson({ roles: ["councillor"] })).cookie]) {
      const result = await callRoute(blocksRoute, { path: "/moderation/blocks", form: { intent: "preview", userId: target.id, reason: "Herhaaldelijk beledigend" }, cookie: who });
      expect([302, 403]).toContain(result.status);
      expect(result.data?.preview).toBeUndefined();
    }
  });

  it("hidden by an earlier block, topics come back with the migration; what moderation hid stays hidden", () => {
    const byBlock = db.transaction((tx) => tx.insert(topics).values({ kind: "discussion", title: "Verborgen door een blokkade", body: "", status: "open", isPublic: true, hidden: true, hiddenReason: "block" }).returning({ id: topics.id }).get().id);
    const byModeration = db.transaction((tx) => tx.insert(topics).values({ kind: "discussion", title: "Verborgen door de moderatie", body: "", status: "open", isPublic: true, hidden: true, hiddenReason: "moderation" }).returning({ id: topics.id }).get().id);
    const file = fs.readdirSync(path.resolve("db/migrations")).find((f) => f.endsWith("_blocks_leave_topics_public.sql"))!;
    sqlite().exec(fs.readFileSync(path.resolve("db/migrations", file), "utf8"));
    expect(db.select().from(topics).where(eq(topics.id, byBlock)).get()).toMatchObject({ hidden: false, hiddenReason: null });
    expect(db.select().from(topics).where(eq(topics.id, byModeration)).get()).toMatchObject({ hidden: true, hiddenReason: "moderation" });
  });
});
