import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { hash, verify } from "@node-rs/argon2";
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { Lucia, TimeSpan } from "lucia";
import { sessions, userRoles, users } from "#db/schema";
import { db } from "./db.server";
import { env } from "./env.server";
import { can, type Action, type Actor } from "./permissions";

// Lucia v3 is no longer developed upstream, so it is used only inside this module.
const lucia = new Lucia(new DrizzleSQLiteAdapter(db, sessions, users), {
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

async function loadUser(request: Request): Promise<SessionUser | null> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return null;
  const { session } = await lucia.validateSession(sessionId);
  if (!session) return null;
  return findSessionUser(session.userId);
}

export function findSessionUser(userId: string): SessionUser | null {
  const user = db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      locale: users.locale,
      emailVerifiedAt: users.emailVerifiedAt,
      blockedAt: users.blockedAt,
      blockedUntil: users.blockedUntil,
      deletedAt: users.deletedAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user || user.deletedAt) return null;
  const roles = db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId))
    .all()
    .map((r) => r.role);
  const blocked = Boolean(user.blockedAt) && (!user.blockedUntil || user.blockedUntil.getTime() > Date.now());
  return {
    id: user.id,
    displayName: user.displayName,
    email: user.email,
    locale: user.locale,
    roles,
    emailVerified: Boolean(user.emailVerifiedAt),
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

