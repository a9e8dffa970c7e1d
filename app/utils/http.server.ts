// The HTTP layer in front of Remix, in one place for both ways a request is answered: the fast
// path (server.js answers a few hot form posts itself, see registerFastRoute) and express around
// Remix (pages, resource routes, static files, errors). Security headers, the cross-site check,
// the plain bodies of refusals and the request log line are made here once, so the two paths
// cannot drift apart again (the fast path once lacked HSTS, Permissions-Policy and COOP).
import crypto from "node:crypto";
import { IncomingMessage, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { untilWritable } from "./db.server";

/** The Content-Security-Policy of every response: scripts only from here and with this response's nonce. */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** A fresh nonce for one response's inline scripts. */
export function newNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

/**
 * The security headers every response carries, whichever path answers it. HSTS only when the
 * site is served over https (BASE_URL): on plain http it would be ignored, and on localhost it
 * would pin a developer's browser to https.
 */
export function securityHeaders(options: { nonce: string; secure: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options.nonce),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.secure ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

const bilingual = (nl: string, en: string) => `${nl}\n${en}\n`;

/** The plain-text bodies of the answers given before Remix (or without it), in both languages. */
export const PLAIN_BODIES = {
  403: bilingual("Dit mag niet.", "Forbidden."),
  404: bilingual("Niet gevonden.", "Not found."),
  crossSite: bilingual("Verzoek van een andere website geweigerd.", "Cross-site request refused."),
  411: bilingual("Lengte van het verzoek ontbreekt.", "Length required."),
  413: bilingual("Het verzoek is te groot.", "Request too large."),
  415: bilingual("Alleen formulieren worden geaccepteerd.", "Only form submissions are accepted."),
  500: bilingual("Er ging iets mis.", "Something went wrong."),
} as const;

/**
 * Whether a request comes from another site: an Origin header whose host is not this request's
 * Host (a missing Origin is a same-site form post from an older browser or a script without one).
 */
export function isCrossSite(origin: string | undefined | null, host: string | undefined | null): boolean {
  if (!origin) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * A path as it may be logged: secrets in the path (the tokens of emailed links: a confirmation,
 * a guest's signature page, an unsubscribe) are cut out. Any segment as long as a token is one;
 * ids and slugs are far shorter.
 */
export function loggablePath(path: string): string {
  return path.replace(/\/[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g, "/[token]");
}

/** The one log line of a request: assets at debug level, everything else at info. */
export function logRequest(logger: Logger, line: { method: string; path: string; status: number; startedAt: bigint; fast?: boolean }): void {
  const isAsset = line.path.startsWith("/assets/") || line.path === "/favicon.ico";
  const level = isAsset ? "debug" : "info";
  if (!logger.isLevelEnabled(level)) return;
  const ms = Number(process.hrtime.bigint() - line.startedAt) / 1e6;
  logger[level](
    { method: line.method, path: loggablePath(line.path), status: line.status, ms: Math.round(ms * 10) / 10, ...(line.fast ? { fast: true } : {}) },
    "request",
  );
}

const jsonPostPaths = new Set<string>();

/**
 * A path whose posts are JSON from another system (a webhook receiver), which server.js lets
 * through instead of refusing every body that is not a form (415). Registered by the composition root.
 */
export function acceptJsonPosts(path: string): void {
  jsonPostPaths.add(path);
}

export function takesJsonPosts(path: string): boolean {
  return jsonPostPaths.has(path);
}

/** What a fast route answers: a status, and for a redirect where to and the message cookie. */
export interface FastAnswer {
  status: number;
  location?: string;
  setCookie?: string;
}

/**
 * A form post server.js answers itself, in front of express and Remix, straight from the cookie
 * header and the urlencoded body (no Fetch Request or Response is built). The module that
 * registers it must also have a Remix route at the same URL that gives the same answers, because
 * anything the fast path does not take (cross-site, not a form, no session cookie) goes there.
 */
export interface FastRoute {
  /** The id in the path when the pathname is this route's, else null (no body, no database). */
  match(pathname: string): number | null;
  /**
   * The answer; or null to leave this request to the usual way after all, which then gets the
   * body as it was read (a refusal whose answer is a rendered page: only Remix renders pages).
   * Null must mean nothing was written, since the Remix route runs the request again.
   */
  answer(input: { id: number; cookie: string; form: URLSearchParams }): Promise<FastAnswer | null>;
}

const fastRoutes: FastRoute[] = [];

/** Called by the composition root when a module offers a fast route; a repeat is ignored. */
export function registerFastRoute(route: FastRoute): void {
  if (!fastRoutes.includes(route)) fastRoutes.push(route);
}

const FAST_BODY_MAX = 16 * 1024;
const SESSION_COOKIE = "inspraak_session";

/**
 * The fast route and id for a request, or null when it should go the usual way: only a plain,
 * small, same-site urlencoded POST with a session cookie is taken (the SameSite=Lax session
 * cookie is not sent with a cross-site post at all, and the guard in front of Remix refuses one).
 */
export function fastRouteFor(req: IncomingMessage): { route: FastRoute; id: number } | null {
  if (req.method !== "POST" || fastRoutes.length === 0 || !req.url || req.url.includes("?")) return null;
  let found: { route: FastRoute; id: number } | null = null;
  for (const route of fastRoutes) {
    const id = route.match(req.url);
    if (id !== null) {
      found = { route, id };
      break;
    }
  }
  if (!found) return null;
  // No Content-Length and no Transfer-Encoding is a post without a body (RFC 9112, 6.3), as a
  // form with only a button may be sent; a chunked body of unknown length goes the usual way.
  const length = Number(req.headers["content-length"] ?? (req.headers["transfer-encoding"] ? NaN : 0));
  if (!(length >= 0 && length <= FAST_BODY_MAX)) return null;
  if ((req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase() !== "application/x-www-form-urlencoded") return null;
  if (!(req.headers.cookie ?? "").includes(`${SESSION_COOKIE}=`)) return null;
  if (isCrossSite(req.headers.origin, req.headers.host)) return null;
  return found;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * The request again, for the usual way, once the fast path has read its body: the same method,
 * URL, headers and connection, and a body that gives what was read.
 */
export function replayRequest(req: IncomingMessage, body: string): IncomingMessage {
  const again = new IncomingMessage(req.socket);
  // Its body is given here: reading must not ask the connection for more.
  again._read = () => {};
  Object.assign(again, {
    method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders,
    httpVersion: req.httpVersion, httpVersionMajor: req.httpVersionMajor, httpVersionMinor: req.httpVersionMinor, complete: true,
  });
  if (body) again.push(body);
  again.push(null);
  return again;
}

/**
 * Answers a request fastRouteFor took, with the same headers and bodies express gives; when the
 * route leaves it after all, `passOn` gets it with the body read (server.js: to express).
 */
export async function answerFast(
  req: IncomingMessage,
  res: ServerResponse,
  found: { route: FastRoute; id: number },
  options: { secure: boolean; logger: Logger; passOn?: (req: IncomingMessage) => void },
): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const headers: Record<string, string> = { ...securityHeaders({ nonce: newNonce(), secure: options.secure }), "Cache-Control": "no-store" };
  let status: number;
  let body: string | undefined;
  try {
    const text = await readBody(req);
    const answer = await found.route.answer({ id: found.id, cookie: req.headers.cookie ?? "", form: new URLSearchParams(text) });
    if (answer === null) {
      if (!options.passOn) throw new Error("a fast route left a request to the usual way, and there is none");
      options.passOn(replayRequest(req, text));
      return;
    }
    status = answer.status;
    if (answer.location) headers.Location = answer.location;
    if (answer.setCookie) headers["Set-Cookie"] = answer.setCookie;
    body = status === 403 || status === 404 ? PLAIN_BODIES[status] : undefined;
  } catch (error) {
    options.logger.error({ err: String(error), path: req.url }, "fast path failed");
    status = 500;
    body = PLAIN_BODIES[500];
  }
  if (body) headers["Content-Type"] = "text/plain; charset=utf-8";
  if (!res.headersSent) res.writeHead(status, headers);
  res.end(body);
  logRequest(options.logger, { method: "POST", path: req.url ?? "", status, startedAt, fast: true });
}

/**
 * Before a request that may write reaches its action (server.js, in front of Remix): waits for the
 * write lock without holding the event loop, so while another process (the jobs process, another
 * worker) holds it, this worker keeps answering other requests and the action does not freeze the
 * worker in SQLite's own busy wait, nor fail after busy_timeout with "database is locked". Every
 * action, of every kind, passes here: no writer has to remember it. GET and HEAD go straight on
 * (their one write, extending a session, waits in auth.server.ts's session store).
 */
export async function waitForWriteTurn(method: string): Promise<void> {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return;
  await untilWritable();
}
