import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sign from "~/routes/petitions.$id_.sign";
import * as petitionPage from "~/routes/petitions.$id";
import { eq } from "drizzle-orm";
import { comments, sessions } from "#db/schema";
import { db, writeWhenFree } from "~/utils/db.server";
import { callRoute } from "../../support/routes";
import { createPerson, TEST_PASSWORD } from "../../support/fixtures";
import { createTestApp, type TestApp } from "../../support/handler";
import { newDiscussion, comment as commentOn } from "../discussions/helpers";
import { counts, ensureNeighbourhoods, makePetition, resident as residentWithPostcode, setThresholds } from "../petitions/helpers";

// Another process (the jobs process, another worker) holding SQLite's write lock, as a second
// connection to the same file. better-sqlite3's own wait for the lock (busy_timeout) sleeps inside
// the call and freezes the whole worker; a request's write must wait without that, and not fail.
const other = new Database(process.env.DATABASE_PATH!);
afterAll(() => other.close());

/** Holds the write lock for `ms`, then lets go. */
function holdWriteLock(ms: number): Promise<void> {
  other.exec("BEGIN IMMEDIATE");
  return new Promise((resolve) =>
    setTimeout(() => {
      other.exec("COMMIT");
      resolve();
    }, ms),
  );
}

/** How many 5 ms timer ticks the event loop runs while `work` is under way: none if it is frozen. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ value: T; ticks: number; ms: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const started = performance.now();
  try {
    const value = await work();
    return { value, ticks, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

let app: TestApp;
beforeAll(async () => {
  ensureNeighbourhoods();
  setThresholds(500, 2000);
  app = await createTestApp();
});

describe("a write while another process holds the lock", () => {
  it("a one-click signature waits for the lock without freezing the worker, then counts (no 500)", async () => {
    const { id } = await makePetition();
    const resident = await residentWithPostcode();
    const released = holdWriteLock(400);
    const { value: answer, ticks, ms } = await ticksDuring(() =>
      callRoute(sign, { path: `/petitions/${id}/sign`, params: { id: String(id) }, form: { intent: "sign" }, cookie: resident.cookie }),
    );
    await released;
    expect(answer.status).toBe(302);
    expect(counts(id).support).toBe(1);
    // It did wait for the other process (the lock was held for 400 ms) ...
    expect(ms).toBeGreaterThan(300);
    // ... and the event loop kept turning meanwhile: a busy wait inside SQLite gives 0 or 1 tick,
    // a free loop about 80 (fewer on a loaded machine, so the bar is low).
    expect(ticks).toBeGreaterThan(5);
  });

  it("a guest's signature waits the same way and is asked to confirm by email (no 500)", async () => {
    const { id } = await makePetition();
    const released = holdWriteLock(300);
    const { value: answer, ticks } = await ticksDuring(() =>
      callRoute(petitionPage, {
        method: "POST",
        path: `/petitions/${id}`,
        params: { id: String(id) },
        form: { intent: "sign", name: "Gast Wachtmans", email: "wacht@example.org", postcode: "9901 AB", residence: "on" },
        ip: "10.9.9.9",
      }),
    );
    await released;
    expect(answer.status, JSON.stringify(answer.data)).toBe(302);
    expect(ticks).toBeGreaterThan(5);
  });

  it("a write that cannot get the lock within its time fails with the database's busy error, having written nothing", async () => {
    other.exec("BEGIN IMMEDIATE");
    try {
      let ran = 0;
      await expect(writeWhenFree(() => void ran++, 100)).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_BUSY/) });
      expect(ran).toBe(0);
    } finally {
      other.exec("COMMIT");
    }
  });
});

// Every other post (comments, moderation, sign-in with its rate limits and session, a kind's
// lifecycle) waits its turn for the lock before Remix runs its action (waitForWriteTurn, as
// server.js does), so its plain synchronous writes meet no long hold; a signed-in page that extends
// its session waits in the session store. Before, each froze the worker for as long as the lock was
// held (up to busy_timeout, 5 s) and then failed with "database is locked".
describe("every other request that writes, while another process holds the lock", () => {
  it("posting a comment waits without freezing the worker, then the comment is there (no 500)", async () => {
    const { topicId } = await newDiscussion();
    const writer = await createPerson();
    const released = holdWriteLock(400);
    const { value: answer, ticks, ms } = await ticksDuring(() =>
      app.post(`/topics/${topicId}/comments`, { intent: "post", body: "Geschreven terwijl een taak schreef" }, { headers: { Cookie: writer.cookie } }),
    );
    await released;
    expect(answer.status).toBe(302);
    expect(db.select().from(comments).where(eq(comments.topicId, topicId)).all().map((c) => c.body)).toEqual(["Geschreven terwijl een taak schreef"]);
    expect(ms).toBeGreaterThan(300);
    expect(ticks).toBeGreaterThan(5);
  });

  it("a clerk hiding a comment waits the same way, and it is hidden", async () => {
    const { topicId } = await newDiscussion();
    const id = commentOn(await createPerson(), topicId, "Iets om te verbergen");
    const clerk = await createPerson({ roles: ["resident", "clerk"] });
    const released = holdWriteLock(400);
    const { value: answer, ticks } = await ticksDuring(() =>
      app.post("/moderation", { targetType: "comment", targetId: String(id), decision: "hide", reason: "Scheldwoorden" }, { headers: { Cookie: clerk.cookie } }),
    );
    await released;
    expect(answer.status).toBe(302);
    expect(db.select({ hiddenBy: comments.hiddenBy }).from(comments).where(eq(comments.id, id)).get()!.hiddenBy).not.toBeNull();
    expect(ticks).toBeGreaterThan(5);
  });

  it("signing in (its rate limits, then a new session) waits the same way and signs in", async () => {
    const person = await createPerson();
    const browser = app.browser();
    const released = holdWriteLock(400);
    const { value: answer, ticks } = await ticksDuring(() => browser.post("/sign-in", { email: person.email, password: TEST_PASSWORD }));
    await released;
    expect(answer.status).toBe(302);
    expect(browser.jar.header()).toContain("inspraak_session=");
    expect(ticks).toBeGreaterThan(5);
  });

  it("a signed-in page that extends its session waits in the session store, not inside SQLite", async () => {
    const person = await createPerson();
    const sessionId = /inspraak_session=([^;]+)/.exec(person.cookie)![1]!;
    // Close to expiry: Lucia extends it on this request, a write on a GET.
    db.update(sessions).set({ expiresAt: Math.floor(Date.now() / 1000) + 3_600 }).where(eq(sessions.id, sessionId)).run();
    const released = holdWriteLock(400);
    const { value: answer, ticks } = await ticksDuring(() => app.get("/inbox", { headers: { Cookie: person.cookie } }));
    await released;
    expect(answer.status).toBe(200);
    expect(db.select().from(sessions).where(eq(sessions.id, sessionId)).get()!.expiresAt).not.toBe(Math.floor(Date.now() / 1000) + 3_600);
    expect(ticks).toBeGreaterThan(5);
  });
});
