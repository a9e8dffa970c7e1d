// The transparency dashboard's part of tests/bench/transparency.ts (issue #13, `dashboardMs`): on
// the bench's city (1,000,000 timeline events over 20,000 topics, 200,000 people) it adds what a
// year of real work leaves on the timeline (each topic submitted, half of them past a threshold,
// answered and decided, spread over 20 neighbourhoods, new participants every day), lets the job
// fold and compute the daily figures as the jobs process would, and then times the page: GET
// /transparency for the last twelve months through the built server.js when there is a build
// (`npm run bench` builds first), else the read function alone (said so in the log).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";

const DAY = 86_400_000;

export async function dashboardBench(options: { raw: Database.Database; databasePath: string; now: number; rounds: number; log: (...args: unknown[]) => void }): Promise<number> {
  const { raw, now, rounds, log } = options;
  const YEAR = 365 * DAY;
  const started = performance.now();
  raw.transaction(() => {
    const numbers = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})`;
    raw.exec(`INSERT OR IGNORE INTO neighbourhoods (name, postcode_from, postcode_to) ${numbers(20)} SELECT 'Wijk ' || i, 1000 + i * 10, 1009 + i * 10 FROM n`);
    raw.exec("UPDATE topics SET neighbourhood_id = (SELECT min(id) FROM neighbourhoods) + id % 20 WHERE neighbourhood_id IS NULL");
    // Per topic: submitted a few days before its publication; every second one past its threshold,
    // answered (a tenth of them after more than 90 days) and decided. Keys of their own.
    const opened = `(${now - YEAR} + ((t.id * 1579) % 300) * 86400000 + (t.id % 86400) * 1000)`;
    const steps: Array<[string, string, string]> = [
      ["submitted", "1", `${opened} - (t.id % 9) * 86400000 - 3600000`],
      ["threshold-reached", "t.id % 2 = 0", `${opened} + (10 + t.id % 30) * 86400000`],
      ["responded", "t.id % 2 = 0 AND t.kind = 'petition'", `${opened} + (10 + t.id % 30) * 86400000 + (5 + (t.id * 7) % 120) * 86400000`],
      ["decided", "t.id % 4 = 0", `${opened} + (60 + t.id % 90) * 86400000`],
    ];
    for (const [type, where, at] of steps) {
      raw.exec(
        `INSERT INTO topic_events (topic_id, kind, type, actor_role, event_key, data, is_public, created_at)
         SELECT t.id, t.kind, '${type}', 'staff', 'dashboard-bench:${type}', '{}', 1, min(${at}, ${now}) FROM topics t WHERE ${where}`,
      );
    }
    // New participants on every day of the year, not only on the day the bench's people joined.
    raw.exec(
      `INSERT OR IGNORE INTO participations (user_id, topic_id, kind, ways, first_at, last_at, seen_at) ${numbers(300_000)}
       SELECT 'p' || ((i * 7919) % 199999 + 2), (i * 31) % 20000 + 1, CASE ((i * 31) % 20000 + 1) % 2 WHEN 0 THEN 'petition' ELSE 'discussion' END, 1,
              ${now - YEAR} + (i * 104729) % ${YEAR}, ${now}, ${now} FROM n`,
    );
  })();
  log(`dashboard: added a year of milestones and participants in ${Math.round(performance.now() - started)} ms`);

  const { refreshTransparencyFigures } = await import("~/modules/transparency/transparency.jobs.server");
  const computing = performance.now();
  const days = await refreshTransparencyFigures(new Date(now));
  const figureRows = (raw.prepare("SELECT count(*) AS n FROM transparency_figures").get() as { n: number }).n;
  log(`dashboard: the job folded the timeline and computed ${days} days (${figureRows} figure rows) in ${Math.round(performance.now() - computing)} ms`);

  const p50 = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! * 10) / 10;
  const built = fs.existsSync(path.resolve("build/server/index.js"));
  if (!built) {
    const { transparencyFigures } = await import("~/modules/transparency/transparency.server");
    const { defaultPeriod } = await import("~/modules/transparency/transparency.rules");
    const { localDay } = await import("~/utils/local-time");
    const filter = { ...defaultPeriod(localDay(new Date(now))), kind: null };
    const times: number[] = [];
    for (let r = 0; r <= rounds; r++) {
      const t0 = performance.now();
      transparencyFigures(filter);
      if (r > 0) times.push(performance.now() - t0);
    }
    log("dashboard: no build (run `npm run bench`): the read function alone, p50 ms:", p50(times));
    return p50(times);
  }

  raw.pragma("wal_checkpoint(TRUNCATE)");
  const port = Number(process.env.BENCH_PORT ?? 3800) + 7;
  const server = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, PORT: String(port), DATABASE_PATH: options.databasePath, DEMO: "false", JOBS: "false", LOG_LEVEL: "warn", NODE_ENV: "production", WEB_CONCURRENCY: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (tries > 300) throw new Error("the server did not come up");
      await new Promise((r) => setTimeout(r, 200));
    }
    const render = async () => {
      const t0 = performance.now();
      const res = await fetch(`${base}/transparency`, { headers: { "accept-language": "nl" } });
      const html = await res.text();
      if (res.status !== 200 || !html.includes("Doorlooptijden")) throw new Error(`the dashboard answered ${res.status}`);
      return performance.now() - t0;
    };
    for (let i = 0; i < 5; i++) await render();
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) times.push(await render());
    log("dashboard: GET /transparency (twelve months) through server.js, p50 ms:", p50(times), "p95 ms:", Math.round([...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!));
    return p50(times);
  } finally {
    server.kill("SIGTERM");
  }
}
