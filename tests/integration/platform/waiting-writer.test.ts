import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sign from "~/routes/petitions.$id_.sign";
import * as petitionPage from "~/routes/petitions.$id";
import { writeWhenFree } from "~/utils/db.server";
import { callRoute } from "../../support/routes";
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

beforeAll(() => {
  ensureNeighbourhoods();
  setThresholds(500, 2000);
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
