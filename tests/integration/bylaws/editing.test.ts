// A clerk edits a saved draft before it is published (issue #12): its fields, its window, its
// introduction and articles one by one, or every article replaced from markdown; without
// JavaScript (plain form posts). Only clerks, only a draft; bad input changes nothing.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, bylawArticles, bylawVersions } from "#db/schema";
import * as editRoute from "~/routes/bylaws.$id_.edit";
import * as pageRoute from "~/routes/bylaws.$id";
import { createDraft } from "~/modules/bylaws/bylaws.server";
import { db } from "~/utils/db.server";
import { endOfLocalDay } from "~/utils/local-time";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";
import { actorOf, DRAFT, inDays, openBylaw, topicRow } from "./helpers";

const day = (d: Date) => d.toISOString().slice(0, 10);

async function savedDraft() {
  const clerk = await createPerson({ roles: ["resident", "clerk"] });
  const created = createDraft(actorOf(clerk), { title: "Terrasverordening", summary: "Regels voor terrassen", markdown: DRAFT, closesAt: inDays(7) });
  if (!created.ok) throw new Error(created.reason);
  return { clerk, topicId: created.topicId };
}

const draftOf = (topicId: number) => db.select().from(bylawVersions).where(and(eq(bylawVersions.topicId, topicId), eq(bylawVersions.number, 1))).get()!;
const articleRows = (topicId: number) => db.select({ id: bylawArticles.id }).from(bylawArticles).where(eq(bylawArticles.topicId, topicId)).all().map((r) => r.id);

/** The edit form as the page fills it: every field as saved, then what the clerk changed. */
async function formOf(clerk: TestPerson, topicId: number, changes: Record<string, string> = {}) {
  const loaded = (await callRoute(editRoute, { path: `/bylaws/${topicId}/edit`, params: { id: String(topicId) }, cookie: clerk.cookie })).data;
  const form: Record<string, string> = { title: loaded.title, summary: loaded.summary, closesAt: loaded.closesOn, introduction: loaded.introduction, articles: loaded.articles.map((a: { id: number }) => a.id).join(",") };
  for (const a of loaded.articles as Array<{ id: number; heading: string; body: string }>) {
    form[`heading-${a.id}`] = a.heading;
    form[`body-${a.id}`] = a.body;
  }
  return { ...form, ...changes };
}

const post = (person: TestPerson, topicId: number, form: Record<string, string>) => callRoute(editRoute, { path: `/bylaws/${topicId}/edit`, params: { id: String(topicId) }, form, cookie: person.cookie });

/** The form posted as a browser does with a file (multipart). */
async function postWithFile(person: TestPerson, topicId: number, fields: Record<string, string>, file: { name: string; type: string; bytes: Uint8Array }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  const request = new Request(`http://localhost:3000/bylaws/${topicId}/edit`, { method: "POST", body, headers: { Cookie: person.cookie, "x-inspraak-client-ip": "127.0.0.1" } });
  try {
    const result = await editRoute.action({ request, params: { id: String(topicId) }, context: {} } as never);
    if (result instanceof Response) return { status: result.status, errors: null };
    const d = result as unknown as { init?: { status?: number }; data: { errors: Record<string, string> } };
    return { status: d.init?.status ?? 200, errors: d.data.errors };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, errors: null };
    throw thrown;
  }
}

describe("editing a saved draft", () => {
  it("a clerk rewrites an article, removes one, adds one, and changes the title, window and introduction; kept articles keep their identity", async () => {
    const { clerk, topicId } = await savedDraft();
    const [one, two, three] = draftOf(topicId).articles.map((a) => a.articleId) as [number, number, number];
    // The clerk looked at the draft before editing it: the page shows the edited text afterwards.
    const seen = await callRoute(pageRoute, { path: `/bylaws/${topicId}`, params: { id: String(topicId) }, cookie: clerk.cookie });
    expect(seen.data.bylaw.articles[1].bodyHtml).toContain("tien uur tot elf uur");
    const closes = day(inDays(30));
    const form = await formOf(clerk, topicId, {
      title: "Terras- en uitstallingenverordening",
      closesAt: closes,
      introduction: "Regels voor terrassen en uitstallingen.",
      [`heading-${two}`]: "Openingstijden van terrassen",
      [`body-${two}`]: "1. Een terras is open van tien uur tot elf uur 's avonds.\n2. Op vrijdag en zaterdag tot middernacht.",
      [`remove-${three}`]: "on",
      "heading-new": "Uitstallingen",
      "body-new": "Een uitstalling staat tegen de gevel.",
    });
    const result = await post(clerk, topicId, form);
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/bylaws/${topicId}`);

    const draft = draftOf(topicId);
    expect(draft.introduction).toBe("Regels voor terrassen en uitstallingen.");
    expect(draft.articles.map((a) => a.heading)).toEqual(["Vrije doorgang", "Openingstijden van terrassen", "Uitstallingen"]);
    expect(draft.articles[1]!.body).toBe("1. Een terras is open van tien uur tot elf uur 's avonds.\n2. Op vrijdag en zaterdag tot middernacht.");
    expect(draft.articles.slice(0, 2).map((a) => a.articleId)).toEqual([one, two]);
    expect(articleRows(topicId).sort()).toEqual([one, two, draft.articles[2]!.articleId].sort());
    expect(topicRow(topicId)).toMatchObject({ title: "Terras- en uitstallingenverordening", status: "draft", isPublic: false, closesAt: endOfLocalDay(closes) });
    expect(db.select().from(auditLog).where(and(eq(auditLog.entityId, String(topicId)), eq(auditLog.action, "bylaw.draft-edit"))).all()).toHaveLength(1);

    const page = await callRoute(pageRoute, { path: `/bylaws/${topicId}`, params: { id: String(topicId) }, cookie: clerk.cookie });
    expect(page.data.bylaw.canEdit).toBe(true);
    expect(page.data.bylaw.articles.map((a: { number: number; heading: string }) => `${a.number} ${a.heading}`)).toEqual(["1 Vrije doorgang", "2 Openingstijden van terrassen", "3 Uitstallingen"]);
    expect(page.data.bylaw.articles[1].bodyHtml).toContain("tot middernacht");
    expect(page.data.bylaw.introductionHtml).toContain("Regels voor terrassen en uitstallingen.");
  });

  it("replaces every article from a typed markdown text or an uploaded file (headings, nested leden), reusing the ids in order", async () => {
    const { clerk, topicId } = await savedDraft();
    const ids = draftOf(topicId).articles.map((a) => a.articleId);
    const markdown = "Nieuwe inleiding.\n\n## Artikel 1. Begrippen\n\nIn deze verordening wordt verstaan onder:\n\n1. terras: een plek om te zitten;\n   a. overdekt of niet;\n2. gevel: de voorkant.\n\n## Artikel 2. Vergunning\n\nEen terras vraagt een vergunning.\n";
    expect((await post(clerk, topicId, await formOf(clerk, topicId, { markdown }))).status).toBe(302);
    let draft = draftOf(topicId);
    expect(draft.introduction).toBe("Nieuwe inleiding.");
    expect(draft.articles.map((a) => a.heading)).toEqual(["Begrippen", "Vergunning"]);
    expect(draft.articles[0]!.body).toContain("   a. overdekt of niet;");
    expect(draft.articles.map((a) => a.articleId)).toEqual(ids.slice(0, 2));
    expect(articleRows(topicId).sort()).toEqual(ids.slice(0, 2).sort());

    const file = new TextEncoder().encode("# Terrasverordening\n\n## Een\n\nTekst een.\n\n## Twee\n\nTekst twee.\n\n## Drie\n\nTekst drie.\n");
    const uploaded = await postWithFile(clerk, topicId, await formOf(clerk, topicId), { name: "terras.md", type: "text/markdown", bytes: file });
    expect(uploaded.status).toBe(302);
    draft = draftOf(topicId);
    expect(draft.articles.map((a) => a.heading)).toEqual(["Een", "Twee", "Drie"]);
    expect(draft.articles.slice(0, 2).map((a) => a.articleId)).toEqual(ids.slice(0, 2));
  });

  it("refuses bad input beside its field with a translated message and changes nothing", async () => {
    const { clerk, topicId } = await savedDraft();
    const before = JSON.stringify({ draft: draftOf(topicId), topic: topicRow(topicId), rows: articleRows(topicId) });
    const [one, two, three] = draftOf(topicId).articles.map((a) => a.articleId) as [number, number, number];
    const unchanged = () => expect(JSON.stringify({ draft: draftOf(topicId), topic: topicRow(topicId), rows: articleRows(topicId) })).toBe(before);

    const noHeading = await post(clerk, topicId, await formOf(clerk, topicId, { [`heading-${two}`]: "  " }));
    expect(noHeading.status).toBe(422);
    expect(noHeading.data.errors[`heading-${two}`]).toBeTruthy();
    const noBody = await post(clerk, topicId, await formOf(clerk, topicId, { [`body-${one}`]: "" }));
    expect(noBody.data.errors[`body-${one}`]).toMatch(/Artikel 1/);
    const halfNew = await post(clerk, topicId, await formOf(clerk, topicId, { "heading-new": "Alleen een kop" }));
    expect(halfNew.data.errors["body-new"]).toBeTruthy();
    const allGone = await post(clerk, topicId, await formOf(clerk, topicId, { [`remove-${one}`]: "on", [`remove-${two}`]: "on", [`remove-${three}`]: "on" }));
    expect(allGone.status).toBe(422);
    expect(allGone.data.errors.form).toMatch(/geen artikelen/);
    const badDate = await post(clerk, topicId, await formOf(clerk, topicId, { closesAt: "2027-02-30" }));
    expect(badDate.status).toBe(400);
    expect(badDate.data.errors.closesAt).toBeTruthy();
    const flat = await post(clerk, topicId, await formOf(clerk, topicId, { markdown: "Alleen een zin zonder koppen." }));
    expect(flat.data.errors.markdown).toMatch(/geen artikelen/);

    // Another bylaw's article, or an id twice: a tampered form.
    const other = await savedDraft();
    const foreign = draftOf(other.topicId).articles[0]!.articleId;
    const tampered = await post(clerk, topicId, { ...(await formOf(clerk, topicId)), articles: `${one},${foreign}`, [`heading-${foreign}`]: "Vreemd", [`body-${foreign}`]: "Vreemde tekst." });
    expect(tampered.status).toBe(422);
    expect(tampered.data.errors.form).toBeTruthy();
    const twice = await post(clerk, topicId, { ...(await formOf(clerk, topicId)), articles: `${one},${one}` });
    expect(twice.status).toBe(422);
    const nonsense = await post(clerk, topicId, { ...(await formOf(clerk, topicId)), articles: "een,twee" });
    expect(nonsense.status).toBe(400);

    const binary = await postWithFile(clerk, topicId, await formOf(clerk, topicId), { name: "terras.md", type: "text/markdown", bytes: new Uint8Array([0x23, 0x20, 0x00, 0xff]) });
    expect(binary.status).toBe(400);
    expect(binary.errors!.file).toMatch(/geen tekstbestand/);
    const large = await postWithFile(clerk, topicId, await formOf(clerk, topicId), { name: "terras.md", type: "text/markdown", bytes: new Uint8Array(300 * 1024).fill(65) });
    expect(large.errors!.file).toMatch(/groter dan 200 kB/);

    const english = await createPerson({ roles: ["resident", "clerk"], locale: "en" });
    const inEnglish = await post(english, topicId, await formOf(english, topicId, { [`body-${one}`]: "" }));
    expect(inEnglish.status).toBe(422);
    expect(inEnglish.data.errors[`body-${one}`]).toMatch(/Article 1/);
    unchanged();
  });

  it("only clerks edit a draft; a resident and a clerk on a published bylaw are refused and nothing changes", async () => {
    await expectPermissions({
      route: editRoute,
      request: async () => {
        const { topicId } = await savedDraft();
        return { path: `/bylaws/${topicId}/edit`, params: { id: String(topicId) } };
      },
      allowed: ["clerk"],
    });
    let topicId = 0;
    await expectPermissions({
      route: editRoute,
      request: async () => {
        ({ topicId } = await savedDraft());
        const articles = draftOf(topicId).articles;
        return {
          method: "POST", path: `/bylaws/${topicId}/edit`, params: { id: String(topicId) },
          form: { title: "Een andere titel", closesAt: day(inDays(20)), articles: articles.map((a) => a.articleId).join(","), ...Object.fromEntries(articles.flatMap((a) => [[`heading-${a.articleId}`, a.heading], [`body-${a.articleId}`, a.body]])) },
        };
      },
      allowed: ["clerk"],
      onAllowed: () => expect(topicRow(topicId).title).toBe("Een andere titel"),
      onRefused: () => expect(topicRow(topicId).title).toBe("Terrasverordening"),
    });

    const { topicId: published, clerk, articleIds } = await openBylaw();
    const version = JSON.stringify(draftOf(published));
    const form = { title: "Te laat veranderd", closesAt: day(inDays(20)), articles: articleIds.join(","), ...Object.fromEntries(articleIds.flatMap((id) => [[`heading-${id}`, "Kop"], [`body-${id}`, "Tekst."]])) };
    expect((await post(clerk, published, form)).status).toBe(403);
    expect((await callRoute(editRoute, { path: `/bylaws/${published}/edit`, params: { id: String(published) }, cookie: clerk.cookie })).status).toBe(403);
    expect(JSON.stringify(draftOf(published))).toBe(version);
    expect(topicRow(published).title).toBe("Terrasverordening");
    const page = await callRoute(pageRoute, { path: `/bylaws/${published}`, params: { id: String(published) }, cookie: clerk.cookie });
    expect(page.data.bylaw.canEdit).toBe(false);
  });
});
