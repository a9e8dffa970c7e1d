import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import { db } from "~/utils/db.server";
import { canonicalEmail } from "~/utils/email-address";
import { callRoute, CookieJar, type CallOptions, type RouteModule, type RouteResult } from "../../support/routes";

let counter = 0;
/** A fresh address and a fresh client IP per call, so rate limits of one test never touch another. */
export function uniqueEmail(prefix = "person"): string {
  counter++;
  return `${prefix}-${Date.now()}-${counter}@example.org`;
}
export function uniqueIp(): string {
  counter++;
  return `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`;
}

export function userByEmail(address: string) {
  return db.select().from(users).where(eq(users.emailCanonical, canonicalEmail(address))).get();
}

/** Calls a route as a browser would: with the jar's cookies, keeping what it sets. */
export async function browse(jar: CookieJar, route: RouteModule, options: CallOptions): Promise<RouteResult> {
  return jar.take(await callRoute(route, { ...options, cookie: jar.header() || null }));
}

/** The path and query of an absolute link from an email. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return url.pathname + url.search;
}
