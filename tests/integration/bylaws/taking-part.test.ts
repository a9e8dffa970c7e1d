// Issue #12, what was left: amending and supporting or opposing an amendment are on a person's
// participation page and in download-my-data, and go with the account; amendments have a rate
// limit; the report lists the articles in article order and every amendment once.
import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { bylawAmendments, participations, rateLimits } from "#db/schema";
import * as articleRoute from "~/routes/bylaws.$id_.articles.$articleId";
import * as participationRoute from "~/routes/participation";
import * as reportRoute from "~/routes/bylaws.$id_.report";
import { closeConsultation, decideAmendment, publishVersion, takeAmendmentStance, versionProposal, withdrawAmendmentStance } from "~/modules/bylaws/bylaws.server";
import { participationPersonalData } from "~/modules/topics/participations.server";
import { unfollowTopic } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";
import { newSubmissionKey } from "~/utils/forms.server";
import { RATE_LIMITS } from "~/utils/rate-limit.server";
import { asWritten, createPerson, deleteAndErase, type TestPerson } from "../../support/fixtures";
import { callRoute } from "../../support/routes";
import { actorOf, amend, openBylaw } from "./helpers";

const waysOn = async (person: TestPerson, topicId: number) => {
  const page = await callRoute(participationRoute, { path: "/participation?kind=bylaw", cookie: person.cookie });
  return (page.data.items as Array<{ topicId: number; wayLabels: string[] }>).find((i) => i.topicId === topicId)?.wayLabels ?? null;
};

function must<T extends { ok: boolean }>(result: T): T {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
}

describe("amendments and stances on My participation", () => {
  it("an amendment and a stance put the bylaw on the person's page in the bylaw's words; withdrawing the last stance takes that way off", async () => {
    const { topicId, articleIds } = await openBylaw();
    const author = await createPerson();
    const amendmentId = amend(author, { topicId, articleId: articleIds[1]!, type: "replace", heading: "", text: "Een terras is open van negen uur tot elf uur 's avonds.", rationale: "Ontbijt op het terras." });
    const second = amend(author, { topicId, articleId: articleIds[2]!, type: "delete", heading: "", text: "", rationale: "Dit regelt de APV al." });
    expect(await waysOn(author, topicId)).toEqual(["Gevolgd", "Amendement voorgesteld"]);

    const jan = await createPerson();
    must(takeAmendmentStance(actorOf(jan), { topicId, amendmentId, stance: "support" }));
    must(takeAmendmentStance(actorOf(jan), { topicId, amendmentId: second, stance: "oppose" }));
    expect(await waysOn(jan, topicId)).toEqual(["Amendement gesteund of bestreden"]);
    // Changing one's mind is still taking part; taking one of two stances back too.
    must(takeAmendmentStance(actorOf(jan), { topicId, amendmentId, stance: "oppose" }));
    must(withdrawAmendmentStance(actorOf(jan), { topicId, amendmentId }));
    expect(await waysOn(jan, topicId)).toEqual(["Amendement gesteund of bestreden"]);
    must(withdrawAmendmentStance(actorOf(jan), { topicId, amendmentId: second }));
    expect(await waysOn(jan, topicId)).toBeNull();

    // Unfollowing leaves the amendment: the author still took part.
    unfollowTopic(author.id, topicId);
    expect(await waysOn(author, topicId)).toEqual(["Amendement voorgesteld"]);
  });

  it("is in download-my-data, and goes with the account", async () => {
    const { topicId, articleIds } = await openBylaw();
    const author = await createPerson();
    const amendmentId = amend(author, { topicId, articleId: articleIds[0]!, type: "delete", heading: "", text: "", rationale: "Dit regelt de APV al." });
    const supporter = await createPerson();
    must(takeAmendmentStance(actorOf(supporter), { topicId, amendmentId, stance: "support" }));
    expect(await asWritten(participationPersonalData.collect(db, author.id))).toEqual([expect.objectContaining({ topicId, ways: ["followed", "amended"] })]);
    expect(await asWritten(participationPersonalData.collect(db, supporter.id))).toEqual([expect.objectContaining({ topicId, ways: ["stance"] })]);
    for (const person of [author, supporter]) {
      await deleteAndErase(person);
      expect(db.select().from(participations).where(eq(participations.userId, person.id)).all()).toHaveLength(0);
    }
    // The amendment and its support stay in the consultation's record, without the people.
    expect(db.select().from(bylawAmendments).where(eq(bylawAmendments.id, amendmentId)).get()).toMatchObject({ authorId: null, supportCount: 1 });
  });
});

describe("the rate limit on amendments", () => {
  it(`refuses the ${RATE_LIMITS.amendPerUser.max + 1}th amendment within the hour with a translated message, storing nothing; a repeat of a stored one does not count`, async () => {
    const { topicId, articleIds } = await openBylaw();
    const anna = await createPerson();
    const post = (person: TestPerson, submission: string, text: string) =>
      callRoute(articleRoute, {
        path: `/bylaws/${topicId}/articles/${articleIds[0]}`,
        params: { id: String(topicId), articleId: String(articleIds[0]) },
        form: { type: "replace", text, rationale: "Omdat het beter kan, vind ik.", submission },
        cookie: person.cookie,
      });
    const keys = Array.from({ length: RATE_LIMITS.amendPerUser.max + 1 }, () => newSubmissionKey());
    for (let i = 0; i < RATE_LIMITS.amendPerUser.max; i++) expect((await post(anna, keys[i]!, `Een terras laat ${i + 2} meter vrij.`)).status).toBe(302);
    // The same form sent again is the same amendment, not one more.
    expect((await post(anna, keys[0]!, "Een terras laat 2 meter vrij.")).status).toBe(302);
    const count = (person: TestPerson) => db.select({ n: sql<number>`count(*)` }).from(bylawAmendments).where(and(eq(bylawAmendments.topicId, topicId), eq(bylawAmendments.authorId, person.id))).get()!.n;
    expect(count(anna)).toBe(RATE_LIMITS.amendPerUser.max);

    const refused = await post(anna, keys.at(-1)!, "Een terras laat veertig meter vrij.");
    expect(refused.status).toBe(429);
    expect(refused.data.errors.form).toBe("U heeft in korte tijd veel amendementen voorgesteld. Probeer het over een uur opnieuw.");
    expect(refused.data.values.text).toBe("Een terras laat veertig meter vrij.");
    expect(count(anna)).toBe(RATE_LIMITS.amendPerUser.max);
    // In English for a person who reads English, who used up their hour too.
    const ben = await createPerson({ locale: "en" });
    db.insert(rateLimits).values({ key: `${RATE_LIMITS.amendPerUser.name}:${ben.id}`, count: RATE_LIMITS.amendPerUser.max, windowStart: Date.now() }).run();
    const english = await post(ben, newSubmissionKey(), "Een terras laat vijftig meter vrij.");
    expect(english.status).toBe(429);
    expect(english.data.errors.form).toBe("You have proposed many amendments in a short time. Please try again in an hour.");
    expect(count(ben)).toBe(0);

    // An hour later the window has passed.
    db.update(rateLimits).set({ windowStart: sql`${rateLimits.windowStart} - ${RATE_LIMITS.amendPerUser.windowSeconds * 1000}` }).where(eq(rateLimits.key, `${RATE_LIMITS.amendPerUser.name}:${anna.id}`)).run();
    expect((await post(anna, keys.at(-1)!, "Een terras laat veertig meter vrij.")).status).toBe(302);
  });
});

describe("the report", () => {
  it("lists the articles in article order (a new one where it stands, a removed one right after the one it followed, as the comparison shows it) and every amendment exactly once", async () => {
    const { topicId, articleIds, clerk } = await openBylaw();
    const [one, two, three] = articleIds as [number, number, number];
    const people = await Promise.all([createPerson(), createPerson(), createPerson()]);
    // Version 2: a new article after the first, and the second taken out.
    const inserted = amend(people[0]!, { topicId, articleId: one, type: "insert-after", heading: "Terrasschermen", text: "Een terrasscherm is ten hoogste 1,5 meter hoog.", rationale: "Zicht op de straat houden." });
    const removed = amend(people[1]!, { topicId, articleId: two, type: "delete", heading: "", text: "", rationale: "De horecaverordening regelt dit al." });
    const onThree = amend(people[2]!, { topicId, articleId: three, type: "replace", heading: "", text: "Op een terras wordt na tien uur 's avonds geen versterkte muziek gespeeld.", rationale: "Overdag mag het best." });
    for (const id of [inserted, removed]) must(decideAmendment(actorOf(clerk), { topicId, amendmentId: id, decision: "accept", reason: null }));
    must(decideAmendment(actorOf(clerk), { topicId, amendmentId: onThree, decision: "reject", reason: "Muziek blijft verboden." }));
    const first = versionProposal(db, topicId)!;
    const removedKey = first.proposed.find((p) => p.articleId === two)!.key;
    must(publishVersion(actorOf(clerk), { topicId, amendmentIds: first.amendmentIds, texts: {}, headings: {}, removed: new Set([removedKey]), resolved: new Set(), note: "" }));
    const newArticle = versionProposal(db, topicId)!.base.articles[1]!.articleId;
    // An amendment on the new article, and a second one on the first, made later than the rest.
    const onNew = amend(people[1]!, { topicId, articleId: newArticle, type: "replace", heading: "", text: "Een terrasscherm is ten hoogste 1,2 meter hoog.", rationale: "Nog lager is beter." });
    const onOne = amend(people[2]!, { topicId, articleId: one, type: "replace", heading: "", text: "Een terras laat een vrije doorgang van twee meter breed.", rationale: "Ruimer voor rolstoelen." });
    for (const id of [onNew, onOne]) must(decideAmendment(actorOf(clerk), { topicId, amendmentId: id, decision: "consider", reason: null }));
    must(closeConsultation(actorOf(clerk), { topicId }));

    const report = (await callRoute(reportRoute, { path: `/bylaws/${topicId}/report`, params: { id: String(topicId) } })).data;
    expect(report.articles.map((a: { id: number; number: number | null; heading: string }) => [a.id, a.number, a.heading])).toEqual([
      [one, 1, "Vrije doorgang"],
      [two, null, "Openingstijden"],
      [newArticle, 2, "Terrasschermen"],
      [three, 3, "Geluid"],
    ]);
    const listed = report.amendments.map((a: { id: number }) => a.id);
    expect(listed).toEqual([inserted, onOne, removed, onNew, onThree]);
    expect(new Set(listed).size).toBe(listed.length);
    const all = db.select({ id: bylawAmendments.id }).from(bylawAmendments).where(eq(bylawAmendments.topicId, topicId)).all().map((a) => a.id);
    expect([...listed].sort((a, b) => a - b)).toEqual(all.sort((a, b) => a - b));
    expect(report.finalText.map((a: { heading: string }) => a.heading)).toEqual(["Vrije doorgang", "Terrasschermen", "Geluid"]);
  });
});
