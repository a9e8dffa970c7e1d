import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { auditLog, topics, voteOptions, votes } from "#db/schema";
import * as editRoute from "~/routes/votes.$id_.edit";
import * as newRoute from "~/routes/votes.new";
import * as votePage from "~/routes/votes.$id";
import { castBallot } from "~/modules/votes/votes.ballots.server";
import { listOptions, updateVote } from "~/modules/votes/votes.server";
import { db } from "~/utils/db.server";
import { createPerson } from "../../support/fixtures";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";
import { actorOf, budgetSetup, createVoter, ensureNeighbourhoods, makeVote, newCode, theClerk } from "./helpers";

/** The set-up form as a clerk posts it: times on the municipality's clock, options as numbered rows. */
function setupForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "save",
    title: "Welke speeltuin krijgt nieuwe toestellen?",
    body: "Kies de speeltuin.",
    ballotType: "budget",
    budget: "100000",
    allocationRule: "equalshares/add1",
    opensAt: "2026-01-05T09:00",
    closesAt: "2099-01-19T17:00",
    eligibleWho: "confirmed-accounts",
    resultsShown: "after-closing",
    rows: "4",
    "option-0-title": "Molenplein",
    "option-0-cost": "60000",
    "option-1-title": "Kerkstraat",
    "option-1-cost": "50.000",
    "option-1-imageUrl": "https://voorbeeldstad.example/kerkstraat.jpg",
    "option-1-imageAlt": "De speeltuin aan de Kerkstraat",
    ...overrides,
  };
}

const voteCount = () => db.select({ n: sql<number>`count(*)` }).from(votes).get()!.n;

describe("setting up a vote (clerks)", () => {
  it("a clerk sets up a participatory budget: the vote, its options with costs and alt text, opening time on the town hall's clock", async () => {
    const clerk = await theClerk();
    const result = await callRoute(newRoute, { path: "/votes/new", form: setupForm(), cookie: clerk.cookie });
    expect(result.status).toBe(302);
    const topicId = Number(result.location!.split("/").pop());
    const vote = db.select().from(votes).where(eq(votes.topicId, topicId)).get()!;
    expect(vote).toMatchObject({ ballotType: "budget", budget: 100_000, allocationRule: "equalshares/add1", resultsShown: "after-closing", ballotCount: 0 });
    // 09:00 in Amsterdam in January is 08:00 UTC.
    expect(vote.opensAt.toISOString()).toBe("2026-01-05T08:00:00.000Z");
    expect(listOptions(db, topicId).map((o) => [o.title, o.cost, o.imageAlt])).toEqual([
      ["Molenplein", 60_000, null],
      ["Kerkstraat", 50_000, "De speeltuin aan de Kerkstraat"],
    ]);
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, String(topicId))).all().map((a) => a.action)).toContain("vote.create");
  });

  it("a repeat of the same post sets up one vote", async () => {
    const clerk = await theClerk();
    const form = setupForm({ submission: "abcdefghijklmnop1234" });
    const first = await callRoute(newRoute, { path: "/votes/new", form, cookie: clerk.cookie });
    const before = voteCount();
    const second = await callRoute(newRoute, { path: "/votes/new", form, cookie: clerk.cookie });
    expect(second.location).toBe(first.location);
    expect(voteCount()).toBe(before);
  });

  it("bad input gets a message beside its field and sets up nothing", async () => {
    const clerk = await theClerk();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ title: "Wat" }, "title", "Gebruik minstens 5 tekens."],
      [{ closesAt: "2025-01-01T09:00" }, "closesAt", "De stemming moet sluiten na het openen."],
      [{ opensAt: "morgen" }, "opensAt", ""],
      [{ "option-0-cost": "" }, "option-0-cost", "Geef de kosten van dit project in hele euro’s."],
      [{ "option-0-cost": "200000" }, "option-0-cost", "Dit project kost meer dan het hele budget."],
      [{ "option-1-imageAlt": "" }, "option-1-imageAlt", "Beschrijf de afbeelding voor wie hem niet kan zien."],
      [{ "option-1-title": "", "option-1-cost": "", "option-1-imageUrl": "", "option-1-imageAlt": "" }, "options", "Geef ten minste twee antwoorden."],
      [{ ballotType: "multiple", maxChoices: "5" }, "maxChoices", "Kies een aantal van 1 tot het aantal antwoorden."],
      [{ neighbourhoodId: "999999" }, "neighbourhoodId", "Kies een wijk uit de lijst."],
      [{ "option-1-linkedTopicId": "999999" }, "option-1-linkedTopicId", "Er is geen openbaar onderwerp met dit nummer."],
      [{ "option-1-imageUrl": "javascript:alert(1)" }, "option-1-imageUrl", "Vul een webadres in dat begint met https:// (of een pad dat begint met /)."],
    ];
    for (const [change, field, message] of cases) {
      const before = voteCount();
      const result = await callRoute(newRoute, { path: "/votes/new", form: setupForm(change), cookie: clerk.cookie });
      expect([400, 422], JSON.stringify(change)).toContain(result.status);
      expect(result.data.errors[field], JSON.stringify(change)).toBeTruthy();
      if (message) expect(result.data.errors[field]).toBe(message);
      expect(voteCount()).toBe(before);
    }
  });

  it("'more answers' brings the form back with four more rows and everything typed, without JavaScript", async () => {
    const clerk = await theClerk();
    const result = await callRoute(newRoute, { path: "/votes/new", form: setupForm({ intent: "more-rows" }), cookie: clerk.cookie });
    expect(result.status).toBe(200);
    expect(result.data.rows).toBe(8);
    expect(result.data.values["option-1-title"]).toBe("Kerkstraat");
  });
});

describe("a vote cannot be edited once someone voted", () => {
  it("before the first ballot a clerk changes it; after it the change is refused in the write transaction and nothing changes", async () => {
    const clerk = await theClerk();
    const { topicId, optionIds } = await makeVote(budgetSetup());
    const edited = updateVote(actorOf(clerk, ["clerk"]), topicId, budgetSetup({ title: "Een betere vraag over het budget", budget: 120 }));
    expect(edited.ok).toBe(true);
    expect(db.select().from(votes).where(eq(votes.topicId, topicId)).get()!.budget).toBe(120);

    const optionsNow = listOptions(db, topicId).map((o) => o.id);
    const voter = await createVoter();
    expect((await castBallot(actorOf(voter), { topicId, code: newCode(), optionIds: [optionsNow[0]!] })).ok).toBe(true);
    void optionIds;

    const refused = updateVote(actorOf(clerk, ["clerk"]), topicId, budgetSetup({ title: "Toch een andere vraag", budget: 500 }));
    expect(refused).toMatchObject({ ok: false, reason: "has-ballots" });
    const route = await callRoute(editRoute, { path: `/votes/${topicId}/edit`, params: { id: String(topicId) }, form: setupForm({ title: "Via het formulier gewijzigd" }), cookie: clerk.cookie });
    expect(route.status).toBe(409);
    expect(route.data.errors.form).toBe("Er is al gestemd: de stemming kan niet meer worden gewijzigd.");
    expect(db.select().from(topics).where(eq(topics.id, topicId)).get()!.title).toBe("Een betere vraag over het budget");
    expect(db.select().from(votes).where(eq(votes.topicId, topicId)).get()!.budget).toBe(120);
    expect(listOptions(db, topicId).map((o) => o.id)).toEqual(optionsNow);
    expect(db.select().from(voteOptions).where(eq(voteOptions.topicId, topicId)).all().map((o) => o.voteCount)).toEqual([1, 0, 0, 0]);
  });
});

describe("permissions", () => {
  it("only clerks open the set-up page and set up a vote", async () => {
    await expectPermissions({ route: newRoute, request: () => ({ path: "/votes/new" }), allowed: ["clerk"] });
    await expectPermissions({
      route: newRoute,
      request: () => ({ path: "/votes/new", form: setupForm() }),
      allowed: ["clerk"],
      onRefused: () => undefined,
    });
  });

  it("only clerks open and post the edit page", async () => {
    const { topicId } = await makeVote();
    await expectPermissions({ route: editRoute, request: () => ({ path: `/votes/${topicId}/edit`, params: { id: String(topicId) } }), allowed: ["clerk"] });
    let asked = "";
    await expectPermissions({
      route: editRoute,
      request: (person) => {
        asked = `Gewijzigd door ${person?.id ?? "een bezoeker"}`;
        return { path: `/votes/${topicId}/edit`, params: { id: String(topicId) }, form: setupForm({ title: asked }) };
      },
      allowed: ["clerk"],
      onRefused: () => expect(db.select().from(topics).where(eq(topics.id, topicId)).get()!.title).not.toBe(asked),
    });
  });

  it("a visitor is sent to sign in, a blocked person is refused, and neither casts a ballot", async () => {
    ensureNeighbourhoods();
    const { topicId, optionIds } = await makeVote();
    const form = { intent: "cast", ballotCode: newCode(), option: String(optionIds[0]) };
    const visitor = await callRoute(votePage, { path: `/votes/${topicId}`, params: { id: String(topicId) }, form });
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/sign-in/);
    const blocked = await createPerson();
    const { users } = await import("#db/schema");
    db.update(users).set({ blockedAt: new Date(), postcode: "9903AB" }).where(eq(users.id, blocked.id)).run();
    const refused = await callRoute(votePage, { path: `/votes/${topicId}`, params: { id: String(topicId) }, form, cookie: blocked.cookie });
    expect(refused.status).toBe(403);
    expect(db.select().from(votes).where(eq(votes.topicId, topicId)).get()!.ballotCount).toBe(0);
  });
});


