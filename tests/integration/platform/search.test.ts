import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { topics } from "#db/schema";
import * as search from "~/routes/search";
import { insertTopic, toFtsQuery } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";
import { callRoute } from "../../support/routes";

let visible: number;
let hidden: number;
let draft: number;

beforeAll(() => {
  db.transaction((tx) => {
    visible = insertTopic(tx, { kind: "petition", title: "Zebrapad bij de Schoolstraat", summary: "Veilig oversteken", body: "Kinderen steken hier over.", authorId: null, status: "open", isPublic: true });
    hidden = insertTopic(tx, { kind: "petition", title: "Zebrapad verborgen", authorId: null, status: "open", isPublic: true });
    draft = insertTopic(tx, { kind: "discussion", title: "Zebrapad concept", authorId: null, status: "draft", isPublic: false });
    insertTopic(tx, { kind: "discussion", title: "Speeltuin in Noord", summary: "Een nieuwe speeltuin", authorId: null, status: "open", isPublic: true });
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

  it("filters by kind and ignores an unknown kind", async () => {
    expect((await callRoute(search, { path: "/search?q=zebrapad&kind=discussion" })).data.total).toBe(0);
    expect((await callRoute(search, { path: "/search?q=zebrapad&kind=nonsense" })).data).toMatchObject({ total: 1, kind: null });
  });

  it("treats FTS operators and quotes as text, never as syntax", async () => {
    for (const q of ['zebra" OR "speeltuin', "NEAR(zebra speeltuin)", "*", "title:zebra", "'; DROP TABLE topics; --"]) {
      const result = await callRoute(search, { path: `/search?q=${encodeURIComponent(q)}` });
      expect(result.status, q).toBe(200);
    }
    expect(toFtsQuery('zebra" OR "x')).toBe('"zebra"* "OR"* "x"*');
    expect(toFtsQuery("*** ---")).toBeNull();
  });

  it("refuses an overlong query with a 400 and a translated message", async () => {
    const result = await callRoute(search, { path: `/search?q=${"a".repeat(201)}`, headers: { "Accept-Language": "en" } });
    expect(result.status).toBe(400);
    expect(result.data.error).toBe("Use a search term of at most 200 characters.");
  });

  it("an empty query shows the form without results", async () => {
    expect((await callRoute(search, { path: "/search" })).data).toMatchObject({ q: "", total: 0, hits: [] });
  });
});
