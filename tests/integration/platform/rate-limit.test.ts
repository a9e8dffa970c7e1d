import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rateLimits } from "#db/schema";
import { db } from "~/utils/db.server";
import { clientIp, hitRateLimit, pruneRateLimits, RATE_LIMITS, resetRateLimit, type RateLimit } from "~/utils/rate-limit.server";

const limit: RateLimit = { name: "test:limit", max: 3, windowSeconds: 60 };
const t0 = Date.parse("2030-01-01T00:00:00Z");

describe("hitRateLimit", () => {
  it("allows max attempts per window, then refuses until the window has passed", () => {
    const subject = "subject-a";
    expect([1, 2, 3, 4, 5].map((i) => hitRateLimit(limit, subject, t0 + i))).toEqual([true, true, true, false, false]);
    expect(hitRateLimit(limit, subject, t0 + 59_000)).toBe(false);
    expect(hitRateLimit(limit, subject, t0 + 60_001)).toBe(true);
    expect(hitRateLimit(limit, subject, t0 + 60_002)).toBe(true);
  });

  it("counts subjects and limits separately", () => {
    for (let i = 0; i < 3; i++) hitRateLimit(limit, "subject-b", t0);
    expect(hitRateLimit(limit, "subject-b", t0)).toBe(false);
    expect(hitRateLimit(limit, "subject-c", t0)).toBe(true);
    expect(hitRateLimit({ ...limit, name: "test:other" }, "subject-b", t0)).toBe(true);
  });

  it("forgets a subject on reset", () => {
    for (let i = 0; i < 4; i++) hitRateLimit(limit, "subject-d", t0);
    resetRateLimit(limit, "subject-d");
    expect(hitRateLimit(limit, "subject-d", t0)).toBe(true);
  });

  it("prunes counters older than a day", () => {
    hitRateLimit(limit, "subject-old", t0);
    pruneRateLimits(t0 + 25 * 3_600_000);
    const left = db.select({ key: rateLimits.key }).from(rateLimits).where(sql`${rateLimits.key} = 'test:limit:subject-old'`).all();
    expect(left).toEqual([]);
  });

  it("has limits for sign-in, registration and reset, per address and per account", () => {
    for (const key of ["signInPerIp", "signInPerAccount", "registerPerIp", "resetPerIp", "resetPerAccount"] as const) {
      expect(RATE_LIMITS[key].max).toBeGreaterThan(0);
    }
  });

  it("takes the client address only from the server-set header", () => {
    expect(clientIp(new Request("http://x/", { headers: { "x-inspraak-client-ip": "203.0.113.9", "x-forwarded-for": "1.2.3.4" } }))).toBe("203.0.113.9");
    expect(clientIp(new Request("http://x/", { headers: { "x-forwarded-for": "1.2.3.4" } }))).toBe("unknown");
  });
});
