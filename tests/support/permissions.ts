// The permission harness: given a route and a request, assert which roles may and may not do it.
import { expect } from "vitest";
import type { Role } from "#db/schema";
import { createPerson, ROLE_SETS, type TestPerson } from "./fixtures";
import { callRoute, isSignInRedirect, type CallOptions, type RouteModule, type RouteResult } from "./routes";

export type Who = "visitor" | Role;
const EVERYONE: Who[] = ["visitor", "resident", "clerk", "councillor", "admin"];

export interface PermissionCase {
  route: RouteModule;
  /** Builds fresh state for each role (so one allowed attempt does not spoil the next) and the request. */
  request: (person: TestPerson | null) => Promise<CallOptions> | CallOptions;
  allowed: Who[];
  /** Optional extra check on an allowed result (e.g. that the change was made). */
  onAllowed?: (result: RouteResult, who: Who) => void | Promise<void>;
  /** Optional check that a refusal changed nothing. */
  onRefused?: (result: RouteResult, who: Who) => void | Promise<void>;
}

export function isRefused(result: RouteResult): boolean {
  return result.status === 403 || isSignInRedirect(result);
}

/**
 * For every role (visitor, resident, clerk, councillor, admin), runs the request as a fresh
 * person of that role and asserts: the allowed ones are not refused, the others get a 403
 * (or, for a visitor, a redirect to sign in).
 */
export async function expectPermissions(c: PermissionCase): Promise<void> {
  for (const who of EVERYONE) {
    const roles = ROLE_SETS[who];
    const person = roles ? await createPerson({ roles }) : null;
    const options = await c.request(person);
    const result = await callRoute(c.route, { ...options, cookie: person?.cookie ?? options.cookie });
    const refused = isRefused(result);
    if (c.allowed.includes(who)) {
      expect(refused, `${who} should be allowed (${options.method ?? "GET"} ${options.path}) but got ${result.status}`).toBe(false);
      await c.onAllowed?.(result, who);
    } else {
      expect(refused, `${who} should be refused (${options.method ?? "GET"} ${options.path}) but got ${result.status}`).toBe(true);
      await c.onRefused?.(result, who);
    }
  }
}
