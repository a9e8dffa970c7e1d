// `npm run bench`: measures the hot paths of a petition on this machine, on loopback, in one
// process tree, and prints the figures; the last line is one JSON object for run-to-run comparison.
//   1. signing through the real route vs a bare node:http server doing the same SQLite writes;
//   2. anonymous views of a busy petition (100,000 signatures) while signing goes on, cached vs
//      a plain server render, and how far behind the shown count gets;
//   3. the cost of the petition page with 10 signatures and with 1,000,000;
//   4. the allocation rules of a participatory budget (measured first, on a quiet machine);
//   5. search over 100,000 topics with Dutch compound words (tests/bench/search.ts, in a process
//      and database of its own, also measured before the HTTP load);
//   7. issue #13's transparency figures: My participation for a person with 2,000 items among
//      1,000,000 timeline events and 200,000 people (tests/bench/transparency.ts, its own process);
//   8. the councillors' briefing with 200 topics awaiting the council (tests/bench/briefing.ts, a
//      process, database and server of its own, before the HTTP load);
//   9. supporting an agenda proposal through its real route vs the bare server (tests/bench/proposal-support.ts);
//   6. with BENCH_SCALE=1, issue #14's city-scale fixture (tests/bench/scale.ts, a process and
//      database of its own, run last): "cityScale" in the JSON.
//   9. a draft bylaw of 60 articles and 300 amendments: its page, a comparison of two versions and
//      the consolidation of 20 accepted amendments (tests/bench/bylaw.ts, a database of its own): "bylaw" in the JSON.
//  10. casting a ballot in a participatory budget through its real route vs the bare server (tests/bench/voting.ts): "voting".
import { fork, spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

const TMP = path.resolve("tests/.tmp/bench");
const APP_DB = path.join(TMP, "app.db");
const BARE_DB = path.join(TMP, "bare.db");
const APP_PORT = Number(process.env.BENCH_PORT ?? 3800);
const BARE_PORT = APP_PORT + 1;
const SIGNERS = Number(process.env.BENCH_SIGNERS ?? 8000);
const BUSY = 100_000;
const HUGE = Number(process.env.BENCH_HUGE ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

fs.rmSync(TMP, { recursive: true, force: true });
fs.mkdirSync(TMP, { recursive: true });
process.env.DATABASE_PATH = APP_DB;
process.env.DEMO = "false";
process.env.JOBS = "false";
process.env.LOG_LEVEL = "silent";

const log = (...args: unknown[]) => console.log("[bench]", ...args);

// --- 4. budget allocation (BENCH_ONLY=budget runs only this) ------------------------------------
const { measureBudgetAllocation } = await import("./budget");
const budgetRun = measureBudgetAllocation();
const budget = budgetRun.figures;
log("4. budget allocation", { ...budget, ...budgetRun.detail });
if (process.env.BENCH_ONLY === "budget") {
  console.log(JSON.stringify({ budget }));
  process.exit(0);
}

// --- 5. search (BENCH_ONLY=search runs only this) -------------------------------------------------
function searchBench(): { topics: number; p50Ms: number; p99Ms: number } {
  const child = spawnSync(process.execPath, ["--import", "tsx", "tests/bench/search.ts"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const lines = child.stdout.trim().split("\n");
  for (const line of lines.slice(0, -1)) console.log(line);
  return (JSON.parse(lines.at(-1) ?? "{}") as { search: { topics: number; p50Ms: number; p99Ms: number } }).search;
}
const search = process.env.BENCH_ONLY && process.env.BENCH_ONLY !== "search" ? undefined : searchBench();
if (process.env.BENCH_ONLY === "search") {
  console.log(JSON.stringify({ search }));
  process.exit(0);
}

// --- 9. a draft bylaw of 60 articles and 300 amendments (BENCH_ONLY=bylaw runs only this) --------
function bylawBench(): Record<string, number> {
  const child = spawnSync(process.execPath, ["--import", "tsx", "tests/bench/bylaw.ts"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const lines = child.stdout.trim().split("\n");
  for (const line of lines.slice(0, -1)) console.log(line);
  return (JSON.parse(lines.at(-1) ?? "{}") as { bylaw: Record<string, number> }).bylaw;
}
const bylaw = process.env.BENCH_ONLY && process.env.BENCH_ONLY !== "bylaw" ? undefined : bylawBench();
if (process.env.BENCH_ONLY === "bylaw") {
  console.log(JSON.stringify({ bylaw }));
  process.exit(0);
}

// --- 8. the councillors' briefing (BENCH_ONLY=briefing runs only this) ---------------------------
function briefingBench(): { renderMs: number; items: number; relatedPerTopicMs?: number } {
  const child = spawnSync(process.execPath, ["--import", "tsx", "tests/bench/briefing.ts"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, BENCH_PORT: String(APP_PORT) } });
  const lines = child.stdout.trim().split("\n");
  for (const line of lines.slice(0, -1)) console.log(line);
  return (JSON.parse(lines.at(-1) ?? "{}") as { briefing: { renderMs: number; items: number; relatedPerTopicMs?: number } }).briefing;
}
const briefing = process.env.BENCH_ONLY && process.env.BENCH_ONLY !== "briefing" ? undefined : briefingBench();
if (process.env.BENCH_ONLY === "briefing") {
  console.log(JSON.stringify({ briefing }));
  process.exit(0);
}

// --- 7. transparency (BENCH_ONLY=transparency runs only this): tests/bench/transparency.ts ------
function transparencyBench(): unknown {
  const child = spawnSync(process.execPath, ["--import", "tsx", "tests/bench/transparency.ts"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const lines = child.stdout.trim().split("\n");
  for (const line of lines.slice(0, -1)) console.log(line);
  return (JSON.parse(lines.at(-1) ?? "{}") as { transparency?: unknown }).transparency;
}
const transparency = process.env.BENCH_ONLY && process.env.BENCH_ONLY !== "transparency" ? undefined : transparencyBench();
if (process.env.BENCH_ONLY === "transparency") {
  console.log(JSON.stringify({ transparency }));
  process.exit(0);
}

await import("~/kinds.server");
const { db, sqlite } = await import("~/utils/db.server");
const { createPetition, submitPetition, publishPetition } = await import("~/modules/petitions/petitions.lifecycle.server");
const schema = await import("#db/schema");

// --- data ---------------------------------------------------------------------------------
function seedPeople(count: number, prefix: string): string[] {
  const raw = sqlite();
  const insertUser = raw.prepare(
    "INSERT INTO users (id, email, email_canonical, display_name, locale, email_preference, email_verified_at, postcode, created_at) VALUES (?, ?, ?, ?, 'nl', 'off', ?, ?, ?)",
  );
  const insertRole = raw.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'resident')");
  const insertSession = raw.prepare("INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)");
  const cookies: string[] = [];
  // Fresh sessions, as after a sign-in (Lucia extends one only in the second half of its 30 days).
  const expires = Math.floor(Date.now() / 1000) + 30 * 86_400;
  raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = `${prefix}-${i}`;
      const email = `${id}@bench.example`;
      insertUser.run(id, email, email, `Bewoner ${i}`, Date.now(), `99${String(1 + (i % 25)).padStart(2, "0")}AB`, Date.now());
      insertRole.run(id);
      const sessionId = crypto.randomBytes(20).toString("hex");
      insertSession.run(sessionId, id, expires);
      cookies.push(`inspraak_session=${sessionId}`);
    }
  })();
  return cookies;
}

const neighbourhoodIds = [1, 2, 3, 4, 5];
db.transaction((tx) => {
  [9901, 9906, 9911, 9916, 9921].forEach((from, i) =>
    tx.insert(schema.neighbourhoods).values({ name: `Wijk ${i + 1}`, postcodeFrom: from, postcodeTo: from + 4 }).run(),
  );
  tx.insert(schema.users).values({ id: "bench-author", email: "author@bench.example", emailCanonical: "author@bench.example", displayName: "Indiener", emailVerifiedAt: new Date() }).run();
  tx.insert(schema.userRoles).values({ userId: "bench-author", role: "resident" }).run();
  tx.insert(schema.users).values({ id: "bench-clerk", email: "clerk@bench.example", emailCanonical: "clerk@bench.example", displayName: "Griffier", emailVerifiedAt: new Date() }).run();
  tx.insert(schema.userRoles).values({ userId: "bench-clerk", role: "clerk" }).run();
});
const author = { id: "bench-author", roles: ["resident"], emailVerified: true, blocked: false };
const clerk = { id: "bench-clerk", roles: ["clerk"], emailVerified: true, blocked: false };

function openPetition(title: string): number {
  const created = createPetition(author, {
    title,
    request: "Wij vragen de gemeenteraad om dit voorstel serieus te overwegen en te bespreken.",
    background: "## Achtergrond\n\nDit is een petitie voor de benchmark, met **opmaak** en een [link](https://example.org).",
    neighbourhoodId: undefined,
    deadline: undefined,
  } as never);
  if (!created.ok) throw new Error(`create failed: ${created.reason}`);
  const submitted = submitPetition(author, created.topicId);
  if (!submitted.ok) throw new Error(`submit failed: ${submitted.reason}`);
  const published = publishPetition(clerk, created.topicId);
  if (!published.ok) throw new Error(`publish failed: ${published.reason}`);
  return created.topicId;
}

/** Confirmed signatures straight into the tables, with counters that add up, spread over 60 days. */
function bulkSign(topicId: number, count: number) {
  const raw = sqlite();
  const insert = raw.prepare(
    `INSERT INTO signatures (topic_id, name, email, email_canonical, postcode, neighbourhood_id, show_name, status, locale, created_at, confirmed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'confirmed', 'nl', ?, ?)`,
  );
  const perDay = new Map<string, number>();
  const perHood = new Map<number, number>();
  const start = Date.now() - 60 * 86_400_000;
  raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = start + Math.floor((i / count) * 59 * 86_400_000);
      const hood = neighbourhoodIds[i % neighbourhoodIds.length]!;
      const email = `s${topicId}-${i}@bench.example`;
      insert.run(topicId, `Ondertekenaar ${i}`, email, email, "9903AB", hood, i % 10 === 0 ? 1 : 0, at, at);
      const day = new Date(at).toISOString().slice(0, 10);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
      perHood.set(hood, (perHood.get(hood) ?? 0) + 1);
    }
    const day = raw.prepare("INSERT INTO support_daily_counts (topic_id, day, count) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count");
    for (const [d, n] of perDay) day.run(topicId, d, n);
    const hood = raw.prepare("INSERT INTO support_neighbourhood_counts (topic_id, neighbourhood_id, count) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count");
    for (const [h, n] of perHood) hood.run(topicId, h, n);
    raw.prepare("UPDATE topics SET support_count = support_count + ? WHERE id = ?").run(count, topicId);
  })();
}

let started = Date.now();
const signingPetition = openPetition("Meer bankjes in het park voor ouderen");
const busyPetition = openPetition("Een veilige fietsroute langs de school");
const smallPetition = openPetition("Een bloemenweide op het plein");
const hugePetition = openPetition("Gratis openbaar vervoer voor iedereen");
const signerCookies = seedPeople(SIGNERS, "signer");
const busySignerCookies = seedPeople(SIGNERS, "busy");
bulkSign(smallPetition, 10);
bulkSign(busyPetition, BUSY);
bulkSign(hugePetition, HUGE);
sqlite().pragma("wal_checkpoint(TRUNCATE)");
log(`seeded ${SIGNERS * 2} residents and ${BUSY + HUGE + 10} signatures in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// The bare server gets a copy of the same schema and the same petition row.
fs.copyFileSync(APP_DB, BARE_DB);

// --- processes ----------------------------------------------------------------------------
const children: ChildProcess[] = [];
function stopAll() {
  for (const child of children) child.kill("SIGTERM");
}
process.on("exit", stopAll);

async function waitForHttp(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

// BENCH_PROFILE=<dir> writes a CPU profile of the app server (run with WEB_CONCURRENCY=1).
const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
const app = spawn(process.execPath, [...profile, "server.js"], {
  env: { ...process.env, PORT: String(APP_PORT), DATABASE_PATH: APP_DB, DEMO: "false", JOBS: "false", LOG_LEVEL: "warn", NODE_ENV: "production" },
  stdio: ["ignore", "inherit", "inherit"],
});
children.push(app);
const bare = fork(path.resolve("tests/bench/bare-server.mjs"), [BARE_DB, String(BARE_PORT), String(signingPetition)], { stdio: "inherit" });
children.push(bare);
await waitForHttp(`http://127.0.0.1:${APP_PORT}/healthz`);
await new Promise<void>((resolve) => bare.once("message", () => resolve()));

type Result = autocannon.Result & { seconds: number };
/** One autocannon run, timed here: its own `duration` is rounded to whole seconds. */
function run(options: autocannon.Options): Promise<Result> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) =>
      error ? reject(error) : resolve(Object.assign(result, { seconds: (performance.now() - started) / 1000 })),
    );
  });
}
/** Requests per second over the whole run (autocannon's per-second average misreads short runs). */
const perSec = (result: Result) => result.requests.total / Math.max(0.001, result.seconds);
const statusCount = (result: Result, code: number) =>
  (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats?.[String(code)]?.count ?? 0;

/**
 * The bare node:http server doing a signature's writes for `amount` distinct addresses at 50
 * connections: the ceiling each hot path's figure is a ratio of, measured in the same run.
 */
function runBare(amount: number, prefix: string): Promise<Result> {
  let next = 0;
  return run({
    url: `http://127.0.0.1:${BARE_PORT}`,
    connections: 50,
    amount,
    requests: [
      {
        method: "POST",
        path: "/sign",
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, "content-type": "application/x-www-form-urlencoded" }, body: `email=${prefix}${next++}@bench.example` }),
      },
    ],
  });
}

function signingRequests(base: string, topicId: number, cookies: string[]) {
  let next = 0;
  return {
    url: base,
    requests: [
      {
        method: "POST" as const,
        path: `/petitions/${topicId}/sign`,
        setupRequest: (req: autocannon.Request) => {
          const cookie = cookies[next++ % cookies.length]!;
          return { ...req, headers: { ...req.headers, cookie, "content-type": "application/x-www-form-urlencoded" }, body: "intent=sign" };
        },
      },
    ],
  };
}

// --- 7. supporting an agenda proposal (tests/bench/proposal-support.ts; BENCH_ONLY=support runs only this) ---
const { supportBench } = await import("./proposal-support");
const measureSupport = () => supportBench({ appPort: APP_PORT, runBare, run, seedPeople, count: SIGNERS - 200, log });
if (process.env.BENCH_ONLY === "support") {
  console.log(JSON.stringify({ support: await measureSupport() }));
  stopAll();
  await new Promise((r) => setTimeout(r, 1500));
  process.exit(0);
}

// --- 10. casting a ballot (tests/bench/voting.ts; BENCH_ONLY=voting runs only this) -------------
const { votingBench } = await import("./voting");
const measureVoting = () => votingBench({ appPort: APP_PORT, runBare, run, seedPeople, count: Number(process.env.BENCH_VOTERS ?? 5000), log });
if (process.env.BENCH_ONLY === "voting") {
  console.log(JSON.stringify({ voting: await measureVoting() }));
  stopAll();
  await new Promise((r) => setTimeout(r, 1500));
  process.exit(0);
}

// --- 1. signing -----------------------------------------------------------------------------
log("1. signing: warming up");
await run({ ...signingRequests(`http://127.0.0.1:${APP_PORT}`, busyPetition, signerCookies.slice(0, 200)), connections: 10, amount: 200 });
// Group commit must not slow down a signature that arrives alone: one at a time, 100 residents.
const lone = await run({ ...signingRequests(`http://127.0.0.1:${APP_PORT}`, busyPetition, signerCookies.slice(200, 300)), connections: 1, amount: 100 });
log("1. signing one at a time", { p50Ms: lone.latency.p50, p99Ms: lone.latency.p99, succeeded: statusCount(lone, 302) });
const SIGN_AMOUNT = SIGNERS - 200;
log(`1. signing: ${SIGN_AMOUNT} distinct residents through the real route, 50 connections`);
const appSign = await run({ ...signingRequests(`http://127.0.0.1:${APP_PORT}`, signingPetition, signerCookies.slice(200)), connections: 50, amount: SIGN_AMOUNT });
const bareSign = await runBare(SIGN_AMOUNT * 5, "bare");
const succeeded = statusCount(appSign, 302);
const stored = (sqlite().prepare("SELECT count(*) AS n FROM signatures WHERE topic_id = ? AND status = 'confirmed'").get(signingPetition) as { n: number }).n;
const counter = (sqlite().prepare("SELECT support_count AS n FROM topics WHERE id = ?").get(signingPetition) as { n: number }).n;
const signing = {
  appPerSec: Math.round(perSec(appSign)),
  barePerSec: Math.round(perSec(bareSign)),
  ratio: round(perSec(appSign) / perSec(bareSign)),
  p99Ms: appSign.latency.p99,
  stored,
  succeeded,
};
log("1. signing", { ...signing, counter, errors: appSign.errors, non2xx3xx: appSign.non2xx - succeeded });
// BENCH_ONLY=signing stops here (for profiling the signing path alone).
if (process.env.BENCH_ONLY === "signing") {
  stopAll();
  await new Promise((r) => setTimeout(r, 1500));
  process.exit(0);
}

// --- 2. a busy petition ---------------------------------------------------------------------
log(`2. busy page: ${BUSY} signatures, anonymous views while residents sign`);
const pageUrl = `http://127.0.0.1:${APP_PORT}/petitions/${busyPetition}`;
function background() {
  return run({ ...signingRequests(`http://127.0.0.1:${APP_PORT}`, busyPetition, busySignerCookies), connections: 4, duration: SECONDS, overallRate: 100 });
}
// The truth, sampled from the database, and what an anonymous visitor is shown.
const truth: Array<{ at: number; count: number }> = [];
let maxStaleMs = 0;
let sampling = true;
const readTruth = sqlite().prepare("SELECT support_count AS n FROM topics WHERE id = ?");
async function sampleStaleness() {
  while (sampling) {
    truth.push({ at: Date.now(), count: (readTruth.get(busyPetition) as { n: number }).n });
    const res = await fetch(`${pageUrl}/count`);
    const shown = ((await res.json()) as { count: number }).count;
    const now = Date.now();
    const firstAhead = truth.find((t) => t.count > shown);
    if (firstAhead) maxStaleMs = Math.max(maxStaleMs, now - firstAhead.at);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const stalenessDone = sampleStaleness();
const [cached] = await Promise.all([run({ url: pageUrl, connections: 50, duration: SECONDS, headers: { "accept-language": "nl" } }), background()]);
sampling = false;
await stalenessDone;
// A plain server render of the same page: any cookie but the language one bypasses the cache.
const [rendered] = await Promise.all([
  run({ url: pageUrl, connections: 50, duration: SECONDS, headers: { "accept-language": "nl", cookie: "bench=render" } }),
  background(),
]);
const busyPage = {
  cachedPerSec: Math.round(perSec(cached)),
  renderPerSec: Math.round(perSec(rendered)),
  ratio: round(perSec(cached) / perSec(rendered)),
  maxStaleSec: round(maxStaleMs / 1000),
};
log("2. busy page", { ...busyPage, cachedP99Ms: cached.latency.p99, renderP99Ms: rendered.latency.p99, cachedErrors: cached.non2xx, renderErrors: rendered.non2xx });

// --- 3. scale ------------------------------------------------------------------------------
log(`3. scale: the page with 10 and with ${HUGE} signatures, plain renders`);
const renderRate = async (topicId: number) =>
  run({ url: `http://127.0.0.1:${APP_PORT}/petitions/${topicId}`, connections: 20, duration: SECONDS, headers: { "accept-language": "nl", cookie: "bench=render" } });
await renderRate(smallPetition); // warm-up of the render path
const small = await renderRate(smallPetition);
const huge = await renderRate(hugePetition);
const scale = { ratio: round(perSec(small) / perSec(huge)) };
log("3. scale", { smallPerSec: Math.round(perSec(small)), hugePerSec: Math.round(perSec(huge)), ...scale });

const support = await measureSupport();
const voting = await measureVoting();
stopAll();

// --- 6. city scale (BENCH_SCALE=1; `npm run bench:scale` runs only this) ------------------------
function cityScaleBench(): unknown {
  const child = spawnSync(process.execPath, ["--import", "tsx", "tests/bench/scale.ts"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: process.env });
  const lines = child.stdout.trim().split("\n");
  return (JSON.parse(lines.at(-1) ?? "{}") as { cityScale?: unknown }).cityScale;
}
const cityScale = process.env.BENCH_SCALE === "1" ? cityScaleBench() : undefined;
console.log(JSON.stringify({ signing, busyPage, scale, budget, search, transparency, briefing, bylaw, support, voting, ...(cityScale ? { cityScale } : {}) }));
process.exit(0);

function round(n: number) {
  return Math.round(n * 100) / 100;
}
