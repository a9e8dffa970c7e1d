import { afterEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { accountErasures, auditLog, emailOutbox, emailTokens, follows, notifications, sessions, topics, userRoles, users } from "#db/schema";
import * as profile from "~/routes/profile";
import * as profileData from "~/routes/profile.data";
import * as signIn from "~/routes/sign-in";
import { eraseDeletedAccounts, erasurePending, erasureSteps, personalDataSources } from "~/modules/accounts/accounts.privacy.server";
import { deleteAccount, requestPasswordReset } from "~/modules/accounts/accounts.server";
import { notify } from "~/modules/notifications/notifications.server";
import { authorName, followTopic, insertTopic } from "~/modules/topics/topics.server";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createPerson, TEST_PASSWORD } from "../../support/fixtures";
import { callRoute, CookieJar } from "../../support/routes";
import { browse, uniqueIp } from "./helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const whoIs = (cookie: string) => getUser(new Request("http://localhost/", { headers: { Cookie: cookie } }));
const topic = (authorId: string | null, title = "Meer bankjes in het park") =>
  db.transaction((tx) => insertTopic(tx, { kind: "proposal", title, authorId, status: "open", isPublic: true }));
const followerCount = (id: number) => db.select({ n: topics.followerCount }).from(topics).where(eq(topics.id, id)).get()!.n;

describe("the profile page", () => {
  it("shows the person's own account", async () => {
    const person = await createPerson({ roles: ["resident", "clerk"] });
    const result = await callRoute(profile, { path: "/profile", cookie: person.cookie });
    expect(result.data.profile).toMatchObject({ id: person.id, email: person.email, roles: ["clerk", "resident"], emailPreference: "immediate" });
    expect(result.data.profile.passwordHash).toBeUndefined();
  });

  it("sends a visitor to sign in and back", async () => {
    const result = await callRoute(profile, { path: "/profile" });
    expect(result.location).toBe("/sign-in?redirectTo=%2Fprofile");
    expect((await callRoute(profileData, { path: "/profile/data" })).location).toBe("/sign-in?redirectTo=%2Fprofile%2Fdata");
  });

  it("saves name, language and email preference, and sets the language cookie", async () => {
    const person = await createPerson();
    const jar = new CookieJar(person.cookie);
    const result = await browse(jar, profile, {
      path: "/profile",
      form: { intent: "update", displayName: "  Anna   Jansen ", locale: "en", emailPreference: "digest" },
    });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/profile");
    expect(jar.header()).toContain("lang=en");
    const row = db.select().from(users).where(eq(users.id, person.id)).get()!;
    expect(row).toMatchObject({ displayName: "Anna Jansen", locale: "en", emailPreference: "digest" });
  });

  it("refuses bad values beside their fields and keeps the old ones", async () => {
    const person = await createPerson({ name: "Oud" });
    const result = await callRoute(profile, {
      path: "/profile",
      cookie: person.cookie,
      form: { intent: "update", displayName: "x".repeat(1_000_000), locale: "de", emailPreference: "weekly" },
    });
    expect(result.status).toBe(400);
    expect(Object.keys(result.data.errors).sort()).toEqual(["displayName", "emailPreference", "locale"]);
    expect(result.data.values.intent).toBe("update");
    expect(db.select().from(users).where(eq(users.id, person.id)).get()!.displayName).toBe("Oud");
    const unknown = await callRoute(profile, { path: "/profile", cookie: person.cookie, form: { intent: "promote" } });
    expect(unknown.status).toBe(400);
    expect(unknown.data.errors).toEqual({ form: "Onbekende handeling." });
  });
});

describe("download my data", () => {
  it("is a JSON attachment with the person's account, roles, inbox, follows, topics and every domain's part, and nothing of others", async () => {
    const person = await createPerson({ name: "Anna Download", roles: ["resident", "councillor"] });
    const other = await createPerson({ name: "Bert Ander" });
    const mine = topic(person.id, "Mijn voorstel");
    const theirs = topic(other.id, "Voorstel van een ander");
    followTopic(person.id, theirs);
    followTopic(other.id, mine);
    db.transaction((tx) => {
      notify(tx, [person.id], { type: "notification.open", topicId: theirs, link: "/proposals/1" });
      notify(tx, [other.id], { type: "notification.open", topicId: mine, data: { secret: "for Bert only" } });
    });
    const collect = personalDataSources().map((source) => vi.spyOn(source, "collect"));

    const result = await callRoute(profileData, { path: "/profile/data", cookie: person.cookie });
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(result.headers.get("Content-Disposition")).toMatch(/^attachment; filename="inspraak-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(result.headers.get("Cache-Control")).toBe("no-store");

    const body = result.data;
    expect(body.account).toMatchObject({ id: person.id, displayName: "Anna Download", email: person.email });
    expect(body.account.passwordHash).toBeUndefined();
    expect(body.roles.map((r: { role: string }) => r.role).sort()).toEqual(["councillor", "resident"]);
    expect(body.notifications).toHaveLength(1);
    expect(body.follows).toEqual([expect.objectContaining({ topicId: theirs, title: "Voorstel van een ander" })]);
    expect(body.topics).toEqual([expect.objectContaining({ id: mine, title: "Mijn voorstel" })]);
    for (const source of personalDataSources()) expect(body).toHaveProperty(source.name);
    for (const spy of collect) expect(spy).toHaveBeenCalledWith(expect.anything(), person.id);

    const text = JSON.stringify(body);
    expect(text).not.toContain(other.id);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain("Bert Ander");
    expect(text).not.toContain("for Bert only");
    expect(text).not.toContain("argon2");
  });
});

describe("download my data of a busy resident", () => {
  it("streams every page of a long inbox, each row once, in order", async () => {
    const person = await createPerson();
    const about = topic(null);
    db.transaction((tx) => {
      for (let i = 0; i < 1_234; i++) notify(tx, [person.id], { type: "notification.open", topicId: about, data: { n: i } });
    });
    const result = await callRoute(profileData, { path: "/profile/data", cookie: person.cookie });
    expect(result.status).toBe(200);
    expect(result.response!.body).toBeInstanceOf(ReadableStream);
    const inbox = result.data.notifications as Array<{ id: number; data: { n: number } }>;
    expect(inbox.map((n) => n.data.n)).toEqual(Array.from({ length: 1_234 }, (_, i) => i));
  });
});

describe("delete my account", () => {
  it("needs the box ticked and the right password, and changes nothing otherwise", async () => {
    const person = await createPerson();
    const unticked = await callRoute(profile, { path: "/profile", cookie: person.cookie, form: { intent: "delete", password: TEST_PASSWORD } });
    expect(unticked.status).toBe(400);
    expect(unticked.data.errors).toEqual({ confirm: "U moet dit bevestigen om verder te gaan." });
    const wrong = await callRoute(profile, { path: "/profile", cookie: person.cookie, form: { intent: "delete", confirm: "on", password: "not my password" } });
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toEqual({ password: "Dit wachtwoord klopt niet." });
    expect(db.select().from(users).where(eq(users.id, person.id)).get()!.deletedAt).toBeNull();
    expect(await whoIs(person.cookie)).not.toBeNull();
  });

  it("of an address that was never confirmed leaves the mail and limits of that address alone (it may be someone else's)", async () => {
    const address = `someone-else-${Date.now()}@example.org`;
    db.insert(emailOutbox).values({ toAddress: address, subject: "Bevestig uw handtekening", text: "link", html: "<p>link</p>" }).run();
    const squatter = await createPerson({ email: address, verified: false });
    const deleted = await callRoute(profile, { path: "/profile", cookie: squatter.cookie, form: { intent: "delete", confirm: "on", password: TEST_PASSWORD } });
    expect(deleted.status).toBe(302);
    expect(db.select().from(users).where(eq(users.id, squatter.id)).get()!.deletedAt).toBeInstanceOf(Date);
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).all()).toHaveLength(1);
  });

  it("takes the person off everything shown at once, erases the rest in the job, keeps authored topics as 'deleted participant', and signs out", async () => {
    const person = await createPerson({ name: "Anna Weg", roles: ["resident", "clerk"] });
    const other = await createPerson();
    const authored = topic(person.id, "Een voorstel dat blijft");
    const followed = topic(other.id);
    followTopic(person.id, followed);
    followTopic(other.id, followed);
    followTopic(person.id, authored);
    expect(followerCount(followed)).toBe(2);
    db.transaction((tx) => notify(tx, [person.id], { type: "notification.open", topicId: followed }));
    requestPasswordReset(person.email);

    const jar = new CookieJar(person.cookie);
    const result = await browse(jar, profile, { path: "/profile", form: { intent: "delete", confirm: "on", password: TEST_PASSWORD } });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/");
    expect(jar.has("inspraak_session")).toBe(false);

    // At once: the account shows nothing of them, and nothing signs in as them.
    const row = db.select().from(users).where(eq(users.id, person.id)).get()!;
    expect(row).toMatchObject({ email: null, emailCanonical: null, passwordHash: null, postcode: null, displayName: "" });
    expect(row.deletedAt).toBeInstanceOf(Date);
    for (const table of [sessions, userRoles, emailTokens] as const) {
      expect(db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.userId, person.id)).get()!.n).toBe(0);
    }
    expect(authorName(person.id)).toBeNull();
    expect(await whoIs(person.cookie)).toBeNull();
    expect(erasurePending(person.id)).toBe(true);

    // Then the job erases the rest, every step of it.
    const steps = erasureSteps().map((step) => vi.spyOn(step, "erase"));
    await eraseDeletedAccounts(new Date(), { budgetMs: Infinity });
    for (const spy of steps) expect(spy).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ userId: person.id }), expect.any(Number), expect.any(Number));
    expect(erasurePending(person.id)).toBe(false);
    for (const table of [notifications, follows] as const) {
      expect(db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.userId, person.id)).get()!.n).toBe(0);
    }
    expect(followerCount(followed)).toBe(1);
    expect(followerCount(authored)).toBe(0);
    expect(db.select().from(topics).where(eq(topics.id, authored)).get()).toMatchObject({ authorId: null, title: "Een voorstel dat blijft" });
    // What the erasure kept to find their mail goes when it is done.
    expect(db.select().from(accountErasures).where(eq(accountErasures.userId, person.id)).get()).toMatchObject({ displayName: null, emailCanonical: null, finishedAt: expect.any(Date) });

    const audit = db.select().from(auditLog).where(eq(auditLog.entityId, person.id)).all();
    expect(audit).toEqual([expect.objectContaining({ action: "account.delete", actorId: person.id, before: { roles: ["clerk", "resident"] } })]);
    expect(JSON.stringify(audit)).not.toContain(person.email);

    // The address is free again, and the old password opens nothing.
    const signInAgain = await callRoute(signIn, { path: "/sign-in", form: { email: person.email, password: TEST_PASSWORD }, ip: uniqueIp() });
    expect(signInAgain.status).toBe(400);
  });

  it("an erasure stopped half-way (a failing step, a crash between batches) goes on where it was, and does nothing twice", async () => {
    const person = await createPerson();
    const others = await Promise.all([1, 2, 3, 4, 5].map(() => createPerson()));
    const followed = others.map((o) => topic(o.id));
    for (const id of followed) {
      followTopic(person.id, id);
      followTopic(others[0]!.id, id);
    }
    db.transaction((tx) => {
      for (let i = 0; i < 7; i++) notify(tx, [person.id], { type: "notification.open", topicId: followed[0]! });
    });
    expect((await deleteAccount(person.id, TEST_PASSWORD)).ok).toBe(true);

    // A crash in the middle of the follows: the batch in progress is rolled back whole.
    const followsStep = erasureSteps().find((step) => step.name === "follows")!;
    const realErase = followsStep.erase;
    let batches = 0;
    const failing = vi.spyOn(followsStep, "erase").mockImplementation((tx, who, cursor, size) => {
      if (++batches === 2) throw new Error("the process died");
      return realErase(tx, who, cursor, size);
    });
    await expect(eraseDeletedAccounts(new Date(), { batchSize: 2, budgetMs: Infinity })).rejects.toThrow("the process died");
    failing.mockRestore();
    expect(erasurePending(person.id)).toBe(true);
    expect(db.select().from(accountErasures).where(eq(accountErasures.userId, person.id)).get()!.step).toBe("follows");
    // One batch of two was done before the crash: two counts lowered, three still to go.
    expect(followed.map(followerCount).filter((n) => n === 1)).toHaveLength(2);

    // Runs stopped after every batch (a tight time budget) finish it a batch at a time.
    let runs = 0;
    while (erasurePending(person.id)) {
      await eraseDeletedAccounts(new Date(), { batchSize: 2, budgetMs: 0 });
      if (++runs > 100) throw new Error("the erasure never finishes");
    }
    expect(runs).toBeGreaterThan(3);
    // Every count lowered exactly once, and nothing of the person is left.
    expect(followed.map(followerCount)).toEqual([1, 1, 1, 1, 1]);
    for (const table of [notifications, follows] as const) {
      expect(db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.userId, person.id)).get()!.n).toBe(0);
    }
    // Someone else's follows of the same topics are theirs still.
    expect(db.select({ n: sql<number>`count(*)` }).from(follows).where(eq(follows.userId, others[0]!.id)).get()!.n).toBe(5);
  });

});
