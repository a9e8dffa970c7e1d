// `npx tsx tests/bench/transparency.ts`: issue #13's figures on a big city's history (1,000,000
// timeline events over 20,000 topics, 200,000 people, one of them with 2,000 items on My
// participation), seeded in bulk with insert-selects, in a database of its own. Times My
// participation (first, deep and filtered pages) and the public list of overdue next steps; the
// last line is one JSON object. The dashboard is tests/bench/dashboard.ts; the open API's figures come
// from apiFigures below (a list page and a 304).
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const TMP = path.resolve("tests/.tmp/bench-transparency");
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 200_000);
const TOPICS = 20_000;
const ITEMS = 2_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

fs.rmSync(TMP, { recursive: true, force: true });
fs.mkdirSync(TMP, { recursive: true });
process.env.DATABASE_PATH = path.join(TMP, "app.db");
process.env.DEMO = "false";
process.env.JOBS = "false";
process.env.LOG_LEVEL = "silent";

const log = (...args: unknown[]) => console.log("[bench]", ...args);
const { sqlite } = await import("~/utils/db.server");
const { listParticipation } = await import("~/modules/topics/participations.server");
const { listOverdueSteps } = await import("~/modules/topics/overdue.server");

const YEAR = 365 * 86_400_000;
const now = Date.now();
const raw = sqlite();
raw.pragma("cache_size = -262144");
const started = performance.now();
raw.transaction(() => {
  const numbers = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})`;
  raw.exec(`INSERT INTO users (id, display_name, created_at) ${numbers(PEOPLE)} SELECT 'p' || i, 'Inwoner ' || i, ${now - YEAR} FROM n`);
  raw.exec(
    `INSERT INTO topics (kind, title, status, is_public, hidden, published_at, created_at) ${numbers(TOPICS)}
     SELECT CASE i % 2 WHEN 0 THEN 'petition' ELSE 'discussion' END, 'Onderwerp ' || i, 'open', 1, CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END,
            ${now - YEAR} + i * 1000, ${now - YEAR} + i * 1000 FROM n`,
  );
  raw.exec(
    `INSERT INTO topic_events (topic_id, kind, type, actor_role, event_key, data, is_public, created_at) ${numbers(EVENTS)}
     SELECT (i % ${TOPICS}) + 1, CASE ((i % ${TOPICS}) + 1) % 2 WHEN 0 THEN 'petition' ELSE 'discussion' END, 'published', 'system', 'bench:' || i, '{}',
            CASE WHEN i % 10 = 0 THEN 0 ELSE 1 END, ${now - YEAR} + (i * 31) % ${YEAR} FROM n`,
  );
  raw.exec(
    `INSERT INTO next_steps (topic_id, description, responsible_body, due_at, status) ${numbers(TOPICS)}
     SELECT i, 'Stap ' || i, 'College', ${now - YEAR / 2} + i * 60000, CASE WHEN i % 3 = 0 THEN 'done' ELSE 'planned' END FROM n`,
  );
  // The busy resident: 2,000 topics in every way; everyone else a handful each.
  raw.exec(
    `INSERT INTO participations (user_id, topic_id, kind, ways, first_at, last_at, seen_at) ${numbers(ITEMS)}
     SELECT 'p1', i * 7 % ${TOPICS} + 1, CASE (i * 7 % ${TOPICS} + 1) % 2 WHEN 0 THEN 'petition' ELSE 'discussion' END, 1 + (i % 7), ${now - YEAR}, ${now - YEAR}, ${now - YEAR / 2} FROM n`,
  );
  raw.exec(
    `INSERT OR IGNORE INTO participations (user_id, topic_id, kind, ways, first_at, last_at, seen_at) ${numbers(PEOPLE * 2)}
     SELECT 'p' || ((i % ${PEOPLE - 1}) + 2), (i * 13) % ${TOPICS} + 1, CASE ((i * 13) % ${TOPICS} + 1) % 2 WHEN 0 THEN 'petition' ELSE 'discussion' END, 1, ${now - YEAR}, ${now - YEAR}, ${now - YEAR} FROM n`,
  );
})();
raw.exec("ANALYZE");
log(`transparency: seeded ${EVENTS} events, ${PEOPLE} people in ${Math.round(performance.now() - started)} ms`);

function timed(run: () => unknown): number[] {
  run(); // warm-up
  const out: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    run();
    out.push(performance.now() - t0);
  }
  return out;
}
const p50 = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! * 10) / 10;

// The person as the page reads for them: a resident, so the read rule (and any kind's hook) runs per row.
const p1 = { id: "p1", roles: ["resident"] as const, emailVerified: true, blocked: false };
const first = listParticipation(p1, { cursor: null });
if (first.rows.length !== 20) throw new Error(`My participation shows ${first.rows.length} rows, not 20`);
// A page deep in the list: the key of the 1,000th item.
const deepKey = first.rows[19]!;
const participationFirst = timed(() => listParticipation(p1, { cursor: null }));
const participationDeep = timed(() => listParticipation(p1, { cursor: { after: true, key: [deepKey.changedAt - YEAR / 4, 0] } }));
const participationKind = timed(() => listParticipation(p1, { kind: "discussion", cursor: null }));
const overdue = timed(() => listOverdueSteps({ now: new Date(now), cursor: null }));
log("My participation (2,000 items), p50 ms:", { first: p50(participationFirst), deep: p50(participationDeep), kind: p50(participationKind) });
log("overdue next steps, first page p50 ms:", p50(overdue));

// The dashboard (tests/bench/dashboard.ts): adds its year of milestones, runs the job, times the page.
const { dashboardBench } = await import("./dashboard");
const dashboardMs = await dashboardBench({ raw, databasePath: process.env.DATABASE_PATH!, now, rounds: ROUNDS, log });

// The open API (issue #13): a list page and a 304, through the routes' loaders as Remix calls them.
const api = await apiFigures();

const transparency = {
  events: EVENTS,
  people: PEOPLE,
  participationMs: Math.max(p50(participationFirst), p50(participationDeep), p50(participationKind)),
  overdueMs: p50(overdue),
  dashboardMs,
  apiPageMs: api.pageMs,
  notModifiedMs: api.notModifiedMs,
};
console.log(JSON.stringify({ transparency }));

/**
 * The open API on the same database: the p50 of a first page of every kind, a deep page of one
 * kind in one status, and a page of a topic's timeline (the slowest of them is `pageMs`), and of
 * a 304 to a client that has the current ETag of a list page (`notModifiedMs`).
 */
async function apiFigures(): Promise<{ pageMs: number; notModifiedMs: number }> {
  await import("~/kinds.server");
  const list = await import("~/routes/api.v1.topics._index");
  const timeline = await import("~/routes/api.v1.topics.$id_.timeline");
  const call = async (module: { loader: (args: never) => Promise<Response> }, path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) => {
    const response = await module.loader({ request: new Request(`http://localhost${path}`, { headers }), params, context: {} } as never);
    await response.text();
    return response;
  };
  const timedAsync = async (run: () => Promise<unknown>) => {
    await run();
    const out: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      await run();
      out.push(performance.now() - t0);
    }
    return out;
  };
  const deepCursor = Buffer.from(JSON.stringify(["topics", TOPICS - 2_000])).toString("base64url");
  const busyTopic = String(TOPICS / 2);
  const first = await timedAsync(() => call(list, "/api/v1/topics"));
  const deep = await timedAsync(() => call(list, `/api/v1/topics?kind=discussion&status=open&cursor=${deepCursor}`));
  const events = await timedAsync(() => call(timeline, `/api/v1/topics/${busyTopic}/timeline`, { id: busyTopic }));
  const etag = (await call(list, "/api/v1/topics")).headers.get("ETag")!;
  const notModified = await timedAsync(async () => {
    const response = await call(list, "/api/v1/topics", {}, { "If-None-Match": etag });
    if (response.status !== 304) throw new Error(`the API answered ${response.status}, not 304`);
  });
  log("open API, p50 ms:", { first: p50(first), deep: p50(deep), timeline: p50(events), notModified: p50(notModified) });
  return { pageMs: Math.max(p50(first), p50(deep), p50(events)), notModifiedMs: p50(notModified) };
}
