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
import zlib from "node:zlib";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

process.env.NODE_ENV ??= "production";

const BUILD_DIR = path.resolve(process.env.BUILD_DIR ?? "build");
const MAX_BODY_BYTES = 1024 * 1024;
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];
const SESSION_COOKIE = "inspraak_session";

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

// The HTTP layer shared with the fast path (app/utils/http.server.ts): one source for security
// headers, the cross-site check, the request log line and the plain bodies of refusals.
const { answerFast, fastRouteFor, isCrossSite, logRequest, newNonce, PLAIN_BODIES, securityHeaders, takesJsonPosts, waitForWriteTurn } = build.entry.module;

app.use((req, res, next) => {
  // The client address for rate limits; never taken from the client unless a proxy is trusted.
  req.headers["x-inspraak-client-ip"] = (runtime.trustProxy ? req.ip : req.socket.remoteAddress) ?? "unknown";
  res.locals.nonce = newNonce();
  res.set(securityHeaders({ nonce: res.locals.nonce, secure: runtime.secureCookies }));
  next();
});

// One log line per request; assets only at debug level.
app.use((req, res, next) => {
  const startedAt = process.hrtime.bigint();
  res.on("finish", () => logRequest(logger, { method: req.method, path: req.path, status: res.statusCode, startedAt }));
  next();
});

app.use(compression());

app.get("/healthz", (_req, res) => {
  const health = runtime.health();
  res.status(health.ok ? 200 : 503).json({ status: health.ok ? "ok" : "unavailable", ...health });
});

// A page cache for anonymous visitors: a route opts in with the X-Inspraak-Microcache header
// (seconds). Keyed by URL and language, so a crowd on one petition costs one render per interval.
// It sits before the static files (a hit costs no file lookup) and after compression, so it keeps
// the page as rendered; a hit is written as it is, gzipped once per entry when the browser takes
// gzip, without hashing or compressing the same bytes again on every request.
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
function sendCached(req, res, hit) {
  const gzip = /\bgzip\b/.test(req.get("accept-encoding") ?? "");
  if (gzip) hit.gzipped ??= zlib.gzipSync(hit.body);
  const body = gzip ? hit.gzipped : hit.body;
  res.writeHead(hit.status, {
    ...hit.headers,
    ...(gzip ? { "content-encoding": "gzip" } : {}),
    "content-length": body.length,
    "x-cache": "HIT",
  });
  res.end(body);
}
app.use((req, res, next) => {
  const key = anonymousCacheKey(req);
  if (!key) return next();
  const hit = pageCache.get(key);
  if (hit && hit.expires > Date.now()) return sendCached(req, res, hit);
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
      pageCache.set(key, { status: 200, headers, body: Buffer.concat(chunks), gzipped: null, expires: Date.now() + seconds * 1000 });
    }
    return end(chunk, ...rest);
  };
  next();
});

app.use("/assets", express.static(path.join(BUILD_DIR, "client/assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(BUILD_DIR, "client"), { maxAge: "1h" }));

// Guards Remix itself answers with a 500.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  if (isCrossSite(req.get("origin"), req.get("host"))) return res.status(403).type("text/plain").send(PLAIN_BODIES.crossSite);
  const length = Number(req.get("content-length") ?? "0");
  if (req.get("transfer-encoding") && !req.get("content-length")) {
    return res.status(411).type("text/plain").send(PLAIN_BODIES[411]);
  }
  if (length > MAX_BODY_BYTES) {
    return res.status(413).type("text/plain").send(PLAIN_BODIES[413]);
  }
  const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (length > 0 && !FORM_TYPES.includes(type) && !(type === "application/json" && takesJsonPosts(req.path))) {
    return res.status(415).type("text/plain").send(PLAIN_BODIES[415]);
  }
  next();
});

// A post waits here, without holding the event loop, while another process holds the write lock
// (app/utils/http.server.ts), so its action's writes do not freeze this worker inside SQLite.
app.use((req, _res, next) => {
  waitForWriteTurn(req.method).then(() => next(), next);
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: "production",
    getLoadContext: (_req, res) => ({ nonce: res.locals.nonce }),
  }),
);

// The fast path: a few hot form posts (a signed-in resident's one-click support of a topic, e.g.
// POST /petitions/:id/sign) are answered here, in front of express and Remix, by the route a
// module registered (registerFastRoute in app/utils/http.server.ts), with the same headers and
// answers as the Remix route at the same URL. Anything it does not take goes the usual way.
const server = http.createServer((req, res) => {
  const found = fastRouteFor(req);
  if (!found) return app(req, res);
  void answerFast(req, res, found, { secure: runtime.secureCookies, logger, passOn: (again) => app(again, res) });
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
