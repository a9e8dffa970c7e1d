// What people type comes back inert everywhere it is shown: a display name and titles full of
// markup render as text on every page that names them (threads, petition signers, the moderation
// queue, blocks, the admin list, the audit log, inboxes, the welcome message), in the mail to
// others, and spreadsheet formulas in titles are neutralised in the CSV exports.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { emailOutbox, topics } from "#db/schema";
import { seedDemo, type SeedContext } from "#db/seed";
import { postComment } from "~/modules/participation/comments.server";
import { createDiscussion } from "~/modules/discussions/discussions.server";
import { blockUser } from "~/modules/participation/blocks.server";
import { flagContent } from "~/modules/participation/flags.server";
import { createPetition, publishPetition, submitPetition } from "~/modules/petitions/petitions.lifecycle.server";
import { signPetitionAsResident } from "~/modules/petitions/petitions.signing.server";
import { followTopic } from "~/modules/topics/topics.server";
import { createSessionCookie, findSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createPerson, TEST_PASSWORD, type TestPerson } from "../../support/fixtures";
import { CookieJar, createTestApp, type TestApp } from "../../support/handler";

const MARKUP = `<img src=x onerror=alert(1)><script>alert(2)</script>`;
const NAME = `Evil ${MARKUP}`;
const FORMULA_TITLE = `=HYPERLINK("https://evil.example","Klik") ${MARKUP}`;

let app: TestApp;
let seeded: SeedContext;
let evil: TestPerson;
let blockedEvil: TestPerson;
const ids = { discussion: 0, petition: 0, formulaDiscussion: 0, formulaPetition: 0 };
const cookieOf = async (userId: string) => (await createSessionCookie(userId)).split(";")[0]!;

beforeAll(async () => {
  app = await createTestApp();
  seeded = await seedDemo();
  evil = await createPerson({ name: NAME, roles: ["resident"] });
  blockedEvil = await createPerson({ name: `${NAME} 2`, roles: ["resident"] });
  const me = findSessionUser(evil.id)!;
  const clerk = findSessionUser(seeded.accounts.clerk)!;

  ids.discussion = db.select({ id: topics.id }).from(topics).where(and(eq(topics.kind, "discussion"), eq(topics.status, "open"))).get()!.id;
  followTopic(seeded.accounts.resident, ids.discussion);
  const comment = postComment(me, { topicId: ids.discussion, body: `Reactie ${MARKUP}`, stance: "for", parentId: null });
  if (!comment.ok) throw new Error(comment.reason);
  // In the moderation queue, with the author named.
  expect(flagContent(findSessionUser(seeded.accounts.resident2)!, { targetType: "comment", targetId: comment.commentId, topicId: ids.discussion, reason: "spam", note: null }).ok).toBe(true);

  const discussion = createDiscussion(me, { title: FORMULA_TITLE, body: `Toelichting ${MARKUP}` });
  if (!discussion.ok) throw new Error(discussion.reason);
  ids.formulaDiscussion = discussion.topicId;

  const petition = createPetition(me, { title: FORMULA_TITLE.slice(0, 110), request: `Wij vragen de raad ${MARKUP} om iets te doen.`, background: MARKUP });
  if (!petition.ok) throw new Error(petition.reason);
  ids.formulaPetition = petition.topicId;
  expect(submitPetition(me, petition.topicId).ok).toBe(true);
  expect(publishPetition(clerk, petition.topicId).ok).toBe(true);
  expect((await signPetitionAsResident(me, petition.topicId, { showName: true, postcode: "9903AB" })).ok).toBe(true);

  expect(blockUser(clerk, { userId: blockedEvil.id, reason: `Reden ${MARKUP}`, until: null }).ok).toBe(true);
});

/** The rendered document, checked for the markup as markup; it must be there as text. */
async function expectInert(path: string, cookie: string | null, mustMention = true) {
  const response = await app.get(path, { cookieJar: cookie ? new CookieJar(cookie) : undefined });
  expect(response.status, path).toBe(200);
  const html = await response.text();
  // Not in the page, nor in the loader data serialised into a script (where "<" is \u003c).
  expect(html, path).not.toContain("<img src=x");
  expect(html, path).not.toContain("<script>alert");
  if (mustMention) expect(html, path).toContain("&lt;img src=x onerror=alert(1)&gt;");
}

describe("display names, titles and text render inert", () => {
  it("on the public pages that show them", async () => {
    await expectInert(`/discussions/${ids.discussion}`, null);
    await expectInert(`/discussions/${ids.formulaDiscussion}`, null);
    await expectInert(`/petitions/${ids.formulaPetition}`, null);
    await expectInert(`/petitions`, null);
    await expectInert(`/discussions`, null);
    await expectInert(`/search?q=HYPERLINK`, null, false);
  });

  it("on the pages of the person, the clerk and the admin", async () => {
    await expectInert("/profile", evil.cookie);
    await expectInert("/moderation", await cookieOf(seeded.accounts.clerk));
    await expectInert("/moderation/blocks", await cookieOf(seeded.accounts.clerk));
    await expectInert("/audit", await cookieOf(seeded.accounts.clerk), false);
    await expectInert("/admin/users", await cookieOf(seeded.accounts.admin));
    await expectInert("/inbox", await cookieOf(seeded.accounts.resident));
  });

  it("in the welcome message after signing in", async () => {
    const jar = new CookieJar();
    const signedIn = await app.post("/sign-in", { email: evil.email, password: TEST_PASSWORD }, { cookieJar: jar, ip: "10.9.9.10" });
    expect(signedIn.status).toBe(302);
    const html = await (await app.get("/", { cookieJar: jar })).text();
    expect(html).toContain("Welkom");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("in the mail to the people who follow the thread", () => {
    const mail = db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "bewoner@voorbeeldstad.example")).all().filter((m) => m.text.includes("Evil"));
    expect(mail.length).toBeGreaterThan(0);
    for (const m of mail) {
      expect(m.html).not.toContain("<img src=x");
      expect(m.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    }
  });
});

describe("CSV exports", () => {
  /** The cells of a CSV, quotes undone. */
  function cells(csv: string): string[] {
    return [...csv.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,\r\n]*)/gm)].map((m) => m[1]!.replace(/^"|"$/g, "").replace(/""/g, '"'));
  }

  it("never start a cell with a formula character", async () => {
    for (const path of ["/open-data/discussion?format=csv", `/petitions/${ids.formulaPetition}/data.csv`]) {
      const response = await app.get(path);
      expect(response.status, path).toBe(200);
      const csv = await response.text();
      expect(csv, path).toContain(`'=HYPERLINK(""https://evil.example"",""Klik"")`);
      expect(cells(csv).filter((c) => /^[=+\-@\t\r]/.test(c)), path).toEqual([]);
    }
  });
});
