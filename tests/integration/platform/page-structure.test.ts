// The structure an accessibility reviewer checks first, on every page of the seeded demo as each
// role sees it, and on every form page after a failed post: exactly one h1, headings that do not
// skip a level, a label for every field, an error summary whose links reach their fields, tables
// with a caption and header cells, no duplicate ids. (axe in the browser tests checks the rest on
// the pages the journeys reach; this walks all of them.)
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { DomUtils, parseDocument } from "htmlparser2";
import type { Element } from "domhandler";
import { emailTokens, signatures, topics } from "#db/schema";
import { seedDemo } from "#db/seed";
import { db } from "~/utils/db.server";
import { createSessionCookie, findSessionUser } from "~/utils/auth.server";
import { blockUser } from "~/modules/participation/blocks.server";
import { hashToken } from "~/utils/tokens.server";
import { CookieJar, createTestApp, pagePaths, type TestApp } from "../../support/handler";
import { demoBylaws } from "../../support/bylaws";

let app: TestApp;
const ids = { petition: 0, closedPetition: 0, draftPetition: 0, discussion: 0, vote: 0, closedVote: 0, proposal: 0, draftProposal: 0, submittedProposal: 0 };
const cookies: Record<"visitor" | "resident" | "clerk" | "councillor" | "admin", string | null> = {
  visitor: null,
  resident: null,
  clerk: null,
  councillor: null,
  admin: null,
};
type Who = keyof typeof cookies;
/** Valid emailed links, so the pages they open (with their confirm button) are walked too. */
const SIGNATURE_TOKEN = "page-structure-signature-link-0000000000";
const EMAIL_TOKEN = "page-structure-email-link-00000000000000";

const all = (root: ReturnType<typeof parseDocument>, test: (e: Element) => boolean) => DomUtils.findAll(test, root.children);
const text = (e: Element) => DomUtils.textContent(e).replace(/\s+/g, " ").trim();

/** What is wrong with a page, as short sentences; empty when nothing is. */
export function structureProblems(html: string): string[] {
  const doc = parseDocument(html);
  const problems: string[] = [];
  const byId = new Map<string, number>();
  for (const e of all(doc, (e) => Boolean(e.attribs.id))) byId.set(e.attribs.id!, (byId.get(e.attribs.id!) ?? 0) + 1);
  for (const [id, n] of byId) if (n > 1) problems.push(`id "${id}" is used ${n} times`);

  const headings = all(doc, (e) => /^h[1-6]$/.test(e.name));
  const h1s = headings.filter((h) => h.name === "h1");
  if (h1s.length !== 1) problems.push(`${h1s.length} h1 elements (${h1s.map(text).join(" | ")})`);
  if (headings[0] && headings[0].name !== "h1") problems.push(`the first heading is an ${headings[0].name} ("${text(headings[0]).slice(0, 60)}"), not the h1`);
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.name[1]);
    if (previous > 0 && level > previous + 1) problems.push(`heading skips from h${previous} to h${level} ("${text(h).slice(0, 60)}")`);
    previous = level;
  }

  const labelled = new Set(all(doc, (e) => e.name === "label" && Boolean(e.attribs.for)).map((l) => l.attribs.for!));
  const fields = all(doc, (e) => (e.name === "input" && !["hidden", "submit", "button", "image", "reset"].includes(e.attribs.type ?? "text")) || e.name === "select" || e.name === "textarea");
  for (const field of fields) {
    const insideLabel = DomUtils.findOne((e) => e.name === "label", [], true) !== null && hasAncestor(field, "label");
    const ok = (field.attribs.id && labelled.has(field.attribs.id)) || field.attribs["aria-label"] || field.attribs["aria-labelledby"] || insideLabel;
    if (!ok) problems.push(`field "${field.attribs.name}" has no label`);
  }

  for (const table of all(doc, (e) => e.name === "table")) {
    const caption = DomUtils.findOne((e) => e.name === "caption", table.children, true);
    if (!caption && !table.attribs["aria-label"] && !table.attribs["aria-labelledby"]) problems.push("a table without a caption");
    if (!DomUtils.findOne((e) => e.name === "th", table.children, true)) problems.push("a table without header cells");
  }

  // The error summary: every link goes to something on the page.
  for (const summary of all(doc, (e) => e.attribs.role === "alert" && /utrecht-alert--error/.test(e.attribs.class ?? ""))) {
    for (const link of DomUtils.findAll((e) => e.name === "a" && (e.attribs.href ?? "").startsWith("#"), summary.children)) {
      const target = link.attribs.href!.slice(1);
      if (!byId.has(target)) problems.push(`error summary links to #${target}, which is not on the page`);
    }
  }
  return problems;
}

function hasAncestor(e: Element, name: string): boolean {
  for (let p = e.parent as Element | null; p; p = p.parent as Element | null) if (p.name === name) return true;
  return false;
}

beforeAll(async () => {
  app = await createTestApp();
  const seeded = await seedDemo();
  for (const who of ["resident", "clerk", "councillor", "admin"] as const) cookies[who] = (await createSessionCookie(seeded.accounts[who])).split(";")[0]!;
  const pick = (where: Parameters<typeof and>) => db.select({ id: topics.id }).from(topics).where(and(...where)).get()!.id;
  ids.petition = pick([eq(topics.kind, "petition"), eq(topics.status, "open")]);
  ids.closedPetition = pick([eq(topics.kind, "petition"), eq(topics.status, "closed")]);
  ids.draftPetition = pick([eq(topics.kind, "petition"), eq(topics.status, "draft")]);
  ids.discussion = pick([eq(topics.kind, "discussion"), eq(topics.isPublic, true), eq(topics.status, "open")]);
  ids.proposal = pick([eq(topics.kind, "proposal"), eq(topics.status, "collecting")]);
  ids.draftProposal = pick([eq(topics.kind, "proposal"), eq(topics.status, "draft")]);
  ids.submittedProposal = pick([eq(topics.kind, "proposal"), eq(topics.status, "submitted")]);
  ids.vote = pick([eq(topics.kind, "vote"), eq(topics.status, "open")]);
  ids.closedVote = pick([eq(topics.kind, "vote"), eq(topics.status, "closed")]);
  // Someone blocked, so the list of blocks is on its page.
  const blocked = blockUser(findSessionUser(seeded.accounts.clerk)!, { userId: seeded.accounts.resident2, reason: "Herhaaldelijk scheldwoorden", until: null });
  expect(blocked.ok).toBe(true);
  const now = new Date();
  db.insert(signatures)
    .values({ topicId: ids.petition, name: "Gast", email: "gast@example.org", emailCanonical: "gast@example.org", status: "pending", tokenHash: hashToken(SIGNATURE_TOKEN), createdAt: now })
    .run();
  db.insert(emailTokens)
    .values({ userId: seeded.accounts.resident2, purpose: "verify-email", tokenHash: hashToken(EMAIL_TOKEN), expiresAt: new Date(now.getTime() + 3_600_000), createdAt: now })
    .run();
  // The demo resident writes the draft, so its edit page is theirs.
  db.update(topics).set({ authorId: seeded.accounts.resident }).where(eq(topics.id, ids.draftPetition)).run();
});

/** Pages the route walk cannot make up: filled in once the demo ids are known. */
const extraPaths = () => ["/moderation?view=hidden", "/moderation/blocks?user=demo-resident", "/admin/outbox?id=1", "/forgot-password?sent=1", "/register?sent=1", "/search?q=park", "/no/such/page", `/petitions/${ids.petition}/sponsor?token=x`, `/petitions/confirm/${SIGNATURE_TOKEN}`, "/petitions/confirm/x", `/verify-email?token=${EMAIL_TOKEN}`, "/verify-email?token=x"];

async function getHtml(who: Who, path: string): Promise<{ status: number; html: string | null }> {
  const cookie = cookies[who];
  const response = await app.get(path, { cookieJar: cookie ? new CookieJar(cookie) : undefined });
  const html = response.headers.get("Content-Type")?.startsWith("text/html") ? await response.text() : null;
  return { status: response.status, html };
}

describe("the structure checker", () => {
  it("finds what it looks for", () => {
    const problems = structureProblems(
      `<h2>Z</h2><h1>A</h1><h3>B</h3><h1>C</h1><input name="q"><table><tr><td>1</td></tr></table><div role="alert" class="utrecht-alert utrecht-alert--error"><a href="#field-x">x</a></div><p id="d"></p><p id="d"></p>`,
    );
    expect(problems).toEqual([
      'id "d" is used 2 times',
      "2 h1 elements (A | C)",
      'the first heading is an h2 ("Z"), not the h1',
      'heading skips from h1 to h3 ("B")',
      'field "q" has no label',
      "a table without a caption",
      "a table without header cells",
      "error summary links to #field-x, which is not on the page",
    ]);
    expect(structureProblems(`<h1>A</h1><h2>B</h2><label for="q">Q</label><input id="q" name="q"><table><caption>T</caption><tr><th>h</th></tr></table>`)).toEqual([]);
  });
});

describe("every page", () => {
  it("includes the pages of valid emailed links, with their confirm buttons", async () => {
    const signature = await getHtml("visitor", `/petitions/confirm/${SIGNATURE_TOKEN}`);
    expect(signature.status).toBe(200);
    expect(signature.html).toContain("Bevestig mijn handtekening</button>");
    const address = await getHtml("visitor", `/verify-email?token=${EMAIL_TOKEN}`);
    expect(address.status).toBe(200);
    expect(address.html).toContain("Bevestig mijn e-mailadres</button>");
  });

  for (const who of Object.keys(cookies) as Who[]) {
    it(`is well structured for a ${who}`, async () => {
      const found: string[] = [];
      for (const path of pagePaths(app.build, { petition: [ids.petition, ids.closedPetition, ids.draftPetition], discussion: [ids.discussion], vote: [ids.vote, ids.closedVote], bylaw: demoBylaws().ids, proposal: [ids.proposal, ids.draftProposal, ids.submittedProposal] }, [...extraPaths(), ...demoBylaws().extras])) {
        const { html } = await getHtml(who, path);
        if (!html) continue;
        for (const problem of structureProblems(html)) found.push(`${path}: ${problem}`);
      }
      expect(found).toEqual([]);
    });
  }
});

describe("every form page after a failed post", () => {
  it("keeps one h1, labelled fields and an error summary that reaches its fields", async () => {
    const posts: Array<[Who, string, Record<string, string>]> = [
      ["visitor", "/sign-in", { email: "geen-adres", password: "" }],
      ["visitor", "/register", { email: "x", password: "kort", displayName: "" }],
      ["visitor", "/forgot-password", { email: "" }],
      ["visitor", "/reset-password", { token: "x", password: "kort", confirm: "anders" }],
      ["visitor", `/petitions/${ids.petition}`, { intent: "sign", name: "", email: "x", postcode: "12" }],
      ["visitor", "/petitions/confirm/not-a-token-of-ours-000000000", {}],
      ["visitor", "/verify-email", { intent: "confirm", token: "not-a-token-of-ours" }],
      ["resident", "/verify-email", { intent: "nonsense" }],
      ["resident", "/profile", { intent: "update", displayName: "", locale: "xx", emailPreference: "x" }],
      ["resident", "/profile", { intent: "delete", password: "" }],
      ["resident", "/petitions/new", { title: "", request: "" }],
      ["resident", `/petitions/${ids.draftPetition}/edit`, { title: "x", request: "", deadline: "morgen" }],
      ["resident", "/discussions/new", { title: "", body: "" }],
      ["resident", `/topics/${ids.discussion}/flag`, { reason: "other", note: "" }],
      ["resident", `/topics/${ids.discussion}/comments`, { intent: "post", body: "" }],
      ["clerk", `/discussions/${ids.discussion}/close`, { conclusion: "kort" }],
      ["clerk", demoBylaws().extras.find((path) => path.endsWith("/edit"))!, { title: "", closesAt: "morgen", articles: "1" }],
      ["clerk", "/moderation", { targetType: "topic", targetId: String(ids.discussion), decision: "", reason: "" }],
      ["clerk", "/moderation/blocks?user=demo-resident", { intent: "block", userId: "demo-resident-2", reason: "", until: "gisteren" }],
      ["clerk", `/petitions/${ids.petition}/manage`, { intent: "respond", responseText: "", responseResponsible: "" }],
      ["clerk", `/petitions/${ids.petition}/manage`, { intent: "add-next-step", description: "", dueDate: "nooit" }],
      ["admin", "/admin/settings", { municipalityName: "", petitionResponseThreshold: "-5" }],
      ["admin", "/admin/users", { intent: "assign", userId: "", role: "koning" }],
    ];
    const found: string[] = [];
    for (const [who, path, form] of posts) {
      const cookie = cookies[who];
      const response = await app.post(path, form, { cookieJar: cookie ? new CookieJar(cookie) : undefined });
      expect(response.status, `${who} POST ${path}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${who} POST ${path}`).toBeLessThan(500);
      const html = await response.text();
      for (const problem of structureProblems(html)) found.push(`${who} POST ${path}: ${problem}`);
    }
    expect(found).toEqual([]);
  });
});
