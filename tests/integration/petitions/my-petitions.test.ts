// "Mijn petities" for a person who signed more than a page: each list is read page by page by its
// key (a resident in a big city signed 5,000; the page once read them all into memory), every
// signature is shown exactly once, and a tampered cursor or view is the first page, never an error.
import { describe, expect, it } from "vitest";
import { signatures } from "#db/schema";
import { db } from "~/utils/db.server";
import * as mine from "~/routes/petitions.mine";
import { MINE_PAGE_SIZE } from "~/modules/petitions/petitions.queries.server";
import { callRoute } from "../../support/routes";
import { makePetition, resident } from "./helpers";

type Page = { items: Array<{ id: number }>; next: string | null; prev: string | null };

describe("My petitions, page by page", () => {
  it("walks the signed list forwards and back, each petition once, newest first", async () => {
    const person = await resident();
    const total = MINE_PAGE_SIZE + 7;
    const ids: number[] = [];
    // Two signatures share each moment, so the row id has to break the tie.
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < total; i++) {
      const { id } = await makePetition();
      ids.push(id);
      const at = new Date(start + Math.floor(i / 2) * 60_000);
      db.insert(signatures).values({ topicId: id, userId: person.id, emailCanonical: `mine-${id}@example.org`, status: "confirmed", confirmedAt: at }).run();
    }
    const first = await callRoute(mine, { path: "/petitions/mine", cookie: person.cookie });
    const firstSigned = first.data.signed as Page;
    expect(first.data.authored.items).toEqual([]);
    expect(firstSigned.items).toHaveLength(MINE_PAGE_SIZE);
    expect(firstSigned.items[0]!.id).toBe(ids.at(-1));
    expect(firstSigned.next).not.toBeNull();

    const second = await callRoute(mine, { path: `/petitions/mine?view=signed&after=${firstSigned.next}`, cookie: person.cookie });
    const secondSigned = second.data.signed as Page;
    expect(second.data.authored).toBeNull();
    expect(secondSigned.next).toBeNull();
    const seen = [...firstSigned.items, ...secondSigned.items].map((p) => p.id);
    expect(seen).toEqual([...ids].reverse());

    const back = await callRoute(mine, { path: `/petitions/mine?view=signed&before=${secondSigned.prev}`, cookie: person.cookie });
    expect((back.data.signed as Page).items.map((p) => p.id)).toEqual(firstSigned.items.map((p) => p.id));
  });

  it("answers a tampered cursor or an unknown view with the first page", async () => {
    const person = await resident();
    for (const query of ["view=signed&after=%%%", "view=signed&after=WzEsMiwzXQ", "view=../../etc", "view=signed&before=bm90IGpzb24"]) {
      const answer = await callRoute(mine, { path: `/petitions/mine?${query}`, cookie: person.cookie });
      expect(answer.status).toBe(200);
      expect((answer.data.signed as Page).items).toEqual([]);
    }
  });

  it("is refused to someone not signed in", async () => {
    const answer = await callRoute(mine, { path: "/petitions/mine" });
    expect(answer.status).toBe(302);
  });
});
