import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { topics } from "#db/schema";
import * as search from "~/routes/search";
import { insertTopic, searchTopics, SEARCH_RESULTS_CAP, toFtsQuery } from "~/modules/topics/topics.server";
import { db, sqlite } from "~/utils/db.server";
import { callRoute } from "../../support/routes";

let visible: number;
let hidden: number;
let draft: number;
let stadspark: number;
let oosterpark: number;
let parkeren: number;
let lantaarns: number;

beforeAll(() => {
  db.transaction((tx) => {
    visible = insertTopic(tx, { kind: "petition", title: "Zebrapad bij de Schoolstraat", summary: "Veilig oversteken", body: "Kinderen steken hier over.", authorId: null, status: "open", isPublic: true });
    hidden = insertTopic(tx, { kind: "petition", title: "Zebrapad verborgen", authorId: null, status: "open", isPublic: true });
    draft = insertTopic(tx, { kind: "discussion", title: "Zebrapad concept", authorId: null, status: "draft", isPublic: false });
    insertTopic(tx, { kind: "discussion", title: "Speeltuin in Noord", summary: "Een nieuwe speeltuin", authorId: null, status: "open", isPublic: true });
    stadspark = insertTopic(tx, { kind: "petition", title: "Meer bankjes in het Stadspark", authorId: null, status: "open", isPublic: true });
    oosterpark = insertTopic(tx, { kind: "discussion", title: "Hondenveld", body: "Een losloopgebied in het Oosterpark.", authorId: null, status: "closed", isPublic: true });
    parkeren = insertTopic(tx, { kind: "discussion", title: "Park en parkeren in Zuid", authorId: null, status: "open", isPublic: true });
    lantaarns = insertTopic(tx, { kind: "petition", title: "Donkere fietsroute", summary: "Betere straatverlichting langs het kanaal", authorId: null, status: "open", isPublic: true });
  });
  db.update(topics).set({ hidden: true }).where(eq(topics.id, hidden)).run();
});

describe("the search page", () => {
  it("finds public, visible topics by prefix and diacritic-insensitively, with a marked snippet", async () => {
    const result = await callRoute(search, { path: "/search?q=zebra" });
    expect(result.status).toBe(200);
    expect(result.data.total).toBe(1);
    expect(result.data.hits[0]).toMatchObject({ id: visible, kind: "petition", title: "Zebrapad bij de Schoolstraat" });
    expect(result.data.hits.map((h: { id: number }) => h.id)).not.toContain(hidden);
    expect(result.data.hits.map((h: { id: number }) => h.id)).not.toContain(draft);
    expect((await callRoute(search, { path: "/search?q=speeltu%C3%AFn" })).data.total).toBe(1);
  });

  it("finds parts of Dutch compound words, whole words first, with each result's kind and status", async () => {
    const result = await callRoute(search, { path: "/search?q=park" });
    const ids = result.data.hits.map((h: { id: number }) => h.id);
    expect(ids).toEqual(expect.arrayContaining([stadspark, oosterpark, parkeren]));
    expect(ids[0]).toBe(parkeren);
    expect(result.data.hits.find((h: { id: number }) => h.id === oosterpark)).toMatchObject({ kind: "discussion", status: "closed", statusLabel: "Gesloten" });
    expect(result.data.hits.find((h: { id: number }) => h.id === oosterpark).snippet).toContain("Ooster[[park]]");
    const light = await callRoute(search, { path: "/search?q=licht" });
    expect(light.data.hits.map((h: { id: number }) => h.id)).toEqual([lantaarns]);
    expect(light.data.total).toBe(1);
    expect((await callRoute(search, { path: "/search?q=park&kind=petition" })).data.hits.map((h: { id: number }) => h.id)).toEqual([stadspark]);
  });

  it("keeps hidden and unpublished topics out of the index itself, and follows them when they change", () => {
    const inIndex = (id: number) =>
      (sqlite().prepare("SELECT rowid AS id FROM topics_trigram WHERE topics_trigram MATCH 'Zebrapad'").all() as Array<{ id: number }>).some((row) => row.id === id);
    expect(inIndex(visible)).toBe(true);
    expect(inIndex(hidden)).toBe(false);
    expect(inIndex(draft)).toBe(false);
    db.update(topics).set({ isPublic: true, status: "open" }).where(eq(topics.id, draft)).run();
    expect(inIndex(draft)).toBe(true);
    db.update(topics).set({ hidden: true }).where(eq(topics.id, draft)).run();
    expect(inIndex(draft)).toBe(false);
    expect(sqlite().prepare("SELECT count(*) AS n FROM topics_fts WHERE topics_fts MATCH 'zebrapad'").get()).toEqual({ n: 1 });
  });

  it("filters by kind and ignores an unknown kind", async () => {
    expect((await callRoute(search, { path: "/search?q=zebrapad&kind=discussion" })).data.total).toBe(0);
    expect((await callRoute(search, { path: "/search?q=zebrapad&kind=nonsense" })).data).toMatchObject({ total: 1, kind: null });
    // The filter offers the kinds the platform runs, not kinds that only exist as words so far.
    const page = await callRoute(search, { path: "/search?q=zebrapad&kind=errand" });
    expect(page.data).toMatchObject({ kind: null, kinds: ["petition", "discussion", "proposal", "vote", "bylaw"] });
  });

  it("treats FTS operators and quotes as text, never as syntax", async () => {
    for (const q of ['zebra" OR "speeltuin', "NEAR(zebra speeltuin)", "*", "title:zebra", "'; DROP TABLE topics; --"]) {
      const result = await callRoute(search, { path: `/search?q=${encodeURIComponent(q)}` });
      expect(result.status, q).toBe(200);
    }
    expect(toFtsQuery('zebra" OR "x')).toBe('"zebra" "OR" "x"');
    expect(toFtsQuery("*** ---")).toBeNull();
  });

  it("refuses an overlong query with a 400 and a translated message", async () => {
    const result = await callRoute(search, { path: `/search?q=${"a".repeat(201)}`, headers: { "Accept-Language": "en" } });
    expect(result.status).toBe(400);
    expect(result.data.error).toBe("Use a search term of at most 200 characters.");
  });

  it("ranks a title match above a match in the text, the newest first within each, whole words before parts", () => {
    const ids = db.transaction((tx) =>
      ["Oud voetpad", "Nieuw voetpad", "Tekst", "Voetpaden overal"].map((title, i) =>
        insertTopic(tx, { kind: "discussion", title, body: i === 2 ? "Het voetpad is kapot." : "Iets anders.", authorId: null, status: "open", isPublic: true }),
      ),
    );
    const [old, recent, inText, partOfWord] = ids as [number, number, number, number];
    expect(searchTopics("voetpad").hits.map((h) => h.id)).toEqual([recent, old, inText, partOfWord]);
    // Deeper pages continue the same order.
    expect(searchTopics("voetpad", { limit: 2, offset: 2 }).hits.map((h) => h.id)).toEqual([inText, partOfWord]);
  });

  it("counts up to a thousand results and says there are more; pages end there", async () => {
    const insert = sqlite().prepare("INSERT INTO topics (kind, title, summary, body, body_html, status, is_public, hidden) VALUES ('discussion', ?, '', '', '', 'open', 1, 0)");
    sqlite().transaction(() => {
      for (let i = 0; i < SEARCH_RESULTS_CAP + 5; i++) insert.run(`Kwastenmuseum ${i}`);
    })();
    const first = await callRoute(search, { path: "/search?q=kwast", headers: { "Accept-Language": "en" } });
    expect(first.data).toMatchObject({ total: SEARCH_RESULTS_CAP, more: true, pages: SEARCH_RESULTS_CAP / 20 });
    const deep = await callRoute(search, { path: "/search?q=kwast&page=9999" });
    expect(deep.status).toBe(200);
    expect(deep.data).toMatchObject({ page: SEARCH_RESULTS_CAP / 20, more: true });
    expect(deep.data.hits).toHaveLength(20);
    expect((await callRoute(search, { path: "/search?q=kwast&page=abc" })).data.page).toBe(1);
  });

  it("an empty query shows the form without results", async () => {
    expect((await callRoute(search, { path: "/search" })).data).toMatchObject({ q: "", total: 0, hits: [] });
  });
});
