import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, bylawAmendments, bylawArticles, bylawVersions, comments, notifications, supportStances, topics } from "#db/schema";
import * as newRoute from "~/routes/bylaws.new";
import * as pageRoute from "~/routes/bylaws.$id";
import * as articleRoute from "~/routes/bylaws.$id_.articles.$articleId";
import * as amendmentRoute from "~/routes/bylaws.$id_.amendments.$amendmentId";
import * as versionRoute from "~/routes/bylaws.$id_.next-version";
import * as versionsRoute from "~/routes/bylaws.$id_.versions";
import * as closeRoute from "~/routes/bylaws.$id_.close";
import * as reportRoute from "~/routes/bylaws.$id_.report";
import * as commentsRoute from "~/routes/topics.$id.comments";
import { closeConsultation, decideAmendment, publishVersion, takeAmendmentStance, versionProposal } from "~/modules/bylaws/bylaws.server";
import { followTopic } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";
import { actorOf, amend, amendmentRow, DRAFT, inDays, openBylaw, topicRow } from "./helpers";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(async () => {
  await mail.stop();
});

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Posts the draft form as a browser does, with an uploaded file (multipart). */
async function postDraft(person: TestPerson | null, fields: Record<string, string>, file?: { name: string; type: string; bytes: Uint8Array }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  const headers = new Headers({ "x-inspraak-client-ip": "127.0.0.1" });
  if (person) headers.set("Cookie", person.cookie);
  const request = new Request("http://localhost:3000/bylaws/new", { method: "POST", body: form, headers });
  try {
    const result = await newRoute.action({ request, params: {}, context: {} } as never);
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), data: null };
    const d = result as unknown as { init?: { status?: number }; data: { errors: Record<string, string> } };
    return { status: d.init?.status ?? 200, location: null, data: d.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location"), data: null };
    throw thrown;
  }
}

const bylawCount = () => db.select({ n: sql<number>`count(*)` }).from(topics).where(eq(topics.kind, "bylaw")).get()!.n;

describe("drafting a bylaw", () => {
  it("a clerk imports a markdown file: its headings become the articles of version 1, a draft only staff can read until it is published", async () => {
    const clerk = await createPerson({ roles: ["resident", "clerk"] });
    const result = await postDraft(clerk, { title: "Terrasverordening", closesAt: day(inDays(10)) }, { name: "terras.md", type: "text/markdown", bytes: new TextEncoder().encode(DRAFT) });
    expect(result.status).toBe(302);
    const topicId = Number(result.location!.split("/").pop());
    const version = db.select().from(bylawVersions).where(eq(bylawVersions.topicId, topicId)).get()!;
    expect(version.number).toBe(1);
    expect(version.publishedAt).toBeNull();
    expect(version.articles.map((a) => a.heading)).toEqual(["Vrije doorgang", "Openingstijden", "Geluid"]);
    expect(topicRow(topicId)).toMatchObject({ status: "draft", isPublic: false });
    const resident = await createPerson();
    expect((await callRoute(pageRoute, { path: `/bylaws/${topicId}`, params: { id: String(topicId) }, cookie: resident.cookie })).status).toBe(404);

    const publish = await callRoute(pageRoute, { path: `/bylaws/${topicId}`, params: { id: String(topicId) }, form: { intent: "publish" }, cookie: clerk.cookie });
    expect(publish.status).toBe(302);
    expect(topicRow(topicId)).toMatchObject({ status: "open", isPublic: true });
    const page = await callRoute(pageRoute, { path: `/bylaws/${topicId}`, params: { id: String(topicId) }, cookie: resident.cookie });
    expect(page.data.bylaw.articles.map((a: { number: number; heading: string }) => `${a.number} ${a.heading}`)).toEqual(["1 Vrije doorgang", "2 Openingstijden", "3 Geluid"]);
    expect(db.select().from(auditLog).where(and(eq(auditLog.entityType, "topic"), eq(auditLog.entityId, String(topicId)))).all().map((a) => a.action)).toEqual(["bylaw.draft", "bylaw.publish"]);
  });

  it("refuses a file that is not text, one too large, one of another type and a text without articles, with a translated message beside the field, writing nothing", async () => {
    const clerk = await createPerson({ roles: ["resident", "clerk"] });
    const before = bylawCount();
    const fields = { title: "Terrasverordening", closesAt: day(inDays(10)) };
    const binary = await postDraft(clerk, fields, { name: "terras.md", type: "text/markdown", bytes: new Uint8Array([0x23, 0x20, 0x00, 0xff, 0xfe]) });
    expect(binary.status).toBe(400);
    expect(binary.data!.errors.file).toMatch(/geen tekstbestand/);
    const large = await postDraft(clerk, fields, { name: "terras.md", type: "text/markdown", bytes: new Uint8Array(300 * 1024).fill(65) });
    expect(large.data!.errors.file).toMatch(/groter dan 200 kB/);
    const pdf = await postDraft(clerk, fields, { name: "terras.pdf", type: "application/pdf", bytes: new TextEncoder().encode("%PDF-1.4") });
    expect(pdf.data!.errors.file).toMatch(/\.md/);
    const flat = await postDraft(clerk, { ...fields, markdown: "Alleen een zin zonder koppen." });
    expect(flat.status).toBe(422);
    expect(flat.data!.errors.markdown).toMatch(/geen artikelen/);
    const past = await postDraft(clerk, { ...fields, closesAt: "31-12-2026", markdown: DRAFT });
    expect(past.data!.errors.closesAt).toBeTruthy();
    expect(bylawCount()).toBe(before);
  });

  it("only clerks draft: everyone else is refused, and nothing is written", async () => {
    await expectPermissions({
      route: newRoute,
      request: () => ({ path: "/bylaws/new" }),
      allowed: ["clerk"],
    });
  });
});

describe("amending an article", () => {
  it("a resident proposes new text with a rationale; the page shows it as a word diff against the text it changes", async () => {
    const { topicId, articleIds } = await openBylaw();
    const anna = await createPerson();
    const result = await callRoute(articleRoute, {
      path: `/bylaws/${topicId}/articles/${articleIds[0]}`,
      params: { id: String(topicId), articleId: String(articleIds[0]) },
      form: { type: "replace", text: "Een terras laat een vrije doorgang van twee meter breed.", rationale: "Twee kinderwagens moeten elkaar kunnen passeren." },
      cookie: anna.cookie,
    });
    expect(result.status).toBe(302);
    const amendmentId = Number(result.location!.split("/").pop());
    expect(db.select().from(bylawArticles).where(eq(bylawArticles.id, articleIds[0]!)).get()!.amendmentCount).toBe(1);
    const page = await callRoute(amendmentRoute, { path: result.location!, params: { id: String(topicId), amendmentId: String(amendmentId) } });
    expect(page.data.diff).toEqual([
      { op: "same", text: "Een terras laat een vrije doorgang van " },
      { op: "del", text: "anderhalve" },
      { op: "ins", text: "twee" },
      { op: "same", text: " meter breed." },
    ]);
  });

  it("refuses an empty or identical replacement, amending outside the window and a tampered article id, changing nothing", async () => {
    const { topicId, articleIds, articles } = await openBylaw();
    const anna = await createPerson();
    const post = (articleId: string, form: Record<string, string>) =>
      callRoute(articleRoute, { path: `/bylaws/${topicId}/articles/${articleId}`, params: { id: String(topicId), articleId }, form, cookie: anna.cookie });
    const rationale = "Omdat het beter kan, vind ik.";
    const identical = await post(String(articleIds[1]), { type: "replace", text: `  ${articles[1]!.body.replace(/ /g, "  ")} `, rationale });
    expect(identical.status).toBe(422);
    expect(identical.data.errors.text).toMatch(/gelijk aan de huidige tekst/);
    const empty = await post(String(articleIds[1]), { type: "replace", text: "", rationale });
    expect(empty.data.errors.text).toMatch(/Typ de tekst/);
    const otherBylaw = await openBylaw();
    const tampered = await post(String(otherBylaw.articleIds[0]), { type: "replace", text: "Iets anders.", rationale });
    expect(tampered.status).toBe(404);
    const nonsense = await post("abc", { type: "replace", text: "Iets anders.", rationale });
    expect(nonsense.status).toBe(404);
    db.update(topics).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(topics.id, topicId)).run();
    const late = await post(String(articleIds[1]), { type: "replace", text: "Iets anders.", rationale });
    expect(late.status).toBe(422);
    expect(late.data.errors.form).toMatch(/inspraaktermijn is voorbij/);
    expect(db.select({ n: sql<number>`count(*)` }).from(bylawAmendments).where(eq(bylawAmendments.topicId, topicId)).get()!.n).toBe(0);
  });

  it("only residents amend; clerks decide: a resident's decision is refused and changes nothing", async () => {
    const { topicId, articleIds } = await openBylaw();
    const author = await createPerson();
    let amendmentId = 0;
    await expectPermissions({
      route: amendmentRoute,
      request: () => {
        amendmentId = amend(author, { topicId, articleId: articleIds[2]!, type: "delete", heading: "", text: "", rationale: "Muziek hoort bij de stad." });
        return { path: `/bylaws/${topicId}/amendments/${amendmentId}`, params: { id: String(topicId), amendmentId: String(amendmentId) }, form: { intent: "decide", decision: "reject", reason: "Niet nodig." } };
      },
      allowed: ["clerk"],
      onAllowed: () => expect(amendmentRow(amendmentId).status).toBe("rejected"),
      onRefused: () => expect(amendmentRow(amendmentId).status).toBe("open"),
    });
    await expectPermissions({
      route: articleRoute,
      request: () => ({ path: `/bylaws/${topicId}/articles/${articleIds[0]}`, params: { id: String(topicId), articleId: String(articleIds[0]) }, form: { type: "delete", rationale: "Niet nodig, vind ik." } }),
      // A clerk in these tests holds no resident role: residents amend, clerks decide.
      allowed: ["resident"],
    });
  });
});

describe("supporting and opposing an amendment", () => {
  it("counts once per person; changing one's mind moves the counts; a repeat is the same request", async () => {
    const { topicId, articleIds } = await openBylaw();
    const author = await createPerson();
    const amendmentId = amend(author, { topicId, articleId: articleIds[1]!, type: "replace", heading: "", text: "Een terras is open van negen uur tot elf uur 's avonds.", rationale: "Ontbijt op het terras." });
    const jan = await createPerson();
    const press = (intent: string) => callRoute(amendmentRoute, { path: `/bylaws/${topicId}/amendments/${amendmentId}`, params: { id: String(topicId), amendmentId: String(amendmentId) }, form: { intent }, cookie: jan.cookie });
    expect((await press("support")).status).toBe(302);
    expect((await press("support")).status).toBe(302);
    expect(amendmentRow(amendmentId)).toMatchObject({ supportCount: 1, opposeCount: 0 });
    await press("oppose");
    expect(amendmentRow(amendmentId)).toMatchObject({ supportCount: 0, opposeCount: 1 });
    await press("withdraw");
    expect(amendmentRow(amendmentId)).toMatchObject({ supportCount: 0, opposeCount: 0 });
  });

  it("counts a person once however many presses arrive at the same moment", async () => {
    const { topicId, articleIds } = await openBylaw();
    const amendmentId = amend(await createPerson(), { topicId, articleId: articleIds[0]!, type: "delete", heading: "", text: "", rationale: "Dit regelt de APV al." });
    const people = await Promise.all(Array.from({ length: 5 }, () => createPerson()));
    await Promise.all(people.flatMap((p) => Array.from({ length: 4 }, () => Promise.resolve().then(() => takeAmendmentStance(actorOf(p), { topicId, amendmentId, stance: "support" })))));
    expect(amendmentRow(amendmentId).supportCount).toBe(5);
    expect(db.select({ n: sql<number>`count(*)` }).from(supportStances).where(eq(supportStances.subjectId, amendmentId)).get()!.n).toBe(5);
  });

  it("refuses a stance once the amendment is decided or the window has ended, changing nothing", async () => {
    const { topicId, articleIds, clerk } = await openBylaw();
    const amendmentId = amend(await createPerson(), { topicId, articleId: articleIds[0]!, type: "delete", heading: "", text: "", rationale: "Dit regelt de APV al." });
    must(decideAmendment(actorOf(clerk), { topicId, amendmentId, decision: "consider", reason: null }));
    const jan = await createPerson();
    const result = await callRoute(amendmentRoute, { path: `/bylaws/${topicId}/amendments/${amendmentId}`, params: { id: String(topicId), amendmentId: String(amendmentId) }, form: { intent: "support" }, cookie: jan.cookie });
    expect(result.status).toBe(422);
    expect(amendmentRow(amendmentId).supportCount).toBe(0);
  });
});

function must<T extends { ok: boolean }>(result: T): T {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
}

describe("versions", () => {
  it("merges accepted amendments that change different words into version 2, which the clerk may edit; the version compares with version 1", async () => {
    const { topicId, articleIds, clerk } = await openBylaw();
    const a = amend(await createPerson(), { topicId, articleId: articleIds[1]!, type: "replace", heading: "", text: "Een terras is open van negen uur tot elf uur 's avonds.", rationale: "Ontbijt op het terras." });
    const b = amend(await createPerson(), { topicId, articleId: articleIds[1]!, type: "replace", heading: "", text: "Een terras is open van tien uur tot twaalf uur 's avonds.", rationale: "Langer genieten in de zomer." });
    const c = amend(await createPerson(), { topicId, articleId: articleIds[2]!, type: "insert-after", heading: "Rookvrij", text: "De helft van een terras is rookvrij.", rationale: "Voor wie niet van rook houdt." });
    for (const id of [a, b, c]) must(decideAmendment(actorOf(clerk), { topicId, amendmentId: id, decision: "accept", reason: null }));
    const form = (await callRoute(versionRoute, { path: `/bylaws/${topicId}/next-version`, params: { id: String(topicId) }, cookie: clerk.cookie })).data;
    expect(form.articles.find((x: { key: string }) => x.key === String(articleIds[1])).text).toBe("Een terras is open van negen uur tot twaalf uur 's avonds.");
    const result = await callRoute(versionRoute, {
      path: `/bylaws/${topicId}/next-version`, params: { id: String(topicId) }, cookie: clerk.cookie,
      form: { amendments: form.amendmentIds.join(","), [`text-new-${c}`]: "Ten minste de helft van een terras is rookvrij.", note: "Tijden en rookvrij." },
    });
    expect(result.status).toBe(302);
    const v2 = db.select().from(bylawVersions).where(and(eq(bylawVersions.topicId, topicId), eq(bylawVersions.number, 2))).get()!;
    expect(v2.articles.map((x) => x.heading)).toEqual(["Vrije doorgang", "Openingstijden", "Geluid", "Rookvrij"]);
    expect(v2.articles[3]!.body).toBe("Ten minste de helft van een terras is rookvrij.");
    expect([a, b, c].map((id) => amendmentRow(id))).toEqual([a, b, c].map(() => expect.objectContaining({ status: "merged", mergedInVersion: 2 })));
    const compared = await callRoute(versionsRoute, { path: `/bylaws/${topicId}/versions?from=1&to=2`, params: { id: String(topicId) } });
    expect(compared.data.comparison.map((r: { change: string }) => r.change)).toEqual(["same", "changed", "same", "added"]);
  });

  it("shows two accepted amendments that change the same words as a conflict, and publishes only when the clerk says they resolved it", async () => {
    const { topicId, articleIds, clerk } = await openBylaw();
    const a = amend(await createPerson(), { topicId, articleId: articleIds[0]!, type: "replace", heading: "", text: "Een terras laat een vrije doorgang van twee meter breed.", rationale: "Ruimer voor rolstoelen." });
    const b = amend(await createPerson(), { topicId, articleId: articleIds[0]!, type: "replace", heading: "", text: "Een terras laat een vrije doorgang van drie meter breed.", rationale: "Nog ruimer, voor hulpdiensten." });
    for (const id of [a, b]) must(decideAmendment(actorOf(clerk), { topicId, amendmentId: id, decision: "accept", reason: null }));
    const proposal = versionProposal(db, topicId)!;
    expect(proposal.proposed[0]!.merge).toMatchObject({ state: "conflict", pairs: [[a, b]] });
    const key = String(articleIds[0]);
    const refused = publishVersion(actorOf(clerk), { topicId, amendmentIds: [a, b], texts: {}, headings: {}, removed: new Set(), resolved: new Set(), note: "" });
    expect(refused).toMatchObject({ ok: false, reason: "conflict-unresolved" });
    expect(db.select().from(bylawVersions).where(eq(bylawVersions.topicId, topicId)).all()).toHaveLength(1);
    must(publishVersion(actorOf(clerk), { topicId, amendmentIds: [a, b], texts: { [key]: "Een terras laat een vrije doorgang van twee meter breed, bij de hoofdingang drie." }, headings: {}, removed: new Set(), resolved: new Set([key]), note: "" }));
    expect(versionProposal(db, topicId)!.base.articles[0]!.body).toBe("Een terras laat een vrije doorgang van twee meter breed, bij de hoofdingang drie.");
  });
});

describe("closing the consultation with its report", () => {
  it("refuses while amendments wait, then lists every amendment once with its fate and tells every participant exactly once, with a link to the report", async () => {
    const { topicId, articleIds, clerk } = await openBylaw();
    const [commenter, amender, supporter, follower, bystander] = await Promise.all([createPerson(), createPerson(), createPerson(), createPerson(), createPerson()]);
    const posted = await callRoute(commentsRoute, { path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form: { intent: "post", body: "Goed idee, dit artikel.", partId: String(articleIds[2]) }, cookie: commenter.cookie });
    expect(posted.location).toMatch(new RegExp(`^/bylaws/${topicId}/articles/${articleIds[2]}`));
    const merged = amend(amender, { topicId, articleId: articleIds[2]!, type: "replace", heading: "", text: "Op een terras wordt na tien uur 's avonds geen versterkte muziek gespeeld.", rationale: "Overdag mag het best." });
    const rejected = amend(amender, { topicId, articleId: articleIds[0]!, type: "delete", heading: "", text: "", rationale: "Overbodig artikel." });
    must(takeAmendmentStance(actorOf(supporter), { topicId, amendmentId: merged, stance: "support" }));
    followTopic(follower.id, topicId);

    const close = () => callRoute(closeRoute, { path: `/bylaws/${topicId}/close`, params: { id: String(topicId) }, form: { confirm: "on" }, cookie: clerk.cookie });
    const early = await close();
    expect(early.status).toBe(422);
    expect(early.data.errors.form).toMatch(/wachten nog 2 amendementen/);
    expect(topicRow(topicId).status).toBe("open");

    must(decideAmendment(actorOf(clerk), { topicId, amendmentId: merged, decision: "accept", reason: "Goede balans." }));
    must(decideAmendment(actorOf(clerk), { topicId, amendmentId: rejected, decision: "reject", reason: "De doorgang moet geregeld blijven." }));
    const p = versionProposal(db, topicId)!;
    must(publishVersion(actorOf(clerk), { topicId, amendmentIds: p.amendmentIds, texts: {}, headings: {}, removed: new Set(), resolved: new Set(), note: "" }));
    expect((await close()).status).toBe(302);
    expect((await close()).status).toBe(302);

    const report = await callRoute(reportRoute, { path: `/bylaws/${topicId}/report`, params: { id: String(topicId) } });
    // In article order: the rejected one is on article 1, the merged one on article 3.
    expect(report.data.amendments.map((a: { id: number; status: string; decisionReason: string }) => [a.id, a.status, a.decisionReason])).toEqual([
      [rejected, "rejected", "De doorgang moet geregeld blijven."],
      [merged, "merged", "Goede balans."],
    ]);
    expect(report.data.articles.find((a: { id: number }) => a.id === articleIds[2])).toMatchObject({ comments: 1, amendments: 1 });
    expect(report.data.finalText[2].heading).toBe("Geluid");

    const told = (person: TestPerson) =>
      db.select().from(notifications).where(and(eq(notifications.userId, person.id), eq(notifications.type, "bylaw.notice.reportPublished"))).all();
    for (const person of [commenter, amender, supporter, follower]) {
      const notices = told(person);
      expect(notices, person.displayName).toHaveLength(1);
      expect(notices[0]!.data).toMatchObject({ link: `/bylaws/${topicId}/report` });
    }
    expect(told(bystander)).toHaveLength(0);
    expect(told(clerk)).toHaveLength(0);
    await mail.flush();
    expect(mail.to(supporter.email).filter((m) => m.text.includes(`/bylaws/${topicId}/report`))).toHaveLength(1);
  });

  it("refuses amending, commenting and a stance once closed", async () => {
    const { topicId, articleIds, clerk } = await openBylaw();
    must(closeConsultation(actorOf(clerk), { topicId }));
    const anna = await createPerson();
    const amendResult = await callRoute(articleRoute, { path: `/bylaws/${topicId}/articles/${articleIds[0]}`, params: { id: String(topicId), articleId: String(articleIds[0]) }, form: { type: "delete", rationale: "Te laat, maar toch." }, cookie: anna.cookie });
    expect(amendResult.status).toBe(422);
    const commentResult = await callRoute(commentsRoute, { path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form: { intent: "post", body: "Nog iets.", partId: String(articleIds[0]) }, cookie: anna.cookie });
    expect(commentResult.status).toBe(422);
    expect(db.select().from(comments).where(eq(comments.topicId, topicId)).all()).toHaveLength(0);
  });
});

describe("comments on an article", () => {
  it("attach to the article: counted per article, shown on its page, and a tampered article id is refused", async () => {
    const { topicId, articleIds } = await openBylaw();
    const anna = await createPerson();
    const post = (partId: string) => callRoute(commentsRoute, { path: `/topics/${topicId}/comments`, params: { id: String(topicId) }, form: { intent: "post", body: "Een opmerking bij dit artikel.", partId }, cookie: anna.cookie });
    expect((await post(String(articleIds[1]))).status).toBe(302);
    const other = await openBylaw();
    expect((await post(String(other.articleIds[0]))).status).toBe(404);
    expect((await post("0")).status).toBe(404);
    const page = await callRoute(pageRoute, { path: `/bylaws/${topicId}`, params: { id: String(topicId) } });
    expect(page.data.bylaw.articles.map((a: { comments: number }) => a.comments)).toEqual([0, 1, 0]);
    const article = await callRoute(articleRoute, { path: `/bylaws/${topicId}/articles/${articleIds[1]}`, params: { id: String(topicId), articleId: String(articleIds[1]) } });
    expect(article.data.thread.comments).toHaveLength(1);
    const empty = await callRoute(articleRoute, { path: `/bylaws/${topicId}/articles/${articleIds[0]}`, params: { id: String(topicId), articleId: String(articleIds[0]) } });
    expect(empty.data.thread.comments).toHaveLength(0);
  });
});
