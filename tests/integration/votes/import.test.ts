import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, ballotChoices, ballots, topics, voteOptions, votes } from "#db/schema";
import * as importRoute from "~/routes/votes.import";
import * as resultsPb from "~/routes/votes.$id_.results[.]pb";
import { castBallot } from "~/modules/votes/votes.ballots.server";
import { closeDueVotes } from "~/modules/votes/votes.closing.server";
import { readPabulib } from "~/modules/votes/votes.pabulib";
import { computeBudgetResult, getResults, type BudgetResult } from "~/modules/votes/votes.results.server";
import { findVote, listOptions } from "~/modules/votes/votes.server";
import { db } from "~/utils/db.server";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { callRoute } from "../../support/routes";
import { actorOf, budgetSetup, createVoter, makeVote, newCode, project, theClerk } from "./helpers";

/** Posts the import form as a browser does: multipart, with the file. */
async function postImport(person: TestPerson | null, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array | string }, locale = "nl") {
  const form = new FormData();
  form.append("submission", fields.submission ?? `import-${Math.random().toString(36).slice(2)}-key`);
  for (const [k, v] of Object.entries(fields)) if (k !== "submission") form.append(k, v);
  if (file) form.append("file", new File([typeof file.bytes === "string" ? file.bytes : new Uint8Array(file.bytes)], file.name, { type: "application/octet-stream" }));
  const headers = new Headers({ "x-inspraak-client-ip": "127.0.0.1", "Accept-Language": locale });
  if (person) headers.set("Cookie", person.cookie);
  const request = new Request("http://localhost:3000/votes/import", { method: "POST", body: form, headers });
  try {
    const result = await importRoute.action({ request, params: {}, context: {} } as never);
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), errors: null };
    const d = result as unknown as { init?: { status?: number }; data: { errors: Record<string, string> } };
    return { status: d.init?.status ?? 200, location: null, errors: d.data.errors };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location"), errors: null };
    throw thrown;
  }
}

const topicIdOf = (location: string | null) => Number(/\/votes\/(\d+)\/results$/.exec(location ?? "")![1]);
const storedCount = () => ({
  topics: db.select({ n: sql<number>`count(*)` }).from(topics).get()!.n,
  ballots: db.select({ n: sql<number>`count(*)` }).from(ballots).get()!.n,
  choices: db.select({ n: sql<number>`count(*)` }).from(ballotChoices).get()!.n,
  options: db.select({ n: sql<number>`count(*)` }).from(voteOptions).get()!.n,
});
const fundedTitles = (topicId: number, which: 0 | 1) => {
  const results = getResults(topicId, null)!;
  if (!results.visible) throw new Error("results hidden");
  const titles = new Map(results.options.map((o) => [String(o.id), o.title]));
  return results.budgetResult!.projects.filter((p) => p.outcomes[which]!.funded).map((p) => titles.get(p.id)).sort();
};

/** Budget 100: six voters want A, B, C; four want D, E (the rules differ on it). */
async function closedBudget() {
  const { topicId, optionIds } = await makeVote(budgetSetup({ budget: 100, options: [project("A", 50), project("B", 30), project("C", 20), project("D", 40), project("E", 20)] }));
  const [a, b, c, d, e] = optionIds as [number, number, number, number, number];
  for (let i = 0; i < 10; i++) {
    const result = await castBallot(actorOf(await createVoter()), { topicId, code: newCode(), optionIds: i < 6 ? [a, b, c] : [d, e] });
    expect(result.ok).toBe(true);
  }
  db.update(topics).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(topics.id, topicId)).run();
  await closeDueVotes(new Date());
  return topicId;
}

const HAND_WRITTEN = [
  "META",
  "key;value;comment",
  'description;"Buurtbudget Oost; 2023";ignored',
  "budget;100",
  "vote_type;approval",
  "date_begin;2023-03-01",
  "date_end;2023-03-15",
  "PROJECTS",
  "project_id;cost;votes;name;selected;category",
  '10;50;2;"Speeltuin ""De Eik""";0;play',
  "2;30;2;Bankjes;1;green",
  "3;40;1;Bomen;0;green",
  "VOTES",
  "voter_id;vote;age",
  'a;"10,2";34',
  "b;2,10;51",
  "c;3;19",
  "",
].join("\r\n");

describe("importing a Pabulib file as a closed budget vote (clerks)", () => {
  it("export then import gives the same outcome: the same projects, counts and funded projects under the same rule", async () => {
    const original = await closedBudget();
    const exported = await (await callRoute(resultsPb, { path: `/votes/${original}/results.pb`, params: { id: String(original) } })).response!.text();
    const clerk = await theClerk();
    const answer = await postImport(clerk, { title: "", allocationRule: "equalshares/add1" }, { name: "oost.pb", bytes: exported });
    expect(answer.status, JSON.stringify(answer.errors)).toBe(302);
    const imported = topicIdOf(answer.location);
    const vote = findVote(db, imported)!;
    expect(vote).toMatchObject({ status: "closed", ballotType: "budget", budget: 100, ballotCount: 10, allocationRule: "equalshares/add1" });
    expect(vote.title).toBe(findVote(db, original)!.title);
    expect(listOptions(db, imported).map((o) => [o.title, o.cost, o.voteCount])).toEqual(listOptions(db, original).map((o) => [o.title, o.cost, o.voteCount]));
    expect(fundedTitles(imported, 0)).toEqual(fundedTitles(original, 0));
    expect(fundedTitles(imported, 1)).toEqual(fundedTitles(original, 1));
    // What was stored is what the closing job would count from the stored ballots.
    const stored = db.select({ result: votes.result }).from(votes).where(eq(votes.topicId, imported)).get()!.result as unknown as BudgetResult;
    expect(computeBudgetResult(db, vote)).toEqual(stored);
    // And exporting the imported vote gives the same file but for its own voter codes and instance.
    const again = readPabulib(await (await callRoute(resultsPb, { path: `/votes/${imported}/results.pb`, params: { id: String(imported) } })).response!.text());
    const first = readPabulib(exported);
    expect(again.ok && first.ok).toBe(true);
    if (!again.ok || !first.ok) return;
    const shape = (i: typeof first.instance) => ({
      projects: i.projects.map((p) => [p.cost, p.name, p.selected]),
      ballots: i.ballots.map((b) => b.approvals.map((id) => i.projects.findIndex((p) => p.id === id)).sort().join(",")).sort(),
    });
    expect(shape(again.instance)).toEqual(shape(first.instance));
    expect(again.instance.ballots.map((b) => b.voterId).some((id) => first.instance.ballots.some((f) => f.voterId === id))).toBe(false);
    const audit = db.select().from(auditLog).where(and(eq(auditLog.entityId, String(imported)), eq(auditLog.action, "vote.import"))).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(clerk.id);
  });

  it("replays an earlier year under another rule", async () => {
    const original = await closedBudget();
    const exported = await (await callRoute(resultsPb, { path: `/votes/${original}/results.pb`, params: { id: String(original) } })).response!.text();
    const answer = await postImport(await theClerk(), { title: "Buurtbudget Oost, opnieuw geteld", allocationRule: "greedy" }, { name: "oost.pb", bytes: exported });
    expect(answer.status).toBe(302);
    const imported = topicIdOf(answer.location);
    expect(findVote(db, imported)!.title).toBe("Buurtbudget Oost, opnieuw geteld");
    expect(fundedTitles(imported, 0)).toEqual(["A", "B", "C"]);
    expect(fundedTitles(imported, 0)).toEqual(fundedTitles(original, 1));
  });

  it("reads CRLF line ends, quoted fields and columns it does not use; the projects in the order of their ids", async () => {
    const answer = await postImport(await theClerk(), { title: "", allocationRule: "greedy" }, { name: "oost.pb", bytes: HAND_WRITTEN });
    expect(answer.status, JSON.stringify(answer.errors)).toBe(302);
    const id = topicIdOf(answer.location);
    const vote = findVote(db, id)!;
    expect(vote.title).toBe("Buurtbudget Oost; 2023");
    expect(vote.closesAt!.toISOString().slice(0, 10)).toBe("2023-03-15");
    expect(listOptions(db, id).map((o) => [o.title, o.cost, o.voteCount])).toEqual([
      ["Bankjes", 30, 2],
      ["Bomen", 40, 1],
      ['Speeltuin "De Eik"', 50, 2],
    ]);
    // Greedy: the two with two votes, cheapest first (Bankjes 30, Speeltuin 50), then Bomen no longer fits.
    expect(fundedTitles(id, 0)).toEqual(["Bankjes", 'Speeltuin "De Eik"']);
    const lf = await postImport(await theClerk(), { title: "", allocationRule: "greedy" }, { name: "oost-lf.pb", bytes: HAND_WRITTEN.replace(/\r\n/g, "\n") });
    expect(lf.status).toBe(302);
    expect(listOptions(db, topicIdOf(lf.location)).map((o) => o.voteCount)).toEqual([2, 1, 2]);
  });

  it.each([
    ["not text", { name: "photo.pb", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]) }, 422, /geen tekstbestand/],
    ["too large", { name: "huge.pb", bytes: `META\nkey;value\nbudget;100\n${"x".repeat(960 * 1024)}` }, 413, /te groot \(meer dan 960 kB\)/],
    ["an unknown project id in a vote", { name: "x.pb", bytes: HAND_WRITTEN.replace("c;3;19", "c;3,7;19") }, 422, /^Regel 17: .*project 7/],
    ["a cost that is not a number", { name: "x.pb", bytes: HAND_WRITTEN.replace("3;40;1;Bomen", "3;veertig;1;Bomen") }, 422, /^Regel 12: .*veertig/],
    ["a quote left open", { name: "x.pb", bytes: HAND_WRITTEN.replace("b;2,10;51", 'b;"2,10;51') }, 422, /^Regel 16: /],
    ["one project", { name: "x.pb", bytes: "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv;1\n" }, 422, /minder dan twee projecten/],
    ["no file at all", null, 400, /Kies een \.pb-bestand/],
  ])("a file with %s is refused with its message beside the field, and nothing is stored", async (_what, file, status, message) => {
    const before = storedCount();
    const answer = await postImport(await theClerk(), { title: "Buurtbudget", allocationRule: "greedy" }, file ?? undefined);
    expect(answer.status).toBe(status);
    expect(answer.errors?.file).toMatch(message);
    expect(storedCount()).toEqual(before);
  });

  it("says what is wrong in English too, with the line", async () => {
    const clerk = await createPerson({ roles: ["resident", "clerk"], locale: "en" });
    const answer = await postImport(clerk, { title: "", allocationRule: "greedy" }, { name: "x.pb", bytes: HAND_WRITTEN.replace("c;3;19", "c;3,7;19") }, "en");
    expect(answer.errors?.file).toMatch(/^Line 17: /);
  });

  it("without a description in the file the question must be given", async () => {
    const before = storedCount();
    const answer = await postImport(await theClerk(), { title: "", allocationRule: "greedy" }, { name: "x.pb", bytes: HAND_WRITTEN.replace('description;"Buurtbudget Oost; 2023";ignored\r\n', "") });
    expect(answer.status).toBe(422);
    expect(answer.errors?.title).toMatch(/Geef de vraag/);
    expect(storedCount()).toEqual(before);
  });

  it("a repeat of the same post imports once", async () => {
    const clerk = await theClerk();
    const fields = { title: "", allocationRule: "greedy", submission: "import-repeat-0123456789" };
    const first = await postImport(clerk, fields, { name: "oost.pb", bytes: HAND_WRITTEN });
    const before = storedCount();
    const second = await postImport(clerk, fields, { name: "oost.pb", bytes: HAND_WRITTEN });
    expect(second.location).toBe(first.location);
    expect(storedCount()).toEqual(before);
  });

  it("only clerks may import: a resident is refused, a visitor sent to sign in, and nothing is stored", async () => {
    const resident = await createPerson({ roles: ["resident"] });
    const before = storedCount();
    expect((await postImport(resident, { title: "", allocationRule: "greedy" }, { name: "oost.pb", bytes: HAND_WRITTEN })).status).toBe(403);
    const visitor = await postImport(null, { title: "", allocationRule: "greedy" }, { name: "oost.pb", bytes: HAND_WRITTEN });
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/sign-in/);
    expect(storedCount()).toEqual(before);
    expect((await callRoute(importRoute, { path: "/votes/import", cookie: resident.cookie })).status).toBe(403);
    expect((await callRoute(importRoute, { path: "/votes/import", cookie: (await theClerk()).cookie })).status).toBe(200);
  });
});
