// `npx tsx tests/bench/briefing.ts` (BENCH_ONLY=briefing in `npm run bench`): the councillors'
// briefing with 200 topics awaiting the council among 20,000 others, each with comments for and
// against and support spread over neighbourhoods, some on a meeting's agenda. Times full server
// renders of the briefing page (GET /council as a councillor, through the built server.js), one at
// a time after a warm-up; the last line is one JSON object: {"briefing":{"renderMs":..,"items":..}}.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const TMP = path.resolve("tests/.tmp/bench-briefing");
const AWAITING = Number(process.env.BENCH_AWAITING ?? 200);
const OTHERS = Number(process.env.BENCH_OTHER_TOPICS ?? 20_000);
const PORT = Number(process.env.BENCH_PORT ?? 3800);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

fs.rmSync(TMP, { recursive: true, force: true });
fs.mkdirSync(TMP, { recursive: true });
const DB = path.join(TMP, "app.db");
process.env.DATABASE_PATH = DB;
process.env.DEMO = "false";
process.env.JOBS = "false";
process.env.LOG_LEVEL = "silent";

const log = (...args: unknown[]) => console.log("[bench]", ...args);
await import("~/kinds.server");
const { sqlite } = await import("~/utils/db.server");
const { awaitingSegments } = await import("~/modules/council/council.meetings.server");
const { gatherRelatedTopics } = await import("~/modules/council/council.arrivals.server");

const raw = sqlite();
const now = Date.now();
const DAY = 86_400_000;
const segments = awaitingSegments();
if (segments.length === 0) throw new Error("no kind awaits the council");
const started = performance.now();
const session = crypto.randomBytes(20).toString("hex");
raw.transaction(() => {
  for (let i = 1; i <= 5; i++) raw.prepare("INSERT INTO neighbourhoods (name, postcode_from, postcode_to) VALUES (?, ?, ?)").run(`Wijk ${i}`, 9900 + i * 5, 9904 + i * 5);
  raw.prepare("INSERT INTO users (id, email, email_canonical, display_name, locale, email_verified_at, created_at) VALUES ('bench-councillor', 'raad@bench.example', 'raad@bench.example', 'Raadslid', 'nl', ?, ?)").run(now, now);
  raw.prepare("INSERT INTO user_roles (user_id, role) VALUES ('bench-councillor', 'councillor')").run();
  raw.prepare("INSERT INTO sessions (id, user_id, expires_at) VALUES (?, 'bench-councillor', ?)").run(session, Math.floor(now / 1000) + 30 * 86_400);
  const topic = raw.prepare(
    "INSERT INTO topics (kind, title, summary, body, body_html, status, is_public, hidden, support_count, comment_count, published_at, created_at, updated_at) VALUES (?, ?, ?, '', '', ?, 1, 0, ?, ?, ?, ?, ?)",
  );
  const comment = raw.prepare("INSERT INTO comments (topic_id, body, body_html, stance, upvote_count, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  const hood = raw.prepare("INSERT INTO support_neighbourhood_counts (topic_id, neighbourhood_id, count) VALUES (?, ?, ?)");
  const other = segments[0]!;
  for (let i = 0; i < OTHERS; i++) {
    // Topics of the same kind in other statuses: the briefing's index must step over none of them.
    topic.run(other.kind, `Een ander onderwerp ${i}`, "Samenvatting", "open", i % 500, 0, now - i * 60_000, now, now);
  }
  const meeting = raw.prepare("INSERT INTO meetings (body, title, starts_at, place, is_public, created_at) VALUES ('council', 'Raadsvergadering', ?, 'Raadzaal', 1, ?)").run(now + 7 * DAY, now);
  for (let i = 0; i < AWAITING; i++) {
    const segment = segments[i % segments.length]!;
    const support = 500 + ((i * 7919) % 30_000);
    const id = Number(topic.run(segment.kind, `Onderwerp voor de raad nummer ${i}`, "Wat de indieners vragen, in een paar zinnen samengevat.", segment.status, support, 40, now - i * DAY, now, now).lastInsertRowid);
    for (let c = 0; c < 40; c++) {
      const stance = c % 3 === 0 ? "against" : c % 3 === 1 ? "for" : null;
      comment.run(id, `Argument ${c} bij onderwerp ${i}: een zin of twee over waarom dit goed of slecht is voor de wijk.`, "<p>Argument</p>", stance, (c * 13) % 50, now - c * 3_600_000);
    }
    for (let h = 1; h <= 5; h++) hood.run(id, h, Math.floor(support / 5));
    if (i % 4 === 0) raw.prepare("INSERT INTO agenda_items (meeting_id, position, topic_id, description, created_at) VALUES (?, ?, ?, '', ?)").run(meeting.lastInsertRowid, i / 4 + 1, id, now);
  }
})();
log(`briefing: ${AWAITING} topics awaiting the council among ${OTHERS} others, seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
// What the job does once per topic that reaches the council: the cards read its related topics back.
const gathering = performance.now();
const gathered = await gatherRelatedTopics(new Date(now));
const relatedPerTopicMs = Math.round(((performance.now() - gathering) / Math.max(1, gathered)) * 10) / 10;
log(`briefing: related topics gathered for ${gathered} topics, ${relatedPerTopicMs} ms a topic`);
raw.pragma("wal_checkpoint(TRUNCATE)");

const server = spawn(process.execPath, ["server.js"], {
  env: { ...process.env, PORT: String(PORT), DATABASE_PATH: DB, DEMO: "false", JOBS: "false", LOG_LEVEL: "warn", NODE_ENV: "production", WEB_CONCURRENCY: "1" },
  stdio: ["ignore", "ignore", "inherit"],
});
process.on("exit", () => server.kill("SIGTERM"));
const base = `http://127.0.0.1:${PORT}`;
for (let tries = 0; ; tries++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    /* not up yet */
  }
  if (tries > 300) throw new Error("the server did not come up");
  await new Promise((r) => setTimeout(r, 200));
}

const headers = { cookie: `inspraak_session=${session}`, "accept-language": "nl" };
async function render(): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${base}/council`, { headers });
  const html = await res.text();
  if (res.status !== 200 || !html.includes("Onderwerp voor de raad") || !html.includes("Verwante onderwerpen")) throw new Error(`briefing answered ${res.status}`);
  return performance.now() - t0;
}
for (let i = 0; i < 5; i++) await render();
const times: number[] = [];
for (let i = 0; i < ROUNDS; i++) times.push(await render());
times.sort((a, b) => a - b);
const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
const items = (raw.prepare(`SELECT count(*) AS n FROM topics WHERE (kind, status) IN (${segments.map(() => "(?, ?)").join(", ")})`).get(...segments.flatMap((s) => [s.kind, s.status])) as { n: number }).n;
log("briefing", { p50Ms: at(0.5), p95Ms: at(0.95), items, relatedPerTopicMs });
server.kill("SIGTERM");
console.log(JSON.stringify({ briefing: { renderMs: at(0.5), p95Ms: at(0.95), items, relatedPerTopicMs } }));
process.exit(0);
