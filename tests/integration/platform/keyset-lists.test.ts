import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { comments, emailOutbox, flags, petitions, topics } from "#db/schema";
import { insertTopic } from "~/modules/topics/topics.server";
import * as petitionList from "~/routes/petitions._index";
import * as discussionList from "~/routes/discussions._index";
import * as moderation from "~/routes/moderation._index";
import * as outbox from "~/routes/admin.outbox";
import { db } from "~/utils/db.server";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { callRoute, type RouteModule } from "../../support/routes";

// Deep pages of the long lists are read by key (?after= / ?before=), never by OFFSET: these
// tests walk them forwards and back and check that the pages meet exactly, across the segments a
// filter is made of.

const MARK = `Sleutelpagina ${Date.now()}`;
let clerk: TestPerson;
const petitionIds: number[] = [];

beforeAll(async () => {
  clerk = await createPerson({ roles: ["resident", "clerk"] });
  const base = Date.UTC(2026, 0, 1);
  db.transaction((tx) => {
    // 45 petitions over four statuses, open and closed, with equal counts to test the id as tie-break.
    const states = ["open", "responded", "debated", "closed"] as const;
    for (let i = 0; i < 45; i++) {
      const status = states[i % 4]!;
      const id = insertTopic(tx, { kind: "petition", title: `${MARK} petitie ${i}`, authorId: null, status, isPublic: true });
      tx.update(topics)
        .set({
          supportCount: i % 7,
          publishedAt: new Date(base + (i % 9) * 86_400_000),
          closesAt: new Date(base + (40 - i) * 86_400_000),
          closedAt: status === "closed" || i % 3 === 0 ? new Date(base) : null,
        })
        .where(eq(topics.id, id))
        .run();
      tx.insert(petitions).values({ topicId: id, request: "Wij vragen iets." }).run();
      petitionIds.push(id);
    }
  });
});

/** Every page of a list, following "next" links from the first page, then "previous" links back. */
async function walk<T>(route: RouteModule, path: string, rowsOf: (data: any) => T[], cookie?: string) {
  const forward: T[][] = [];
  let result = await callRoute(route, { path, cookie });
  expect(result.status).toBe(200);
  expect(result.data.prev).toBeNull();
  forward.push(rowsOf(result.data));
  while (result.data.next) {
    result = await callRoute(route, { path: `${path}&after=${result.data.next}`, cookie });
    forward.push(rowsOf(result.data));
  }
  const backward: T[][] = [rowsOf(result.data)];
  while (result.data.prev) {
    result = await callRoute(route, { path: `${path}&before=${result.data.prev}`, cookie });
    backward.unshift(rowsOf(result.data));
  }
  return { forward, backward };
}

const ids = (data: { items: Array<{ id: number }> }) => data.items.map((i) => i.id);

describe("the petition list pages by key", () => {
  const cases: Array<[string, (row: typeof topics.$inferSelect) => boolean, (a: typeof topics.$inferSelect, b: typeof topics.$inferSelect) => number]> = [
    ["status=all&sort=signatures", () => true, (a, b) => b.supportCount - a.supportCount || b.id - a.id],
    ["status=all&sort=newest", () => true, (a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime() || b.id - a.id],
    ["status=closed&sort=closing", (r) => r.closedAt !== null, (a, b) => a.closesAt!.getTime() - b.closesAt!.getTime() || a.id - b.id],
    ["status=open&sort=signatures", (r) => r.closedAt === null && r.status !== "closed", (a, b) => b.supportCount - a.supportCount || b.id - a.id],
    ["status=debated&sort=newest", (r) => r.status === "debated", (a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime() || b.id - a.id],
  ];
  for (const [query, keep, order] of cases) {
    it(`walks ${query} forwards and back, every petition once, in the list's order`, async () => {
      const rows = db.select().from(topics).all().filter((r) => petitionIds.includes(r.id)).filter(keep).sort(order);
      const { forward, backward } = await walk(petitionList, `/petitions?${query}&q=${encodeURIComponent(MARK)}`, ids);
      expect(forward.flat()).toEqual(rows.map((r) => r.id));
      expect(forward.slice(0, -1).every((page) => page.length === 20)).toBe(true);
      expect(backward).toEqual(forward);
    });
  }

  it("counts through the index, and says so when it stops counting", async () => {
    const result = await callRoute(petitionList, { path: `/petitions?status=all&q=${encodeURIComponent(MARK)}` });
    expect(result.data).toMatchObject({ total: 45, more: false });
  });
});

describe("the discussion list pages by key", () => {
  it("walks the newest first, forwards and back, with a status filter", async () => {
    const made = db.transaction((tx) =>
      Array.from({ length: 23 }, (_, i) => insertTopic(tx, { kind: "discussion", title: `${MARK} discussie ${i}`, authorId: null, status: i % 2 ? "open" : "closed", isPublic: true })),
    );
    const now = Date.now() + 86_400_000;
    for (const [i, id] of made.entries()) db.update(topics).set({ publishedAt: new Date(now + (i % 5) * 1000) }).where(eq(topics.id, id)).run();
    const rowsOf = (data: { rows: Array<{ id: number }> }) => data.rows.map((r) => r.id).filter((id) => made.includes(id));
    const open = made.filter((_, i) => i % 2).sort((a, b) => (made.indexOf(b) % 5) - (made.indexOf(a) % 5) || b - a);
    const { forward, backward } = await walk(discussionList, "/discussions?status=open", rowsOf);
    expect(forward.flat().slice(0, open.length)).toEqual(open);
    expect(backward).toEqual(forward);
  });
});

describe("the hidden tab of moderation pages in SQL", () => {
  it("merges hidden topics and comments by when they were hidden, forwards and back", async () => {
    const author = await createPerson();
    const topicId = db.transaction((tx) => insertTopic(tx, { kind: "discussion", title: `${MARK} verborgen`, authorId: author.id, status: "open", isPublic: true }));
    const base = Date.UTC(2020, 0, 1);
    const hiddenComments = db
      .insert(comments)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          topicId, authorId: author.id, body: `weg ${i}`, bodyHtml: `<p>weg ${i}</p>`,
          hiddenBy: (i % 2 ? "moderation" : "flags") as "moderation" | "flags", hiddenAt: new Date(base + Math.floor(i / 3) * 60_000),
        })),
      )
      .returning({ id: comments.id })
      .all()
      .map((r) => `comment-${r.id}`);
    const hiddenTopics = db.transaction((tx) =>
      Array.from({ length: 4 }, (_, i) => {
        const id = insertTopic(tx, { kind: "discussion", title: `${MARK} verborgen onderwerp ${i}`, authorId: author.id, status: "open", isPublic: true });
        tx.update(topics).set({ hidden: true, hiddenReason: "moderation", updatedAt: new Date(base + i * 3 * 60_000) }).where(eq(topics.id, id)).run();
        return `topic-${id}`;
      }),
    );
    const keys = (data: { items: Array<{ key: string }> }) => data.items.map((i) => i.key);
    const { forward, backward } = await walk(moderation, "/moderation?view=hidden", (data) =>
      keys(data).filter((k) => hiddenComments.includes(k) || hiddenTopics.includes(k)),
      clerk.cookie,
    );
    const seen = forward.flat();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((k) => k.startsWith("comment-"))).toEqual(hiddenComments);
    // Each topic comes right after the comments hidden at the same minute ("comment" < "topic").
    expect(seen.indexOf(hiddenTopics[1]!)).toBe(seen.indexOf(hiddenComments[11]!) + 1);
    expect(backward).toEqual(forward);
  });

  it("answers a tampered cursor with the first page", async () => {
    for (const cursor of ["%27%3B", Buffer.from('[1,"x"]').toString("base64url"), Buffer.from('[1,"topic",{}]').toString("base64url")]) {
      const result = await callRoute(moderation, { path: `/moderation?view=hidden&after=${cursor}`, cookie: clerk.cookie });
      expect(result.status).toBe(200);
      expect(result.data.prev).toBeNull();
    }
  });
});

describe("the flagged tab of moderation pages by each thing's first open flag", () => {
  it("lists every flagged thing once, by its first flag still open, forwards and back", async () => {
    const author = await createPerson();
    const flaggers = await Promise.all([createPerson(), createPerson(), createPerson()]);
    const topicId = db.transaction((tx) => insertTopic(tx, { kind: "discussion", title: `${MARK} gemeld`, authorId: author.id, status: "open", isPublic: true }));
    const commentIds = db
      .insert(comments)
      .values(Array.from({ length: 45 }, (_, i) => ({ topicId, authorId: author.id, body: `gemeld ${i}`, bodyHtml: `<p>gemeld ${i}</p>` })))
      .returning({ id: comments.id })
      .all()
      .map((r) => r.id);
    const base = Date.UTC(2019, 0, 1);
    const minute = 60_000;
    // Comment i is first flagged at minute 45 - i (so the list runs backwards through the ids);
    // every third gets two more flags later; every fifth's first flag is resolved already.
    const rows = commentIds.flatMap((id, i) => {
      const first = base + (45 - i) * minute;
      const later = i % 3 === 0 ? [1, 2].map((k) => ({ flagger: flaggers[k]!, at: first + 1_000 * minute + k })) : [];
      return [{ flagger: flaggers[0]!, at: first }, ...later].map((f, k) => ({
        targetType: "comment" as const, targetId: id, topicId, flaggerId: f.flagger.id, reason: "spam" as const, createdAt: new Date(f.at),
        resolvedAt: k === 0 && i % 5 === 0 && later.length > 0 ? new Date(first) : null,
      }));
    });
    db.insert(flags).values(rows).run();
    const firstOpen = (i: number) => (i % 5 === 0 && i % 3 === 0 ? base + (45 - i) * minute + 1_000 * minute + 1 : base + (45 - i) * minute);
    const expected = commentIds
      .map((id, i) => ({ key: `comment-${id}`, at: firstOpen(i) }))
      .sort((a, b) => a.at - b.at);

    const mine = (data: { items: Array<{ key: string }> }) => data.items.map((i) => i.key).filter((key) => expected.some((e) => e.key === key));
    const { forward, backward } = await walk(moderation, "/moderation?view=flagged", mine, clerk.cookie);
    expect(forward.length).toBeGreaterThan(2);
    expect(forward.flat()).toEqual(expected.map(({ key }) => key));
    expect(backward).toEqual(forward);
  });
});

describe("the outbox pages by key", () => {
  it("walks every message newest first, forwards and back", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    db.insert(emailOutbox)
      .values(Array.from({ length: 120 }, (_, i) => ({ toAddress: `o${i}@example.org`, subject: `${MARK} bericht ${i}`, text: "t", html: "<p>t</p>", status: "sent" as const })))
      .run();
    const all = db.select({ id: emailOutbox.id }).from(emailOutbox).all().map((r) => r.id).sort((a, b) => b - a);
    type Page = { list: { messages: Array<{ id: number }>; next: string | null; prev: string | null } };
    const pages: number[][] = [];
    let result = await callRoute(outbox, { path: "/admin/outbox", cookie: admin.cookie });
    pages.push((result.data as Page).list.messages.map((m) => m.id));
    while ((result.data as Page).list.next) {
      result = await callRoute(outbox, { path: `/admin/outbox?after=${(result.data as Page).list.next}`, cookie: admin.cookie });
      pages.push((result.data as Page).list.messages.map((m) => m.id));
    }
    expect(pages.flat()).toEqual(all);
    const back = await callRoute(outbox, { path: `/admin/outbox?before=${(result.data as Page).list.prev}`, cookie: admin.cookie });
    expect((back.data as Page).list.messages.map((m) => m.id)).toEqual(pages.at(-2));
  });
});
