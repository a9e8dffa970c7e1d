import { sql } from "drizzle-orm";
import { rateLimits } from "#db/schema";
import { db, sqlite } from "./db.server";

export interface RateLimit {
  /** e.g. "sign-in:ip" */
  name: string;
  max: number;
  windowSeconds: number;
}

export const RATE_LIMITS = {
  signInPerIp: { name: "sign-in:ip", max: 20, windowSeconds: 15 * 60 },
  signInPerAccount: { name: "sign-in:account", max: 8, windowSeconds: 15 * 60 },
  registerPerIp: { name: "register:ip", max: 10, windowSeconds: 60 * 60 },
  resetPerIp: { name: "reset:ip", max: 10, windowSeconds: 60 * 60 },
  resetPerAccount: { name: "reset:account", max: 3, windowSeconds: 60 * 60 },
  signPerIp: { name: "sign:ip", max: 30, windowSeconds: 60 * 60 },
  signPerEmail: { name: "sign:email", max: 10, windowSeconds: 60 * 60 },
  commentPerUser: { name: "comment:user", max: 10, windowSeconds: 10 * 60 },
  amendPerUser: { name: "amend:user", max: 10, windowSeconds: 60 * 60 },
  createPerUser: { name: "create:user", max: 10, windowSeconds: 24 * 60 * 60 },
  flagPerUser: { name: "flag:user", max: 30, windowSeconds: 60 * 60 },
  // A letter code is 60 random bits: these keep guessing hopeless and leave room for typos.
  letterCodePerUser: { name: "letter-code:user", max: 10, windowSeconds: 60 * 60 },
  letterCodePerIp: { name: "letter-code:ip", max: 30, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimit>;

/**
 * Counts one attempt against a fixed window and says whether it is still within the limit.
 * One upsert statement, so concurrent requests cannot both slip under the limit.
 */
export function hitRateLimit(limit: RateLimit, subject: string, now = Date.now()): boolean {
  hitQuery ??= sqlite().prepare(
    `INSERT INTO rate_limits (key, count, window_start) VALUES (@key, 1, @now)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN window_start <= @windowStart THEN 1 ELSE count + 1 END,
       window_start = CASE WHEN window_start <= @windowStart THEN @now ELSE window_start END
     RETURNING count`,
  );
  const row = hitQuery.get({ key: `${limit.name}:${subject}`, now, windowStart: now - limit.windowSeconds * 1000 });
  return (row?.count ?? Infinity) <= limit.max;
}

// Prepared once: every signature, sign-in and comment passes here.
let hitQuery: import("better-sqlite3").Statement<[{ key: string; now: number; windowStart: number }], { count: number }> | undefined;

/** Forgets the attempts of a subject, e.g. after a successful sign-in. */
export function resetRateLimit(limit: RateLimit, subject: string): void {
  db.delete(rateLimits).where(sql`${rateLimits.key} = ${`${limit.name}:${subject}`}`).run();
}

/** Takes back one counted attempt, e.g. a sign-in that succeeded: only failures add up. */
export function forgiveRateLimitHit(limit: RateLimit, subject: string): void {
  db.update(rateLimits)
    .set({ count: sql`max(${rateLimits.count} - 1, 0)` })
    .where(sql`${rateLimits.key} = ${`${limit.name}:${subject}`}`)
    .run();
}

/** The client's address; X-Forwarded-For only counts when TRUST_PROXY is set. */
export function clientIp(request: Request): string {
  return request.headers.get("x-inspraak-client-ip") ?? "unknown";
}

export function pruneRateLimits(now = Date.now()): void {
  db.delete(rateLimits).where(sql`${rateLimits.windowStart} < ${now - 24 * 60 * 60 * 1000}`).run();
}
