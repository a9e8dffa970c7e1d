// The server entry: express around the Remix build, with the request guards that must run
// before Remix (cross-site posts, non-form bodies, oversized bodies), security headers, a
// short-lived page cache for anonymous visitors, /healthz and graceful shutdown.
//
// With WEB_CONCURRENCY > 1 (default: one per core, at most 4) a primary process migrates and
// seeds the database, forks that many HTTP workers sharing the port and one process that runs
// the job runner (so background work never delays the primary handing out connections);
// SQLite in WAL mode takes writers from several processes.
import cluster from "node:cluster";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import http from "node:http";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

process.env.NODE_ENV ??= "production";

const BUILD_DIR = path.resolve(process.env.BUILD_DIR ?? "build");
const MAX_BODY_BYTES = 1024 * 1024;
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];
const SESSION_COOKIE = "inspraak_session";

/** A path as it may be logged: secrets in the path (a signature's confirmation token) are cut out. */
function loggablePath(path) {
  return path.replace(/^\/petitions\/confirm\/[^/]+/, "/petitions/confirm/[token]");
}

const WORKERS = Math.max(1, Math.min(16, Number(process.env.WEB_CONCURRENCY ?? Math.min(4, os.availableParallelism())) || 1));
// Every worker must sign and read the short-lived message cookie with the same secret.
if (cluster.isPrimary) process.env.SESSION_SECRET ??= crypto.randomBytes(32).toString("hex");

const build = await import(pathToFileURL(path.join(BUILD_DIR, "server/index.js")).href);
// Each page sends the browser the messages its routes declare (app/i18n/pages.server.ts).
build.entry.module.registerRoutes(build.routes);

async function bootOrExit(role) {
  try {
    return await build.entry.module.boot(role);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

if (cluster.isPrimary && WORKERS > 1) {
  await runPrimary();
} else if (process.env.INSPRAAK_ROLE === "jobs") {
  await runJobs();
} else {
  await runHttpServer(cluster.isWorker ? "worker" : "single");
}

/** Migrations and the demo seed, once; then the HTTP workers and the jobs process, restarted if one dies. */
async function runPrimary() {
  const runtime = await bootOrExit("primary");
  const { logger } = runtime;
  let stopping = false;
  const roles = new Map();
  const fork = (role) => roles.set(cluster.fork({ INSPRAAK_ROLE: role }).id, role);
  for (let i = 0; i < WORKERS; i++) fork("worker");
  fork("jobs");
  cluster.on("exit", (worker, code, signal) => {
    const role = roles.get(worker.id) ?? "worker";
    roles.delete(worker.id);
    if (stopping) return;
    logger.error({ pid: worker.process.pid, role, code, signal }, "worker died; starting another");
    fork(role);
  });
  async function shutdown(signal) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const workers = Object.values(cluster.workers ?? {});
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise((resolve) => {
            worker.once("exit", resolve);
            worker.process.kill("SIGTERM");
          }),
      ),
    );
    await runtime.shutdown();
    process.exit(0);
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

/** The job runner alone: no HTTP; a SIGTERM lets the tick in progress finish. */
async function runJobs() {
  const runtime = await bootOrExit("jobs");
  let stopping = false;
  async function shutdown(signal) {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, "jobs process shutting down");
    await runtime.shutdown();
    process.exit(0);
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

async function runHttpServer(role) {
const runtime = await bootOrExit(role);
const { logger } = runtime;

const app = express();
app.disable("x-powered-by");
if (runtime.trustProxy) app.set("trust proxy", true);

function contentSecurityPolicy(nonce) {
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

app.use((req, res, next) => {
  // The client address for rate limits; never taken from the client unless a proxy is trusted.
  req.headers["x-inspraak-client-ip"] = (runtime.trustProxy ? req.ip : req.socket.remoteAddress) ?? "unknown";
  res.locals.nonce = crypto.randomBytes(16).toString("base64");
  res.set({
    "Content-Security-Policy": contentSecurityPolicy(res.locals.nonce),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  });
  if (runtime.secureCookies) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
});

// One log line per request; assets only at debug level.
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const isAsset = req.path.startsWith("/assets/") || req.path === "/favicon.ico";
    const line = { method: req.method, path: loggablePath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 };
    if (isAsset) logger.debug(line, "request");
    else logger.info(line, "request");
  });
  next();
});

app.use(compression());

app.get("/healthz", (_req, res) => {
  const health = runtime.health();
  res.status(health.ok ? 200 : 503).json({ status: health.ok ? "ok" : "unavailable", ...health });
});

app.use("/assets", express.static(path.join(BUILD_DIR, "client/assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(BUILD_DIR, "client"), { maxAge: "1h" }));

const bilingual = (nl, en) => `${nl}\n${en}\n`;

// Guards Remix itself answers with a 500.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.get("origin");
  if (origin) {
    let originHost;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost !== req.get("host")) {
      return res.status(403).type("text/plain").send(bilingual("Verzoek van een andere website geweigerd.", "Cross-site request refused."));
    }
  }
  const length = Number(req.get("content-length") ?? "0");
  if (req.get("transfer-encoding") && !req.get("content-length")) {
    return res.status(411).type("text/plain").send(bilingual("Lengte van het verzoek ontbreekt.", "Length required."));
  }
  if (length > MAX_BODY_BYTES) {
    return res.status(413).type("text/plain").send(bilingual("Het verzoek is te groot.", "Request too large."));
  }
  const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (length > 0 && !FORM_TYPES.includes(type)) {
    return res.status(415).type("text/plain").send(bilingual("Alleen formulieren worden geaccepteerd.", "Only form submissions are accepted."));
  }
  next();
});

// A page cache for anonymous visitors: a route opts in with the X-Inspraak-Microcache header
// (seconds). Keyed by URL and language, so a crowd on one petition costs one render per interval.
const pageCache = new Map();
const PAGE_CACHE_MAX = 500;
function anonymousCacheKey(req) {
  if (req.method !== "GET") return null;
  const cookie = req.get("cookie") ?? "";
  if (cookie.includes(`${SESSION_COOKIE}=`)) return null;
  const others = cookie
    .split(";")
    .map((c) => c.trim())
    .filter((c) => c && !c.startsWith("lang="));
  if (others.length > 0) return null;
  const lang = /(?:^|;\s*)lang=(nl|en)/.exec(cookie)?.[1] ?? "";
  const accept = (req.get("accept-language") ?? "").slice(0, 40);
  return `${req.originalUrl}|${lang}|${lang ? "" : accept}`;
}
app.use((req, res, next) => {
  const key = anonymousCacheKey(req);
  if (!key) return next();
  const hit = pageCache.get(key);
  if (hit && hit.expires > Date.now()) {
    res.set(hit.headers);
    res.set("X-Cache", "HIT");
    return res.status(hit.status).send(hit.body);
  }
  const chunks = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = (chunk, ...rest) => {
    if (chunk) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return write(chunk, ...rest);
  };
  res.end = (chunk, ...rest) => {
    if (chunk && typeof chunk !== "function") chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    const seconds = Number(res.getHeader("x-inspraak-microcache") ?? 0);
    if (seconds > 0 && res.statusCode === 200 && !res.getHeader("set-cookie")) {
      if (pageCache.size >= PAGE_CACHE_MAX) pageCache.delete(pageCache.keys().next().value);
      const headers = {};
      for (const name of ["content-type", "content-security-policy", "cache-control", "vary", "x-inspraak-microcache"]) {
        const value = res.getHeader(name);
        if (value !== undefined) headers[name] = value;
      }
      pageCache.set(key, { status: 200, headers, body: Buffer.concat(chunks), expires: Date.now() + seconds * 1000 });
    }
    return end(chunk, ...rest);
  };
  next();
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: "production",
    getLoadContext: (_req, res) => ({ nonce: res.locals.nonce }),
  }),
);

// The hot path: a signed-in resident's one-click signature (POST /petitions/:id/sign) is answered
// here, in front of express and Remix, straight from the cookie header and the form body, by the
// function the route uses too (answerResidentSignature in petitions.hot-path.server.ts). Only a
// plain form post with a session cookie and no cross-site Origin takes it (the guard in front of
// Remix applies the same Origin rule, and the SameSite=Lax session cookie is not sent with a
// cross-site post at all); anything else goes the usual way, where the route gives the same answer.
const { signaturePathId, answerResidentSignature } = build.entry.module;
const HOT_BODY_MAX = 16 * 1024;
const HOT_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "Cache-Control": "no-store",
};
const HOT_BODIES = { 403: "Forbidden", 404: "Not Found" };

function hotSignatureId(req) {
  if (req.method !== "POST" || req.url.includes("?")) return null;
  const topicId = signaturePathId(req.url);
  if (!topicId) return null;
  const length = Number(req.headers["content-length"] ?? NaN);
  if (!(length >= 0 && length <= HOT_BODY_MAX)) return null;
  if ((req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase() !== "application/x-www-form-urlencoded") return null;
  if (!(req.headers.cookie ?? "").includes(`${SESSION_COOKIE}=`)) return null;
  const origin = req.headers.origin;
  if (origin) {
    try {
      if (new URL(origin).host !== req.headers.host) return null;
    } catch {
      return null;
    }
  }
  return topicId;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function hotSign(req, res, topicId) {
  const started = process.hrtime.bigint();
  const form = new URLSearchParams(await readBody(req));
  const answer = await answerResidentSignature({ topicId, cookie: req.headers.cookie ?? "", form });
  const headers = { ...HOT_HEADERS };
  if (answer.location) headers.Location = answer.location;
  if (answer.setCookie) headers["Set-Cookie"] = answer.setCookie;
  const body = HOT_BODIES[answer.status];
  if (body) headers["Content-Type"] = "text/plain; charset=utf-8";
  res.writeHead(answer.status, headers);
  res.end(body);
  if (logger.isLevelEnabled("info")) {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info({ method: "POST", path: req.url, status: answer.status, ms: Math.round(ms * 10) / 10, hot: true }, "request");
  }
}

const server = http.createServer((req, res) => {
  const topicId = hotSignatureId(req);
  if (!topicId) return app(req, res);
  hotSign(req, res, topicId).catch((error) => {
    logger.error({ err: String(error), path: req.url }, "hot path failed");
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
    res.end("Er ging iets mis. / Something went wrong.\n");
  });
});
server.listen(runtime.port, () => {
  logger.info({ port: runtime.port, pid: process.pid }, `Inspraak listens on http://localhost:${runtime.port}`);
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  server.close();
  server.closeIdleConnections?.();
  setTimeout(() => server.closeAllConnections?.(), 5_000).unref();
  await runtime.shutdown();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
}
