import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, ballotChoices, ballots, emailOutbox, notifications, topics, voteOptions, voteParticipations, votes, voteTurnoutCounts } from "#db/schema";
import * as votePage from "~/routes/votes.$id";
import * as receiptPage from "~/routes/votes.$id_.receipt";
import { castBallot } from "~/modules/votes/votes.ballots.server";
import { db, sqlite } from "~/utils/db.server";
import { callRoute, CookieJar } from "../../support/routes";
import { actorOf, budgetSetup, createVoter, ensureNeighbourhoods, makeVote, newCode, setup } from "./helpers";

const HOUR = 3_600_000;

const castForm = (code: string, options: number[], intent = "cast") => ({ intent, ballotCode: code, option: options.map(String) });

async function openPage(cookie: string, topicId: number) {
  const page = await callRoute(votePage, { path: `/votes/${topicId}`, params: { id: String(topicId) }, cookie });
  expect(page.status).toBe(200);
  return page.data as { ballotCode: string | null };
}

const post = (cookie: string | null, topicId: number, form: Record<string, string | string[]>) =>
  callRoute(votePage, { path: `/votes/${topicId}`, params: { id: String(topicId) }, form, cookie });

function state(topicId: number) {
  return {
    ballots: db.select({ n: sql<number>`count(*)` }).from(ballots).where(eq(ballots.topicId, topicId)).get()!.n,
    choices: db.select({ n: sql<number>`count(*)` }).from(ballotChoices).where(eq(ballotChoices.topicId, topicId)).get()!.n,
    participations: db.select({ n: sql<number>`count(*)` }).from(voteParticipations).where(eq(voteParticipations.topicId, topicId)).get()!.n,
    ballotCount: db.select({ n: votes.ballotCount }).from(votes).where(eq(votes.topicId, topicId)).get()!.n,
    optionCounts: db.select({ n: voteOptions.voteCount }).from(voteOptions).where(eq(voteOptions.topicId, topicId)).orderBy(voteOptions.position).all().map((r) => r.n),
  };
}

describe("casting a ballot through the vote's page", () => {
  it("casts once, shows the code and the ballot on the receipt page once, and mails a receipt without either", async () => {
    const { topicId, optionIds } = await makeVote();
    const anna = await createVoter();
    const { ballotCode } = await openPage(anna.cookie, topicId);
    expect(ballotCode).toMatch(/^[A-Z2-7]{26}$/);
    const cast = await post(anna.cookie, topicId, castForm(ballotCode!, [optionIds[1]!]));
    expect(cast.status).toBe(302);
    expect(cast.location).toBe(`/votes/${topicId}/receipt`);
    // The code is in the signed one-time cookie, never in the address.
    expect(cast.location).not.toContain(ballotCode!);
    const jar = new CookieJar(anna.cookie);
    jar.take(cast);
    const receipt = await callRoute(receiptPage, { path: `/votes/${topicId}/receipt`, params: { id: String(topicId) }, cookie: jar.header() });
    expect(receipt.data.receipt.code.replace(/ /g, "")).toBe(ballotCode);
    expect(receipt.data.receipt.choices).toEqual(["Kadepark"]);
    // Without the message cookie (a reload, another tab), the code is not shown again.
    const again = await callRoute(receiptPage, { path: `/votes/${topicId}/receipt`, params: { id: String(topicId) }, cookie: anna.cookie });
    expect(again.data.receipt).toBeNull();
    expect(state(topicId)).toMatchObject({ ballots: 1, choices: 1, participations: 1, ballotCount: 1, optionCounts: [0, 1, 0] });
    const mail = db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, anna.email)).all();
    expect(mail).toHaveLength(1);
    for (const part of [mail[0]!.subject, mail[0]!.text, mail[0]!.html]) {
      expect(part).not.toContain(ballotCode!);
      expect(part).not.toContain("Kadepark");
    }
    expect(mail[0]!.text).toContain("Welke naam krijgt het park?");
  });

  it("the page shows the ballot form only to someone who may still vote", async () => {
    const { topicId, optionIds } = await makeVote();
    const anna = await createVoter();
    const first = await openPage(anna.cookie, topicId);
    await castBallot(actorOf(anna), { topicId, code: first.ballotCode!, optionIds: [optionIds[0]!] });
    expect((await openPage(anna.cookie, topicId)).ballotCode).toBeNull();
    const visitor = await callRoute(votePage, { path: `/votes/${topicId}`, params: { id: String(topicId) } });
    expect(visitor.data.ballotCode).toBeNull();
  });

  it("a repeat of the same post answers with the same receipt; another ballot from the same person is refused", async () => {
    const { topicId, optionIds } = await makeVote();
    const anna = await createVoter();
    const code = newCode();
    expect((await post(anna.cookie, topicId, castForm(code, [optionIds[0]!]))).status).toBe(302);
    const repeat = await post(anna.cookie, topicId, castForm(code, [optionIds[0]!]));
    expect(repeat.status).toBe(302);
    expect(repeat.location).toBe(`/votes/${topicId}/receipt`);
    const second = await post(anna.cookie, topicId, castForm(newCode(), [optionIds[2]!]));
    expect(second.status).toBe(422);
    expect(second.data.error).toBe("U hebt al gestemd in deze stemming. Iedereen stemt één keer.");
    expect(state(topicId)).toMatchObject({ ballots: 1, participations: 1, optionCounts: [1, 0, 0] });
  });

  it("someone else's code (or one already cast) is refused with a fresh form and nothing written", async () => {
    const { topicId, optionIds } = await makeVote();
    const [anna, bob] = await Promise.all([createVoter(), createVoter()]);
    const code = newCode();
    await castBallot(actorOf(anna), { topicId, code, optionIds: [optionIds[0]!] });
    const result = await post(bob.cookie, topicId, castForm(code, [optionIds[1]!]));
    expect(result.status).toBe(422);
    expect(result.data.ballotCode).toBeNull();
    expect(state(topicId)).toMatchObject({ ballots: 1, participations: 1, optionCounts: [1, 0, 0] });
  });

  it("one ballot per person under 20 simultaneous requests, with the same code and with codes from several tabs", async () => {
    const { topicId, optionIds } = await makeVote();
    const anna = await createVoter();
    const code = newCode();
    const attempts = Array.from({ length: 20 }, (_, i) => post(anna.cookie, topicId, castForm(i % 2 === 0 ? code : newCode(), [optionIds[i % 3]!])));
    const results = await Promise.all(attempts);
    expect(results.every((r) => r.status === 302 || r.status === 422)).toBe(true);
    expect(results.some((r) => r.status === 302)).toBe(true);
    const s = state(topicId);
    expect(s).toMatchObject({ ballots: 1, participations: 1, ballotCount: 1 });
    expect(s.optionCounts.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("many people at once: every acknowledged ballot is stored, and every count matches the rows", async () => {
    const { topicId, optionIds } = await makeVote();
    const people = await Promise.all(Array.from({ length: 40 }, () => createVoter()));
    const results = await Promise.all(people.map((p, i) => castBallot(actorOf(p), { topicId, code: newCode(), optionIds: [optionIds[i % 3]!] })));
    expect(results.every((r) => r.ok)).toBe(true);
    const s = state(topicId);
    expect(s).toMatchObject({ ballots: 40, participations: 40, ballotCount: 40, choices: 40 });
    expect(s.optionCounts).toEqual([14, 13, 13]);
    const turnout = db.select({ n: voteTurnoutCounts.count }).from(voteTurnoutCounts).where(eq(voteTurnoutCounts.topicId, topicId)).all();
    expect(turnout.map((t) => t.n)).toEqual([40]);
  });
});

describe("a ballot the rules refuse changes nothing and says why, in Dutch and English", () => {
  async function refused(topicId: number, form: Record<string, string | string[]>, cookie: string) {
    const before = state(topicId);
    const result = await post(cookie, topicId, form);
    expect(state(topicId)).toEqual(before);
    return result;
  }

  it("a budget over the limit, even with the form's total tampered with", async () => {
    const { topicId, optionIds } = await makeVote(budgetSetup());
    const anna = await createVoter();
    const over = await refused(topicId, { ...castForm(newCode(), [optionIds[0]!, optionIds[1]!, optionIds[3]!]), total: "90" }, anna.cookie);
    expect(over.status).toBe(422);
    expect(over.data.error).toBe("Uw keuze kost meer dan het budget van 100. Haal een project weg.");
    const english = await refused(topicId, castForm(newCode(), [optionIds[0]!, optionIds[1]!, optionIds[2]!]), (await createVoter({ locale: "en" })).cookie);
    expect(english.data.error).toBe("Your choice costs more than the budget of 100. Remove a project.");
    // Within the budget it counts.
    expect((await post(anna.cookie, topicId, castForm(newCode(), [optionIds[0]!, optionIds[1]!]))).status).toBe(302);
  });

  it("the budget's minimum and maximum number of projects", async () => {
    const { topicId, optionIds } = await makeVote(budgetSetup({ minProjects: 2, maxProjects: 2 }));
    const anna = await createVoter();
    expect((await refused(topicId, castForm(newCode(), [optionIds[3]!]), anna.cookie)).data.error).toBe("Kies minstens 2 projecten.");
    expect((await refused(topicId, castForm(newCode(), [optionIds[1]!, optionIds[2]!, optionIds[3]!]), anna.cookie)).data.error).toBe("Kies ten hoogste 2 projecten.");
  });

  it("more than k options in a multiple-choice vote, two in a single-choice one, and an empty ballot", async () => {
    const multiple = await makeVote(setup({ ballotType: "multiple", maxChoices: 2 }));
    const single = await makeVote();
    const anna = await createVoter();
    expect((await refused(multiple.topicId, castForm(newCode(), multiple.optionIds), anna.cookie)).data.error).toBe("U kunt ten hoogste 2 antwoorden kiezen.");
    expect((await refused(single.topicId, castForm(newCode(), single.optionIds.slice(0, 2)), anna.cookie)).data.error).toBe("Kies precies één antwoord.");
    expect((await refused(single.topicId, castForm(newCode(), []), anna.cookie)).data.error).toBe("Kies eerst een antwoord.");
  });

  it("an option of another vote (a tampered or stale form)", async () => {
    const one = await makeVote();
    const other = await makeVote();
    const anna = await createVoter();
    const result = await refused(one.topicId, castForm(newCode(), [other.optionIds[0]!]), anna.cookie);
    expect(result.status).toBe(422);
    expect(result.data.error).toBe("Een gekozen antwoord hoort niet bij deze stemming. Kies opnieuw.");
    expect(state(other.topicId).ballots).toBe(0);
  });

  it("before its opening time and after its closing time", async () => {
    const upcoming = await makeVote(setup({ opensAt: new Date(Date.now() + HOUR), closesAt: new Date(Date.now() + 2 * HOUR) }));
    const past = await makeVote(setup({ opensAt: new Date(Date.now() - 2 * HOUR), closesAt: new Date(Date.now() - HOUR) }));
    const anna = await createVoter();
    expect((await refused(upcoming.topicId, castForm(newCode(), [upcoming.optionIds[0]!]), anna.cookie)).data.error).toBe("Deze stemming is nog niet open.");
    const english = await createVoter({ locale: "en" });
    expect((await refused(past.topicId, castForm(newCode(), [past.optionIds[0]!]), english.cookie)).data.error).toBe("This vote has closed.");
  });

  it("ineligible people: not a verified resident, outside the neighbourhood, no postcode, under age on the day before their birthday", async () => {
    const { noord } = ensureNeighbourhoods();
    const verified = await makeVote(setup({ eligibleWho: "verified-residents" }));
    const inNoord = await makeVote(setup({ neighbourhoodId: noord }));
    const sixteen = await makeVote(setup({ minimumAge: 16 }));
    const today = new Date().toLocaleDateString("en-CA", { timeZone: "Europe/Amsterdam" });
    const [y, m, d] = today.split("-").map(Number) as [number, number, number];
    const pad = (n: number) => String(n).padStart(2, "0");
    const tomorrow = new Date(Date.UTC(y, m - 1, d + 1));
    const sixteenTomorrow = `${tomorrow.getUTCFullYear() - 16}-${pad(tomorrow.getUTCMonth() + 1)}-${pad(tomorrow.getUTCDate())}`;
    const sixteenToday = `${y - 16}-${pad(m)}-${pad(d)}`;

    const plain = await createVoter();
    const noPostcode = await createVoter({ postcode: null });
    const almost = await createVoter({ verified: true, birthDate: sixteenTomorrow, locale: "en" });
    const birthday = await createVoter({ verified: true, birthDate: sixteenToday });

    const v = await refused(verified.topicId, castForm(newCode(), [verified.optionIds[0]!]), plain.cookie);
    expect(v.status).toBe(403);
    expect(v.data.error).toBe("Alleen geverifieerde inwoners doen hieraan mee. Laat u verifiëren aan de balie of met de lettercode die u per post kreeg.");
    expect((await refused(inNoord.topicId, castForm(newCode(), [inNoord.optionIds[0]!]), plain.cookie)).data.error).toBe("Alleen inwoners van Noord doen hieraan mee.");
    expect((await refused(inNoord.topicId, castForm(newCode(), [inNoord.optionIds[0]!]), noPostcode.cookie)).data.error).toBe("Vul eerst uw postcode in bij uw account.");
    expect((await refused(sixteen.topicId, castForm(newCode(), [sixteen.optionIds[0]!]), almost.cookie)).data.error).toBe("You must be at least 16 years old to take part.");
    expect((await post(birthday.cookie, sixteen.topicId, castForm(newCode(), [sixteen.optionIds[0]!]))).status).toBe(302);
  });

  it("a malformed form: no ballot code, an option that is not a number", async () => {
    const { topicId, optionIds } = await makeVote();
    const anna = await createVoter();
    expect((await refused(topicId, { intent: "cast", option: String(optionIds[0]) }, anna.cookie)).status).toBe(400);
    expect((await refused(topicId, { intent: "cast", ballotCode: newCode(), option: "1 OR 1=1" }, anna.cookie)).status).toBe(400);
  });

  it("'recalculate' adds up the chosen projects and changes nothing (the total without JavaScript)", async () => {
    const { topicId, optionIds } = await makeVote(budgetSetup());
    const anna = await createVoter();
    const code = newCode();
    const result = await post(anna.cookie, topicId, castForm(code, [optionIds[0]!, optionIds[1]!, optionIds[3]!], "recalculate"));
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ chosen: [optionIds[0], optionIds[1], optionIds[3]], ballotCode: code });
    expect(state(topicId).ballots).toBe(0);
  });
});

describe("the secret ballot (docs/decisions/005)", () => {
  it("the ballot tables hold no person, no time and no row order: nothing joins a ballot to a voter", async () => {
    const { topicId, optionIds } = await makeVote(setup({ ballotType: "multiple", maxChoices: 2 }));
    const people = await Promise.all(Array.from({ length: 6 }, () => createVoter()));
    const codes: string[] = [];
    for (const [i, p] of people.entries()) {
      const code = newCode();
      codes.push(code);
      expect((await post(p.cookie, topicId, castForm(code, [optionIds[i % 3]!, optionIds[(i + 1) % 3]!]))).status).toBe(302);
    }
    const raw = sqlite();
    const columns = (table: string) => (raw.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns("ballots")).toEqual(["topic_id", "code"]);
    expect(columns("ballot_choices")).toEqual(["topic_id", "code", "option_id"]);
    expect(columns("vote_participations")).toEqual(["topic_id", "user_id", "voted_on"]);
    // WITHOUT ROWID: there is no arrival order to read.
    for (const table of ["ballots", "ballot_choices", "vote_participations"]) expect(() => raw.prepare(`SELECT rowid FROM ${table}`).all()).toThrow();

    // Every column of the ballot tables against every column of every table that holds a person:
    // no value in common, but the vote's id.
    const personTables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' AND name NOT IN ('ballots', 'ballot_choices', 'vote_options', 'votes', 'vote_turnout_counts', '__drizzle_migrations')").all() as Array<{ name: string }>).map((t) => t.name);
    const joins: string[] = [];
    for (const ballotTable of ["ballots", "ballot_choices"]) {
      for (const ballotColumn of columns(ballotTable)) {
        if (ballotColumn === "topic_id") continue;
        for (const other of personTables) {
          for (const column of columns(other)) {
            const found = raw.prepare(`SELECT count(*) AS n FROM "${ballotTable}" b JOIN "${other}" o ON CAST(b."${ballotColumn}" AS TEXT) = CAST(o."${column}" AS TEXT) WHERE b.topic_id = ?`).get(topicId) as { n: number };
            if (found.n > 0) joins.push(`${ballotTable}.${ballotColumn} = ${other}.${column}`);
          }
        }
      }
    }
    // option_id equals some unrelated integer ids elsewhere (a topic, a comment, a neighbourhood): a
    // coincidence of small numbers, never one that names a person. The code joins nothing.
    expect(joins.filter((j) => j.includes(".code ="))).toEqual([]);
    const personColumns = joins.filter((j) => /user_id|author_id|actor_id|flagger_id|\.id$/.test(j) && /vote_participations|users|sessions|audit_log|email_outbox|notifications|follows/.test(j));
    expect(personColumns).toEqual([]);

    // Nor is a code or a choice written anywhere else: outbox, notices, audit log, timeline.
    const everywhere = [
      ...db.select().from(emailOutbox).all().map((m) => `${m.subject} ${m.text} ${m.html} ${m.dedupeKey}`),
      ...db.select().from(notifications).all().map((n) => JSON.stringify(n)),
      ...db.select().from(auditLog).all().map((a) => JSON.stringify(a)),
      ...db.select().from(topics).where(eq(topics.id, topicId)).all().map((t) => JSON.stringify(t)),
    ].join("\n");
    for (const code of codes) expect(everywhere).not.toContain(code);

    // The participation rows are in user id order, the ballots in code order: neither is arrival order.
    const participants = db.select({ userId: voteParticipations.userId }).from(voteParticipations).where(eq(voteParticipations.topicId, topicId)).all().map((r) => r.userId);
    expect(participants).toEqual([...participants].sort());
    const stored = (raw.prepare("SELECT code FROM ballots WHERE topic_id = ?").all(topicId) as Array<{ code: string }>).map((r) => r.code);
    expect(stored).toEqual([...codes].sort());
    expect(db.select().from(voteParticipations).where(and(eq(voteParticipations.topicId, topicId), eq(voteParticipations.userId, people[0]!.id))).get()!.votedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
