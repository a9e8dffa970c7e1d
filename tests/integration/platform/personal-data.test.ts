// Privacy (AVG) across every module, through the real Remix handler: a resident who signed (with
// the account and as a guest with a variant of the address), commented, replied, upvoted, flagged,
// followed, wrote a petition and a discussion, was blocked and unblocked, got a role and asked for
// a new password, downloads everything held about them and nothing of others; after deleting the
// account, no table of the database holds their name or any form of their address.
import { beforeAll, describe, expect, it } from "vitest";
import { eraseDeletedAccounts } from "~/modules/accounts/accounts.privacy.server";
import { and, eq, inArray } from "drizzle-orm";
import { emailOutbox, topics } from "#db/schema";
import { seedDemo, type SeedContext } from "#db/seed";
import { changeRole } from "~/modules/accounts/admin.server";
import { requestPasswordReset } from "~/modules/accounts/accounts.server";
import { postComment } from "~/modules/participation/comments.server";
import { upvoteComment } from "~/modules/participation/comment-upvotes.server";
import { createDiscussion } from "~/modules/discussions/discussions.server";
import { blockUser, unblockUser } from "~/modules/participation/blocks.server";
import { flagContent } from "~/modules/participation/flags.server";
import { createPetition } from "~/modules/petitions/petitions.lifecycle.server";
import { signPetitionAsGuest, signPetitionAsResident } from "~/modules/petitions/petitions.signing.server";
import { followTopic } from "~/modules/topics/topics.server";
import { findSessionUser } from "~/utils/auth.server";
import { db, sqlite } from "~/utils/db.server";
import { createPerson, TEST_PASSWORD, type TestPerson } from "../../support/fixtures";
import { CookieJar, createTestApp, type TestApp } from "../../support/handler";

let app: TestApp;
let seeded: SeedContext;
let zwan: TestPerson;
let other: TestPerson;
const NAME = "Zwanhilde Quaak";
const EMAIL = "Zwanhilde.Quaak@gmail.com";
/** The same mailbox as Gmail reads it: what she typed when she signed as a guest. */
const GUEST_EMAIL = "zwanhildequaak+petitie@googlemail.com";
const OTHER_NAME = "Otto Overbuur";

const ids = { signed: 0, guestSigned: 0, discussion: 0, ownComment: 0, otherComment: 0, ownPetition: 0, ownDiscussion: 0 };

/** Every text cell of every table (search indexes included) that mentions one of the needles, case-insensitively. */
function cellsMentioning(needles: string[]): string[] {
  const tables = (sqlite().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((r) => r.name);
  const found: string[] = [];
  for (const table of tables) {
    let columns: string[];
    try {
      columns = (sqlite().prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((c) => c.name);
    } catch {
      continue;
    }
    for (const column of columns) {
      for (const needle of needles) {
        const hits = sqlite()
          .prepare(`SELECT count(*) AS n FROM "${table}" WHERE lower(CAST("${column}" AS TEXT)) LIKE ?`)
          .get(`%${needle.toLowerCase()}%`) as { n: number };
        if (hits.n > 0) found.push(`${table}.${column} holds "${needle}" (${hits.n} rows)`);
      }
    }
  }
  return found;
}

const NEEDLES = ["zwanhilde", "quaak"];

beforeAll(async () => {
  app = await createTestApp();
  seeded = await seedDemo();
  zwan = await createPerson({ name: NAME, email: EMAIL, roles: ["resident"] });
  other = await createPerson({ name: OTHER_NAME, email: "otto@example.org", roles: ["resident"] });
  const me = findSessionUser(zwan.id)!;
  const them = findSessionUser(other.id)!;
  const clerk = findSessionUser(seeded.accounts.clerk)!;

  const now = Date.now();
  const open = db
    .select({ id: topics.id, closesAt: topics.closesAt, closedAt: topics.closedAt })
    .from(topics)
    .where(and(eq(topics.kind, "petition"), inArray(topics.status, ["open", "response-requested", "debate-scheduled", "responded", "debated"])))
    .all()
    .filter((p) => !p.closedAt && (!p.closesAt || p.closesAt.getTime() > now));
  ids.signed = open[0]!.id;
  ids.guestSigned = open[1]!.id;
  ids.discussion = db.select({ id: topics.id }).from(topics).where(and(eq(topics.kind, "discussion"), eq(topics.status, "open"))).get()!.id;

  expect((await signPetitionAsResident(me, ids.signed, { showName: true, postcode: "9903AB" })).ok).toBe(true);
  expect((await signPetitionAsGuest({ topicId: ids.guestSigned, name: NAME, email: GUEST_EMAIL, postcode: "9903 AB", showName: true, locale: "nl", ip: "10.1.1.2" })).ok).toBe(true);

  // Blocked once and let go again (a block hides her comments and withdraws the notices about them, so first).
  expect(blockUser(clerk, { userId: zwan.id, reason: "Te vaak hetzelfde bericht", until: null }).ok).toBe(true);
  expect(unblockUser(clerk, { userId: zwan.id, reason: "Afgesproken" }).ok).toBe(true);
  // Otto follows the discussion and writes; Zwanhilde answers him, writes her own, upvotes and flags his.
  followTopic(other.id, ids.discussion);
  const otto = postComment(them, { topicId: ids.discussion, body: "Ik vind dat er meer bankjes moeten komen.", stance: "for", parentId: null });
  if (!otto.ok) throw new Error(otto.reason);
  ids.otherComment = otto.commentId;
  const own = postComment(me, { topicId: ids.discussion, body: "Eens, vooral bij de speeltuin.", stance: null, parentId: ids.otherComment });
  if (!own.ok) throw new Error(own.reason);
  ids.ownComment = own.commentId;
  expect(postComment(me, { topicId: ids.discussion, body: "En ook wat meer schaduw graag.", stance: "for", parentId: null }).ok).toBe(true);
  // Otto replies, so she has a notice of her own.
  expect(postComment(them, { topicId: ids.discussion, body: "Goed punt van je.", stance: null, parentId: ids.ownComment }).ok).toBe(true);
  expect(upvoteComment(me, { topicId: ids.discussion, commentId: ids.otherComment }).ok).toBe(true);
  expect(flagContent(me, { targetType: "comment", targetId: ids.otherComment, topicId: ids.discussion, reason: "spam", note: null }).ok).toBe(true);

  const petition = createPetition(me, { title: "Een bankje bij de speeltuin graag", request: "Wij vragen de raad om een bankje bij de speeltuin te plaatsen.", background: "" });
  if (!petition.ok) throw new Error(petition.reason);
  ids.ownPetition = petition.topicId;
  const discussion = createDiscussion(me, { title: "Hoe maken we de speeltuin veiliger?", body: "Ideeen graag." });
  if (!discussion.ok) throw new Error(discussion.reason);
  ids.ownDiscussion = discussion.topicId;

  expect(changeRole(seeded.accounts.admin, zwan.id, "councillor", "assign").ok).toBe(true);
  requestPasswordReset(EMAIL);
  // A mistyped password: the sign-in limit counts attempts by address.
  await app.post("/sign-in", { email: EMAIL, password: "verkeerd-wachtwoord" }, { ip: "10.1.1.3" });
});

describe("download my data", () => {
  it("holds everything about the person, from every module", async () => {
    const response = await app.get("/profile/data", { cookieJar: new CookieJar(zwan.cookie) });
    expect(response.status).toBe(200);
    const data = await response.json();
    expect(data.account).toMatchObject({ id: zwan.id, displayName: NAME, email: EMAIL });
    expect(data.roles.map((r: { role: string }) => r.role).sort()).toEqual(["councillor", "resident"]);
    expect(data.petitions.signatures.map((s: { petitionId: number }) => s.petitionId).sort()).toEqual([ids.signed, ids.guestSigned].sort());
    expect(data.petitions.signatures.find((s: { petitionId: number }) => s.petitionId === ids.guestSigned)).toMatchObject({ email: GUEST_EMAIL, name: NAME });
    expect(data.petitions.petitions.map((p: { id: number }) => p.id)).toEqual([ids.ownPetition]);
    expect(data.discussions.comments).toHaveLength(2);
    expect(data.discussions.upvotes).toEqual([expect.objectContaining({ commentId: ids.otherComment })]);
    expect(data.discussions.flags).toEqual([expect.objectContaining({ targetType: "comment", targetId: ids.otherComment, reason: "spam" })]);
    expect(data.discussions.discussions.map((d: { id: number }) => d.id)).toEqual([ids.ownDiscussion]);
    expect(data.follows.map((f: { topicId: number }) => f.topicId)).toEqual(expect.arrayContaining([ids.discussion, ids.ownDiscussion]));
    expect(data.notifications.map((n: { type: string }) => n.type)).toEqual(expect.arrayContaining(["comment.notice.reply", "moderation.notice.blocked", "moderation.notice.unblocked"]));
  });

  it("holds nothing of anyone else", async () => {
    const text = await (await app.get("/profile/data", { cookieJar: new CookieJar(zwan.cookie) })).text();
    expect(text).not.toContain(other.id);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain("Ik vind dat er meer bankjes moeten komen.");
    expect(text).not.toContain("Goed punt van je.");
    expect(text).not.toContain(seeded.accounts.clerk);
    expect(text).not.toContain("argon2");
    // Other people's signatures on the same petitions stay theirs.
    expect(text).not.toMatch(/voorbeeldstad\.example/);
  });
});

describe("delete my account", () => {
  it("leaves no name and no form of the address anywhere in the database", async () => {
    // Before: the name and address are where one expects them (so the search below can find them).
    expect(cellsMentioning(NEEDLES).join("\n")).toMatch(/users\.display_name/);

    const response = await app.post("/profile", { intent: "delete", confirm: "on", password: TEST_PASSWORD }, { cookieJar: new CookieJar(zwan.cookie) });
    expect(response.status).toBe(302);
    // At once, nothing shown names her (the account row is blank); the job erases the rest.
    const page = await (await app.get(`/discussions/${ids.discussion}`)).text();
    expect(page).not.toContain(NAME);
    await eraseDeletedAccounts(new Date(), { budgetMs: Infinity });

    expect(cellsMentioning(NEEDLES)).toEqual([]);
  });

  it("keeps the contributions readable and counted, without her", async () => {
    const page = await (await app.get(`/discussions/${ids.discussion}`)).text();
    expect(page).toContain("En ook wat meer schaduw graag.");
    expect(page).not.toContain(NAME);
    const petition = await (await app.get(`/petitions/${ids.signed}/count`)).json();
    expect(petition.count).toBeGreaterThan(0);
  });

  it("leaves Otto's inbox readable, with her name taken out", async () => {
    const inbox = await (await app.get("/inbox", { cookieJar: new CookieJar(other.cookie) })).text();
    expect(inbox).not.toContain(NAME);
    expect(inbox).not.toContain("{name}");
    expect(inbox).toContain("Verwijderde deelnemer antwoordde op uw reactie");
    const mail = db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, other.email)).all();
    expect(mail.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringContaining("Verwijderde deelnemer antwoordde op uw reactie")]));
    expect(mail.find((m) => m.subject.startsWith("Verwijderde deelnemer"))!.html).toContain("<p>Verwijderde deelnemer antwoordde op uw reactie");
  });
});
