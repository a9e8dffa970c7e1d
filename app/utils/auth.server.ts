import { hash, verify } from "@node-rs/argon2";
import { redirect } from "@remix-run/node";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession } from "lucia";
import type { Role } from "#db/schema";
import { sqlite, writeWhenFree } from "./db.server";
import { env } from "./env.server";
import { can, type Action, type Actor } from "./permissions";

/**
 * Lucia's storage: the `sessions` table through prepared statements. Every signed-in request
 * validates its session, so this is the hottest query in the app; the drizzle adapter built and
 * prepared its SQL (two queries, one joining every user column) on each call.
 */
class SessionStore implements Adapter {
  private statements = (() => {
    const raw = sqlite();
    return {
      get: raw.prepare<[string], { id: string; user_id: string; expires_at: number }>("SELECT id, user_id, expires_at FROM sessions WHERE id = ?"),
      byUser: raw.prepare<[string], { id: string; user_id: string; expires_at: number }>("SELECT id, user_id, expires_at FROM sessions WHERE user_id = ?"),
      insert: raw.prepare<[string, string, number]>("INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)"),
      extend: raw.prepare<[number, string]>("UPDATE sessions SET expires_at = ? WHERE id = ?"),
      remove: raw.prepare<[string]>("DELETE FROM sessions WHERE id = ?"),
      removeForUser: raw.prepare<[string]>("DELETE FROM sessions WHERE user_id = ?"),
      removeExpired: raw.prepare<[number]>("DELETE FROM sessions WHERE expires_at <= ?"),
    };
  })();

  private static toSession(row: { id: string; user_id: string; expires_at: number }): DatabaseSession {
    return { id: row.id, userId: row.user_id, expiresAt: new Date(row.expires_at * 1000), attributes: {} };
  }

  async getSessionAndUser(sessionId: string): ReturnType<Adapter["getSessionAndUser"]> {
    const row = this.statements.get.get(sessionId);
    if (!row) return [null, null];
    // The person is loaded by findSessionUser, which gives no one for a deleted account (whose
    // sessions are deleted with it).
    return [SessionStore.toSession(row), { id: row.user_id, attributes: {} }];
  }
  async getUserSessions(userId: string) {
    return this.statements.byUser.all(userId).map(SessionStore.toSession);
  }
  // The writes wait for the lock without holding the event loop (writeWhenFree): a signed-in GET
  // extends its session, and GETs do not pass the write turn that posts wait in (http.server.ts).
  async setSession(session: DatabaseSession) {
    await writeWhenFree(() => this.statements.insert.run(session.id, session.userId, Math.floor(session.expiresAt.getTime() / 1000)));
  }
  async updateSessionExpiration(sessionId: string, expiresAt: Date) {
    await writeWhenFree(() => this.statements.extend.run(Math.floor(expiresAt.getTime() / 1000), sessionId));
  }
  async deleteSession(sessionId: string) {
    await writeWhenFree(() => this.statements.remove.run(sessionId));
  }
  async deleteUserSessions(userId: string) {
    await writeWhenFree(() => this.statements.removeForUser.run(userId));
  }
  async deleteExpiredSessions() {
    await writeWhenFree(() => this.statements.removeExpired.run(Math.floor(Date.now() / 1000)));
  }
}

// Lucia v3 is no longer developed upstream, so it is used only inside this module.
const lucia = new Lucia(new SessionStore(), {
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: "inspraak_session",
    // The database row decides expiry; the cookie just has to outlive it.
    expires: false,
    attributes: { sameSite: "lax", secure: env().NODE_ENV === "production" && env().BASE_URL.startsWith("https:") },
  },
});

/** The signed-in person as pages need them. */
export interface SessionUser extends Actor {
  displayName: string;
  email: string | null;
  locale: "nl" | "en";
}

const perRequest = new WeakMap<Request, Promise<SessionUser | null>>();

function loadUser(request: Request): Promise<SessionUser | null> {
  return getUserByCookie(request.headers.get("Cookie") ?? "");
}

/** The person behind the session in a Cookie header (for the hot path, which has no Request). */
export async function getUserByCookie(cookieHeader: string): Promise<SessionUser | null> {
  const sessionId = lucia.readSessionCookie(cookieHeader);
  if (!sessionId) return null;
  const { session } = await lucia.validateSession(sessionId);
  if (!session) return null;
  return findSessionUser(session.userId);
}

interface SessionUserRow {
  id: string;
  display_name: string;
  email: string | null;
  locale: "nl" | "en";
  email_verified_at: number | null;
  blocked_at: number | null;
  blocked_until: number | null;
  deleted_at: number | null;
  roles: string | null;
}

let sessionUserQuery: import("better-sqlite3").Statement<[string], SessionUserRow> | undefined;

/** The person behind a session, with their roles, in one prepared query. */
export function findSessionUser(userId: string): SessionUser | null {
  sessionUserQuery ??= sqlite().prepare(
    `SELECT u.id, u.display_name, u.email, u.locale, u.email_verified_at, u.blocked_at, u.blocked_until, u.deleted_at,
            (SELECT group_concat(role) FROM user_roles WHERE user_id = u.id) AS roles
       FROM users u WHERE u.id = ?`,
  );
  const user = sessionUserQuery.get(userId);
  if (!user || user.deleted_at) return null;
  const blocked = Boolean(user.blocked_at) && (!user.blocked_until || user.blocked_until > Date.now());
  return {
    id: user.id,
    displayName: user.display_name,
    email: user.email,
    locale: user.locale,
    roles: user.roles ? (user.roles.split(",") as Role[]) : [],
    emailVerified: Boolean(user.email_verified_at),
    blocked,
  };
}

/** The signed-in person, or null for a visitor. Cached per request. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = loadUser(request);
    perRequest.set(request, pending);
  }
  return pending;
}

export async function getUserId(request: Request): Promise<string | null> {
  return (await getUser(request))?.id ?? null;
}

/** The signed-in person; a visitor is sent to sign in and brought back afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getUser(request)) throw redirect("/");
}

/**
 * The one guard for loaders and actions: the action must be allowed by can() for this person
 * (and resource). A visitor who could sign in is sent to sign in; anyone else gets a 403.
 */
export async function requirePermission<A extends Action>(
  request: Request,
  action: A,
  resource?: Parameters<typeof can<A>>[2],
): Promise<SessionUser | null> {
  const user = await getUser(request);
  if (can(user, action, resource)) return user;
  if (!user) await requireUser(request);
  throw new Response("Forbidden", { status: 403 });
}

/** Like requirePermission, for actions only a signed-in person can take. */
export async function requireUserWithPermission<A extends Action>(
  request: Request,
  action: A,
  resource?: Parameters<typeof can<A>>[2],
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, action, resource)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** Starts a session and returns the Set-Cookie header value. */
export async function createSessionCookie(userId: string): Promise<string> {
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

/** Ends this request's session and returns the Set-Cookie header that clears it. */
export async function endSession(request: Request): Promise<string> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

export async function endAllSessions(userId: string): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

export async function deleteExpiredSessions(): Promise<void> {
  await lucia.deleteExpiredSessions();
}

// argon2id with the library's defaults (m=19456, t=2, p=1): about 20 ms a hash here.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the email is unknown, so timing tells nothing. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash("not-a-real-password-" + Math.random());
  return dummyHash;
}

