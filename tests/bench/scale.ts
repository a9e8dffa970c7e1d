// `npm run bench:scale` (or `BENCH_SCALE=1 npm run bench`): issue #14's city-scale fixture.
// Grows a database of three years of a big city from the demo seed, in bulk INSERT ... SELECT
// statements over recursive counters (one transaction per table), then measures on it, with the
// production server (two HTTP workers and, in the second part, the jobs process):
//   1. the p95 of the list and personal pages the issue names (quiet machine, jobs off);
//   2. one-click signatures every 100 ms and a new connection every 250 ms while the daily digest
//      (50,000 recipients), the anonymisation of a 1,000,000-signature petition past six months
//      and the deletion of the busiest account run (p99, errors, the longest connection wait,
//      how long the deletion took to answer).
// BENCH_SCALE_FACTOR (default 1) scales every size, e.g. 0.1 for a quicker run. The last line is
// {"cityScale":{...}}.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";

const FACTOR = Number(process.env.BENCH_SCALE_FACTOR ?? 1);
const PORT = Number(process.env.BENCH_PORT ?? 3800) + 2;
const TMP = path.resolve("tests/.tmp/scale");
const DB_FILE = path.join(TMP, "city.db");
const PASSWORD = "voorbeeldstad";
const n = (size: number) => Math.max(1, Math.round(size * FACTOR));

const SIZES = {
  residents: n(200_000),
  topics: n(100_000),
  signatures: n(3_000_000),
  hugePetition: n(1_000_000),
  comments: n(1_000_000),
  bigDiscussion: n(50_000),
  openFlags: n(20_000),
  notifications: n(500_000),
  busyInbox: n(20_000),
  timelineEvents: n(1_000_000),
  auditRows: n(100_000),
  busyComments: n(10_000),
  busySignatures: n(5_000),
  digestRecipients: n(50_000),
};

const log = (...args: unknown[]) => console.error("[bench:scale]", ...args);

fs.rmSync(TMP, { recursive: true, force: true });
fs.mkdirSync(TMP, { recursive: true });
process.env.DATABASE_PATH = DB_FILE;
process.env.DEMO = "true";
process.env.JOBS = "false";
process.env.LOG_LEVEL = "silent";

// --- the fixture ---------------------------------------------------------------------------------
const grownAt = performance.now();
await import("~/kinds.server");
const { seedDemo } = await import("#db/seed");
const { hashPassword } = await import("~/utils/auth.server");
const { sqlite, closeDatabase } = await import("~/utils/db.server");
await seedDemo();
const raw = sqlite();
const passwordHash = await hashPassword(PASSWORD);
const now = Date.now();
const DAY = 86_400_000;
const THREE_YEARS = 3 * 365 * DAY;

/** One table grown in one transaction; logs how long it took. */
function grow(what: string, statements: Array<[string, ...unknown[]]>) {
  const started = performance.now();
  raw.transaction(() => {
    for (const [text, ...params] of statements) raw.prepare(text).run(...params);
  })();
  log(`${what}: ${Math.round(performance.now() - started)} ms`);
}
/** A recursive counter 1..count, for INSERT ... SELECT. */
const counter = (count: number) => `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${count})`;
const hoods = (raw.prepare("SELECT id FROM neighbourhoods ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id);
const hoodOf = (expr: string) => `(CASE (${expr}) % ${hoods.length} ${hoods.map((id, i) => `WHEN ${i} THEN ${id}`).join(" ")} END)`;
const WORDS = ["park", "fietspad", "speeltuin", "straatverlichting", "bomen", "parkeren", "bibliotheek", "zwembad", "markt", "geluidsoverlast", "stadspark", "buurthuis"];
const word = (expr: string) => `(CASE (${expr}) % ${WORDS.length} ${WORDS.map((w, i) => `WHEN ${i} THEN '${w}'`).join(" ")} END)`;

grow(`residents (${SIZES.residents})`, [
  [
    `${counter(SIZES.residents)}
     INSERT INTO users (id, email, email_canonical, display_name, password_hash, locale, email_preference, email_verified_at, postcode, created_at)
     SELECT 'r' || i, 'r' || i || '@stad.example', 'r' || i || '@stad.example', 'Bewoner ' || i, NULL, 'nl',
            CASE WHEN i <= ${SIZES.digestRecipients} THEN 'digest' ELSE 'off' END, ?, '99' || printf('%02d', 1 + i % 25) || 'AB', ? - (i * 7919) % ${THREE_YEARS}
     FROM c`,
    now - THREE_YEARS,
    now,
  ],
  [`INSERT INTO user_roles (user_id, role) SELECT id, 'resident' FROM users WHERE id GLOB 'r[0-9]*'`],
  // The busiest resident: signs in with the demo password.
  [`UPDATE users SET password_hash = ?, display_name = 'Drukke Bewoner', email_preference = 'digest' WHERE id = 'r1'`, passwordHash],
]);

const firstTopic = (raw.prepare("SELECT coalesce(max(id), 0) + 1 AS id FROM topics").get() as { id: number }).id;
const petitionsCount = Math.round(SIZES.topics * 0.8);
grow(`topics (${SIZES.topics}: petitions and discussions, through the search triggers)`, [
  [
    `${counter(SIZES.topics)}
     INSERT INTO topics (id, kind, title, summary, body, body_html, author_id, neighbourhood_id, status, is_public, hidden, submitted_at, published_at, closes_at, closed_at, created_at, updated_at)
     SELECT ${firstTopic - 1} + i,
            CASE WHEN i <= ${petitionsCount} THEN 'petition' ELSE 'discussion' END,
            'Meer ' || ${word("i")} || ' in wijk ' || (i % 40) || ' (' || i || ')',
            'Over ' || ${word("i / 7")} || ' en ' || ${word("i / 3")},
            'Wij vragen aandacht voor ' || ${word("i")} || ' en de ' || ${word("i / 11")} || ' in de buurt.',
            '<p>Wij vragen aandacht voor de buurt.</p>',
            'r' || (1 + (i * 31) % ${SIZES.residents}),
            ${hoodOf("i")},
            CASE WHEN i <= ${petitionsCount} THEN (CASE WHEN i % 10 = 0 THEN 'open' ELSE 'closed' END) ELSE (CASE WHEN i % 4 = 0 THEN 'closed' ELSE 'open' END) END,
            1, 0,
            ? - i * ${Math.floor(THREE_YEARS / SIZES.topics)} - ${DAY}, ? - i * ${Math.floor(THREE_YEARS / SIZES.topics)},
            ? - i * ${Math.floor(THREE_YEARS / SIZES.topics)} + ${90 * DAY},
            CASE WHEN (i <= ${petitionsCount} AND i % 10 <> 0) OR (i > ${petitionsCount} AND i % 4 = 0) THEN ? - i * ${Math.floor(THREE_YEARS / SIZES.topics)} + ${60 * DAY} END,
            ? - i * ${Math.floor(THREE_YEARS / SIZES.topics)} - ${2 * DAY}, ?
     FROM c`,
    now, now, now, now, now, now,
  ],
  [
    `INSERT INTO petitions (topic_id, request, response_threshold, debate_threshold)
     SELECT id, 'Wij vragen de gemeenteraad om ' || title || '.', 1000, 10000 FROM topics WHERE id >= ? AND kind = 'petition'`,
    firstTopic,
  ],
]);
const hugePetition = firstTopic + 9; // open in the data above; closed seven months ago below
const signPetition = firstTopic + 19; // open: the one-click signatures of part 2
const firstDiscussion = firstTopic + petitionsCount;
const bigDiscussion = firstDiscussion + 1;
const openPetitions = (raw.prepare("SELECT id FROM topics WHERE id >= ? AND kind = 'petition' AND status = 'open' AND id NOT IN (?, ?) ORDER BY id").all(firstTopic, hugePetition, signPetition) as Array<{ id: number }>).map((r) => r.id);

const rest = SIZES.signatures - SIZES.hugePetition - SIZES.busySignatures;
const closedPetitions = petitionsCount - openPetitions.length;
grow(`signatures (${SIZES.signatures}: ${SIZES.hugePetition} on one petition, ${SIZES.busySignatures} by the busiest resident)`, [
  [
    `${counter(SIZES.hugePetition)}
     INSERT INTO signatures (topic_id, user_id, name, email, email_canonical, postcode, neighbourhood_id, show_name, status, locale, created_at, confirmed_at)
     SELECT ?, CASE WHEN i <= ${SIZES.residents} AND i > 1 THEN 'r' || i END, 'Ondertekenaar ' || i, 's' || i || '@stad.example', 's' || i || '@stad.example', '9903AB',
            ${hoodOf("i")}, i % 10 = 0, 'confirmed', 'nl', ? - (i % 60) * ${DAY}, ? - (i % 60) * ${DAY}
     FROM c`,
    hugePetition, now, now,
  ],
  [
    `${counter(rest)}
     INSERT INTO signatures (topic_id, user_id, name, email, email_canonical, postcode, neighbourhood_id, show_name, status, locale, created_at, confirmed_at)
     SELECT ${firstTopic} + (i % ${petitionsCount}), NULL, 'Ondertekenaar ' || i, 'g' || i || '@stad.example', 'g' || i || '@stad.example', '9903AB',
            ${hoodOf("i")}, i % 10 = 0, 'confirmed', 'nl', ?, ?
     FROM c`,
    now - 400 * DAY, now - 400 * DAY,
  ],
  [
    `${counter(SIZES.busySignatures)}
     INSERT OR IGNORE INTO signatures (topic_id, user_id, name, email, email_canonical, postcode, neighbourhood_id, show_name, status, locale, created_at, confirmed_at)
     SELECT ${firstTopic} + ((i * 13) % ${petitionsCount}), 'r1', 'Drukke Bewoner', 'r1@stad.example', 'r1@stad.example', '9903AB', ${hoods[0]}, 1, 'confirmed', 'nl', ?, ?
     FROM c`,
    now - 100 * DAY, now - 100 * DAY,
  ],
  [`UPDATE topics SET support_count = (SELECT count(*) FROM signatures s WHERE s.topic_id = topics.id AND s.status = 'confirmed') WHERE id >= ? AND kind = 'petition'`, firstTopic],
  [
    `INSERT INTO support_daily_counts (topic_id, day, count)
     SELECT topic_id, date(confirmed_at / 1000, 'unixepoch'), count(*) FROM signatures WHERE topic_id >= ? GROUP BY 1, 2
     ON CONFLICT DO UPDATE SET count = excluded.count`,
    firstTopic,
  ],
  [
    `INSERT INTO support_neighbourhood_counts (topic_id, neighbourhood_id, count)
     SELECT topic_id, neighbourhood_id, count(*) FROM signatures WHERE topic_id >= ? AND neighbourhood_id IS NOT NULL GROUP BY 1, 2
     ON CONFLICT DO UPDATE SET count = excluded.count`,
    firstTopic,
  ],
  // Past six months since its close: the hourly anonymisation has a million rows to do.
  [`UPDATE topics SET status = 'closed', closed_at = ? WHERE id = ?`, now - 210 * DAY, hugePetition],
]);
log(`(${closedPetitions} closed petitions, ${openPetitions.length} open)`);

const discussions = SIZES.topics - petitionsCount;
const otherComments = SIZES.comments - SIZES.bigDiscussion - SIZES.busyComments;
const firstComment = (raw.prepare("SELECT coalesce(max(id), 0) + 1 AS id FROM comments").get() as { id: number }).id;
grow(`comments (${SIZES.comments}: ${SIZES.bigDiscussion} on one discussion, ${SIZES.busyComments} by the busiest resident)`, [
  // The big discussion: every 50th comment starts a thread, the others reply to it.
  [
    `${counter(SIZES.bigDiscussion)}
     INSERT INTO comments (id, topic_id, parent_id, root_id, depth, author_id, body, body_html, created_at, reply_count)
     SELECT ${firstComment - 1} + i, ?,
            CASE WHEN (i - 1) % 50 = 0 THEN NULL ELSE ${firstComment - 1} + i - (i - 1) % 50 END,
            CASE WHEN (i - 1) % 50 = 0 THEN NULL ELSE ${firstComment - 1} + i - (i - 1) % 50 END,
            CASE WHEN (i - 1) % 50 = 0 THEN 0 ELSE 1 END,
            'r' || (2 + (i * 17) % (${SIZES.residents} - 1)), 'Reactie ' || i || ' over ' || ${word("i")}, '<p>Reactie over de buurt.</p>', ? - (${SIZES.bigDiscussion} - i) * 60000,
            CASE WHEN (i - 1) % 50 = 0 THEN 49 ELSE 0 END
     FROM c`,
    bigDiscussion, now,
  ],
  [
    `${counter(otherComments)}
     INSERT INTO comments (topic_id, root_id, depth, author_id, body, body_html, created_at)
     SELECT ${firstDiscussion} + (i % ${discussions}), NULL, 0, 'r' || (2 + (i * 7) % (${SIZES.residents} - 1)),
            'Een mening over ' || ${word("i")}, '<p>Een mening.</p>', ? - (i * 97) % ${THREE_YEARS}
     FROM c`,
    now,
  ],
  [
    `${counter(SIZES.busyComments)}
     INSERT INTO comments (topic_id, root_id, depth, author_id, body, body_html, created_at)
     SELECT ${firstDiscussion} + (i % ${discussions}), NULL, 0, 'r1', 'Nog een reactie van mij (' || i || ')', '<p>Nog een reactie van mij.</p>', ? - i * 3600000
     FROM c`,
    now,
  ],
  [`UPDATE topics SET comment_count = (SELECT count(*) FROM comments c WHERE c.topic_id = topics.id) WHERE kind = 'discussion' AND id >= ?`, firstTopic],
]);

grow(`flags (${SIZES.openFlags} open), hidden comments, upvotes and follows of the busiest`, [
  [
    `${counter(SIZES.openFlags)}
     INSERT OR IGNORE INTO flags (target_type, target_id, topic_id, flagger_id, reason, created_at)
     SELECT 'comment', ${firstComment} + (i * 37) % ${SIZES.comments}, (SELECT topic_id FROM comments WHERE id = ${firstComment} + (i * 37) % ${SIZES.comments}),
            'r' || (2 + i % 1000), 'spam', ? - i * 60000
     FROM c`,
    now,
  ],
  [`UPDATE comments SET hidden_by = 'moderation', hidden_at = created_at WHERE id >= ? AND id % 500 = 0`, firstComment],
  [`INSERT OR IGNORE INTO follows (user_id, topic_id, created_at) SELECT 'r1', id, ? FROM topics WHERE id >= ? AND id % 97 = 0`, now, firstTopic],
]);

grow(`notifications (${SIZES.notifications}: ${SIZES.busyInbox} to the busiest; digest pending for ${SIZES.digestRecipients} people)`, [
  [
    `${counter(SIZES.busyInbox)}
     INSERT INTO notifications (user_id, topic_id, type, data, actor_id, concerns, read_at, digest_pending, created_at)
     SELECT 'r1', ${firstTopic} + i % ${SIZES.topics}, 'comment.notice.new', '{"title":"Een onderwerp"}', 'r' || (2 + i % 1000), 'comment:' || (${firstComment} + i), CASE WHEN i > 200 THEN ? END, 0, ? - i * 60000
     FROM c`,
    now, now,
  ],
  [
    `${counter(SIZES.notifications - SIZES.busyInbox)}
     INSERT INTO notifications (user_id, topic_id, type, data, actor_id, read_at, digest_pending, created_at)
     SELECT 'r' || (2 + (i - 1) % ${SIZES.digestRecipients}), ${firstTopic} + i % ${SIZES.topics}, 'comment.notice.new', '{"title":"Een onderwerp"}', 'r1',
            CASE WHEN i > ${SIZES.digestRecipients} THEN ? END, i <= ${SIZES.digestRecipients}, ? - ${DAY} / 2 - i * 1000
     FROM c`,
    now, now,
  ],
  // Mail that names the busiest resident (as mail telling of their comments does), some still to go.
  [
    `${counter(n(20_000))}
     INSERT INTO email_outbox (to_address, subject, text, html, actor_id, status, sent_at, created_at)
     SELECT 'r' || (2 + i) || '@stad.example', 'Drukke Bewoner reageerde', 'Drukke Bewoner reageerde op uw reactie.', '<html lang="nl"><p>Drukke Bewoner reageerde.</p></html>', 'r1',
            CASE WHEN i % 10 = 0 THEN 'pending' ELSE 'sent' END, CASE WHEN i % 10 = 0 THEN NULL ELSE ? END, ? - i * 60000
     FROM c`,
    now, now,
  ],
]);

grow(`timeline (${SIZES.timelineEvents}) and audit (${SIZES.auditRows})`, [
  [
    `${counter(SIZES.timelineEvents)}
     INSERT INTO topic_events (topic_id, type, is_public, created_at) SELECT ${firstTopic} + i % ${SIZES.topics}, 'published', 1, ? - (i * 13) % ${THREE_YEARS} FROM c`,
    now,
  ],
  [
    `${counter(SIZES.auditRows)}
     INSERT INTO audit_log (actor_id, action, entity_type, entity_id, created_at)
     SELECT (SELECT user_id FROM user_roles WHERE role = 'clerk' LIMIT 1), CASE i % 3 WHEN 0 THEN 'comment.hide' WHEN 1 THEN 'petition.publish' ELSE 'user.block' END,
            'comment', CAST(${firstComment} + i AS TEXT), ? - i * 600000
     FROM c`,
    now,
  ],
]);
raw.pragma("analysis_limit = 1000");
raw.exec("ANALYZE");
raw.pragma("wal_checkpoint(TRUNCATE)");
const demo = raw.prepare("SELECT id FROM users WHERE email = ?");
const clerkId = (demo.get("griffie@voorbeeldstad.example") as { id: string }).id;
const adminId = (demo.get("beheer@voorbeeldstad.example") as { id: string }).id;
closeDatabase();
const growSeconds = Math.round((performance.now() - grownAt) / 1000);
log(`grown in ${growSeconds} s: ${Math.round(fs.statSync(DB_FILE).size / 1e6)} MB`);

// BENCH_SCALE_GROW_ONLY=1: only grow the database (to time the fixture at a factor), then stop.
if (process.env.BENCH_SCALE_GROW_ONLY === "1") {
  console.log(JSON.stringify({ cityScaleFixture: { factor: FACTOR, growSeconds, megabytes: Math.round(fs.statSync(DB_FILE).size / 1e6) } }));
  process.exit(0);
}

// Sessions, as after a sign-in: the busiest resident, staff, and the residents who sign in part 2.
const side = new Database(DB_FILE);
const expires = Math.floor(Date.now() / 1000) + 30 * 86_400;
const session = (userId: string) => {
  const id = crypto.randomBytes(20).toString("hex");
  side.prepare("INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)").run(id, userId, expires);
  return `inspraak_session=${id}`;
};
const busy = session("r1");
const clerk = session(clerkId);
const admin = session(adminId);
const signers = side.transaction(() => Array.from({ length: 2_000 }, (_, i) => session(`r${SIZES.residents - i}`)))();

// --- the server ----------------------------------------------------------------------------------
const children: ChildProcess[] = [];
process.on("exit", () => children.forEach((c) => c.kill("SIGTERM")));

async function startServer(jobs: boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, PORT: String(PORT), DATABASE_PATH: DB_FILE, DEMO: "false", JOBS: String(jobs), LOG_LEVEL: "warn", NODE_ENV: "production", WEB_CONCURRENCY: "2" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) return child;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not come up");
}
async function stopServer(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
};

/** Times one request: until its first byte of body, and until the whole body is read. */
async function timed(url: string, init: RequestInit = {}): Promise<{ ms: number; firstByteMs: number; status: number }> {
  const started = performance.now();
  const res = await fetch(url, { redirect: "manual", ...init });
  let firstByteMs = performance.now() - started;
  const reader = res.body?.getReader();
  if (reader) {
    let chunk = await reader.read();
    firstByteMs = performance.now() - started;
    while (!chunk.done) chunk = await reader.read();
  }
  return { ms: performance.now() - started, firstByteMs, status: res.status };
}

// --- 1. pages --------------------------------------------------------------------------------------
const base = `http://127.0.0.1:${PORT}`;
// Any cookie but the language one passes the anonymous page cache: every request is a real render.
const anonymous = "bench=render";
const PAGES: Array<[string, string]> = [
  ["/", anonymous],
  ["/petitions?status=closed", anonymous],
  ["/petitions?status=closed, page 40", anonymous],
  ["/discussions", anonymous],
  ["/discussions, page 40", anonymous],
  [`/discussions/${bigDiscussion}`, anonymous],
  ["/search?q=park", anonymous],
  [`/petitions/${hugePetition}`, anonymous],
  [`/petitions/${hugePetition}`, busy],
  [`/petitions/${hugePetition}/data.json`, anonymous],
  ["/petitions/mine", busy],
  ["/inbox", busy],
  ["/profile/data", busy],
  ["/open-data/discussion?format=csv", anonymous],
  ["/moderation", clerk],
  ["/moderation/statistics", clerk],
  ["/moderation?view=hidden", clerk],
  ["/audit", clerk],
  ["/admin/users?q=", admin],
  ["/admin/outbox", admin],
  ["/healthz", anonymous],
];
// Downloads of everything (a whole kind's open data, a person's years of data) are written as they
// are read: they answer when their first bytes arrive, and take as long as the file is large. The
// worst page is judged on that first byte for them; the whole download's time is reported beside.
const DOWNLOADS = new Set(["/profile/data", "/open-data/discussion?format=csv"]);
const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 20);

/** The resident memory of a process in MB (Linux), from /proc. */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}
/** The server's child processes: the HTTP workers (and the jobs process, idle here). */
function workerPids(primary: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]) === primary;
      } catch {
        return false;
      }
    });
}
/** A deep page: the "next" link followed from the first page `times` times (keyset pages have no number). */
async function deepPage(first: string, times: number, cookie: string): Promise<string> {
  let url = first;
  for (let i = 0; i < times; i++) {
    const html = await (await fetch(base + url, { headers: { cookie, "accept-language": "nl" } })).text();
    const next = /<a[^>]*rel="next"[^>]*href="([^"]+)"|<a[^>]*href="([^"]+)"[^>]*rel="next"/.exec(html);
    if (!next) break;
    url = (next[1] ?? next[2]!).replace(/&amp;/g, "&");
  }
  return url;
}

let server = await startServer(false);
const workers = workerPids(server.pid!);
const pages: Record<string, { p95Ms: number; p50Ms: number; status: number; rssGrowthMb: number; wholeP95Ms?: number }> = {};
for (const [name, cookie] of PAGES) {
  const page = name.endsWith(", page 40") ? await deepPage(name.slice(0, -", page 40".length), 39, cookie) : name;
  await timed(base + page, { headers: { cookie, "accept-language": "nl" } });
  const before = new Map(workers.map((pid) => [pid, rssMb(pid)]));
  const times: number[] = [];
  const whole: number[] = [];
  let status = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const r = await timed(base + page, { headers: { cookie, "accept-language": "nl" } });
    times.push(DOWNLOADS.has(name) ? r.firstByteMs : r.ms);
    whole.push(r.ms);
    status = r.status;
  }
  // How much a worker grew while it answered these requests: a page that builds its answer whole
  // in memory (or a formatter per row) shows here, whatever the garbage collector frees later.
  const rssGrowthMb = Math.round(Math.max(0, ...workers.map((pid) => rssMb(pid) - before.get(pid)!)) * 10) / 10;
  const key = cookie === anonymous ? name : `${name} (${cookie === busy ? "busiest resident" : cookie === clerk ? "clerk" : "admin"})`;
  pages[key] = { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), status, rssGrowthMb, ...(DOWNLOADS.has(name) ? { wholeP95Ms: percentile(whole, 95) } : {}) };
  log("1.", key, pages[key]);
}
await stopServer(server);
const worst = Object.entries(pages).sort((a, b) => b[1].p95Ms - a[1].p95Ms)[0]!;
const hungriest = Object.entries(pages).sort((a, b) => b[1].rssGrowthMb - a[1].rssGrowthMb)[0]!;

// --- 2. writes while the jobs run ------------------------------------------------------------------
// The jobs process starts every job due at once: the daily digest, the hourly anonymisation, and
// the erasure of the account deleted below.
side.prepare("DELETE FROM job_runs").run();
// The digest goes out once a day from 07:00 in Amsterdam: recorded as started (and not finished),
// the jobs process sends it at once, whatever the hour the bench runs.
side.prepare("INSERT INTO job_runs (name, last_run_at) VALUES ('daily-digest:started', ?)").run(Date.now() - 60_000);
const watch = new Database(DB_FILE, { readonly: true });
server = await startServer(true);
const signLatencies: number[] = [];
const connectWaits: number[] = [];
let errors = 0;
let running = true;

async function signEvery100ms() {
  let next = 0;
  while (running) {
    const cookie = signers[next++ % signers.length]!;
    const tick = performance.now();
    try {
      const r = await timed(`${base}/petitions/${signPetition}/sign`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: base },
        body: "intent=sign",
      });
      signLatencies.push(r.ms);
      if (r.status >= 400) errors++;
    } catch {
      errors++;
    }
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - tick))));
  }
}
/** A new TCP connection every 250 ms: how long until it is accepted and answered. */
async function connectEvery250ms() {
  while (running) {
    const tick = performance.now();
    await new Promise<void>((resolve) => {
      const socket = net.connect(PORT, "127.0.0.1", () => socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
      socket.once("data", () => {
        connectWaits.push(performance.now() - tick);
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        errors++;
        resolve();
      });
    });
    await new Promise((r) => setTimeout(r, Math.max(0, 250 - (performance.now() - tick))));
  }
}
const load = Promise.all([signEvery100ms(), connectEvery250ms()]);
await new Promise((r) => setTimeout(r, 1_000));
const deletion = await timed(`${base}/profile`, {
  method: "POST",
  headers: { cookie: busy, "content-type": "application/x-www-form-urlencoded", origin: base },
  body: `intent=delete&confirm=on&password=${PASSWORD}`,
});
if (deletion.status !== 302) errors++;
log("2. deletion answered", deletion);

const jobsStarted = performance.now();
const LIMIT_MS = Number(process.env.BENCH_SCALE_JOBS_LIMIT_MS ?? 600_000);
const state = () => ({
  digest: Boolean(watch.prepare("SELECT 1 FROM job_runs WHERE name = 'daily-digest:finished'").get()),
  anonymised: (watch.prepare("SELECT count(*) AS n FROM signatures WHERE topic_id = ? AND anonymised_at IS NULL").get(hugePetition) as { n: number }).n === 0,
  erased: Boolean(watch.prepare("SELECT 1 FROM account_erasures WHERE user_id = 'r1' AND finished_at IS NOT NULL").get()),
});
let done = state();
while (!(done.digest && done.anonymised && done.erased) && performance.now() - jobsStarted < LIMIT_MS) {
  await new Promise((r) => setTimeout(r, 1_000));
  done = state();
}
const jobsSeconds = Math.round((performance.now() - jobsStarted) / 1000);
running = false;
await load;
await stopServer(server);
log("2. jobs", { ...done, seconds: jobsSeconds, signatures: signLatencies.length, connections: connectWaits.length });

const cityScale = {
  factor: FACTOR,
  worstPageP95Ms: worst[1].p95Ms,
  worstPage: worst[0],
  signDuringJobsP99Ms: percentile(signLatencies, 99),
  errors,
  maxConnectWaitMs: Math.round(Math.max(0, ...connectWaits)),
  deleteMs: Math.round(deletion.ms),
  maxRssGrowthMb: hungriest[1].rssGrowthMb,
  maxRssGrowthPage: hungriest[0],
  jobsFinished: done.digest && done.anonymised && done.erased,
  jobsSeconds,
  growSeconds,
};
log("pages", pages);
console.log(JSON.stringify({ cityScale }));
process.exit(0);
