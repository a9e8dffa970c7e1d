// The names signers chose to show, page by page by key: a petition with a million signatures
// reads only the page asked for, every name appears once walking forwards and back, and a
// tampered cursor is the first page, never an error.
import { beforeAll, describe, expect, it } from "vitest";
import { signatures } from "#db/schema";
import { db } from "~/utils/db.server";
import * as page from "~/routes/petitions.$id";
import { NAMES_PAGE_SIZE } from "~/modules/petitions/petitions.queries.server";
import { callRoute } from "../../support/routes";
import { ensureNeighbourhoods, makePetition, setThresholds } from "./helpers";

type Names = { names: Array<{ id: number; name: string }>; next: string | null; prev: string | null };
const view = async (id: number, query = "") =>
  (await callRoute(page, { path: `/petitions/${id}${query}`, params: { id: String(id) } })).data.names as Names;

beforeAll(() => {
  ensureNeighbourhoods();
  setThresholds(500, 2000);
});

describe("the names of signers", () => {
  it("are paged by key, newest first, each name once forwards and back", async () => {
    const { id } = await makePetition();
    const total = 70; // 56 names shown: pages of 25, 25 and 6
    expect(NAMES_PAGE_SIZE).toBe(25);
    const start = Date.UTC(2026, 5, 1);
    // Pairs share a moment, so the row id breaks the tie; every fifth signer keeps their name private.
    for (let i = 0; i < total; i++) {
      const showName = i % 5 !== 4;
      db.insert(signatures)
        .values({ topicId: id, name: `Ondertekenaar ${i}`, showName, emailCanonical: `names-${id}-${i}@example.org`, status: "confirmed", confirmedAt: new Date(start + Math.floor(i / 2) * 1000) })
        .run();
    }
    const shown = Array.from({ length: total }, (_, i) => i).filter((i) => i % 5 !== 4).reverse().map((i) => `Ondertekenaar ${i}`);
    const first = await view(id);
    expect(first.prev).toBeNull();
    const second = await view(id, `?namesAfter=${first.next}`);
    const third = await view(id, `?namesAfter=${second.next}`);
    expect(third.next).toBeNull();
    expect([...first.names, ...second.names, ...third.names].map((n) => n.name)).toEqual(shown);
    const back = await view(id, `?namesBefore=${third.prev}`);
    expect(back.names.map((n) => n.name)).toEqual(second.names.map((n) => n.name));
  });

  it("answer a tampered or foreign cursor with the first page", async () => {
    const { id } = await makePetition();
    for (const query of ["?namesAfter=%%%", "?namesAfter=WyJ4IiwxXQ", "?namesBefore=WzEsMiwzXQ", "?names=999999999999"]) {
      const answer = await callRoute(page, { path: `/petitions/${id}${query}`, params: { id: String(id) } });
      expect(answer.status).toBe(200);
      expect((answer.data.names as Names).names).toEqual([]);
    }
  });
});
