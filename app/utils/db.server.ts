import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "#db/schema";
import { env } from "./env.server";

export { schema };
export type DB = BetterSQLite3Database<typeof schema>;
/** A transaction handle: same API as `db`, used by commands that take part in a caller's transaction. */
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

/**
 * How long a plain (synchronous) statement waits for another process's write lock. SQLite waits
 * by sleeping inside the call, which holds this process's whole event loop: requests write through
 * `writeWhenFree` / `writeTogether` instead, which wait without it; this is the safety net of the
 * rest (jobs, rare writes), which never meet a lock held long since every job writes in slices.
 */
const BUSY_TIMEOUT_MS = 5_000;
/**
 * While a write waits without blocking: how long one attempt may sleep inside SQLite. None: the
 * wait is all in `backoffMs`, with the event loop free.
 */
const ATTEMPT_BUSY_MS = 0;
/** How long, in all, a request's write waits for the lock before it fails. */
export const WRITE_WAIT_MS = 15_000;

interface Connection {
  sqlite: Database.Database;
  db: DB;
}

const globalForDb = globalThis as typeof globalThis & { __inspraakDb?: Connection };

export function openDatabase(file: string): Connection {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // HTTP workers leave checkpointing (copying the WAL into the database file, with an fsync) to
  // the primary's job runner, so a signature never waits for one; the high mark is a safety net.
  if (process.env.INSPRAAK_ROLE === "worker") sqlite.pragma("wal_autocheckpoint = 10000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  // The planner needs statistics to choose between indexes (without them it walked a million
  // signatures of one petition to find one resident's). optimize=0x10002 gathers them for tables
  // that lack them when a long-lived connection opens; the limit keeps that quick on a big file.
  // The daily job "database-optimize" refreshes them.
  sqlite.pragma("analysis_limit = 1000");
  sqlite.pragma("optimize = 0x10002");
  // Write transactions start with BEGIN IMMEDIATE: with several server processes, a deferred
  // transaction that reads and then writes can fail at once with SQLITE_BUSY when another process
  // wrote in between; an immediate one waits its turn (busy_timeout) instead.
  const deferred = db.transaction.bind(db);
  db.transaction = ((run, config) => deferred(run, { behavior: "immediate", ...config })) as typeof db.transaction;
  return { sqlite, db };
}

function connection(): Connection {
  globalForDb.__inspraakDb ??= openDatabase(env().DATABASE_PATH);
  return globalForDb.__inspraakDb;
}

/** The app's Drizzle handle; the database is opened and migrated when this module loads. */
export const db: DB = connection().db;

/** The raw better-sqlite3 handle, for FTS queries, backups and pragmas. */
export function sqlite(): Database.Database {
  return connection().sqlite;
}

/** Whether SQLite refused because another connection holds the lock (SQLITE_BUSY and its variants). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * One attempt at a write transaction that gives up at once (ATTEMPT_BUSY_MS) when another process
 * holds the lock, instead of sleeping inside SQLite with the event loop held. BEGIN IMMEDIATE is
 * what is refused, before `run` starts, so a refused attempt has done nothing and may be repeated.
 */
function attemptWrite<T>(run: () => T): T {
  const raw = sqlite();
  // Inside an open transaction the lock is already ours: nothing to wait for.
  if (raw.inTransaction) return run();
  raw.pragma(`busy_timeout = ${ATTEMPT_BUSY_MS}`);
  try {
    return run();
  } finally {
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * The pause before the next attempt: at most 4 ms, with jitter so waiting processes do not
 * collide. It must stay shorter than the pause a job leaves between its slices (GAP_MS in
 * jobs.yield.ts): a writer that polls less often than that misses the gaps and starves while a job
 * runs. A refused attempt costs microseconds.
 */
function backoffMs(attempt: number): number {
  return Math.min(4, 2 ** attempt) * (0.5 + Math.random() / 2);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A request's write transaction. When another process (the jobs process, another worker) holds
 * the write lock, it waits asynchronously, retrying with a short backoff, so this worker keeps
 * answering other requests meanwhile; it fails only after WRITE_WAIT_MS. better-sqlite3's own
 * wait (busy_timeout) sleeps inside the call and freezes the worker's event loop.
 */
export async function writeWhenFree<T>(work: (tx: Tx) => T, waitMs: number = WRITE_WAIT_MS): Promise<T> {
  const giveUpAt = performance.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return attemptWrite(() => db.transaction(work));
    } catch (error) {
      if (!isDatabaseBusy(error) || performance.now() >= giveUpAt) throw error;
    }
    await pause(backoffMs(attempt));
  }
}

/**
 * Waits, with the event loop free, until this process can take the write lock, and lets go of it
 * at once (BEGIN IMMEDIATE, ROLLBACK: nothing written). Called before a request's action runs
 * (`waitForWriteTurn` in http.server.ts), so an action meets another process's long hold here,
 * asynchronously, and its own plain writes (`db.transaction`, `.run()`), which wait inside SQLite
 * and hold the event loop, meet at most a short one: a job's slice (jobs.yield.ts) or another
 * request's transaction. Says whether the lock was free within `waitMs`.
 */
export async function untilWritable(waitMs: number = WRITE_WAIT_MS): Promise<boolean> {
  const raw = sqlite();
  if (raw.inTransaction) return true;
  const giveUpAt = performance.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      attemptWrite(() => {
        raw.exec("BEGIN IMMEDIATE");
        raw.exec("ROLLBACK");
      });
      return true;
    } catch (error) {
      if (!isDatabaseBusy(error) || performance.now() >= giveUpAt) return false;
    }
    await pause(backoffMs(attempt));
  }
}

interface QueuedWrite {
  work: (tx: Tx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}
let queuedWrites: QueuedWrite[] = [];

/**
 * Group commit: the writes queued during one turn of the event loop are committed together, in
 * one transaction, each in its own savepoint, so one that throws is rolled back alone. Every
 * promise settles only after the commit: nobody is told "done" before it is on disk. A crowd
 * signing at once then costs one commit per turn instead of one per signature (the commit writes
 * each changed page once, and the write lock is taken once); a lone request just waits one turn.
 */
export function writeTogether<T>(work: (tx: Tx) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (queuedWrites.push({ work, resolve: resolve as (value: unknown) => void, reject }) === 1) setImmediate(commitQueuedWrites);
  });
}

let savepoints: { raw: Database.Database; begin: Database.Statement; release: Database.Statement; rollback: Database.Statement } | undefined;

function commitQueuedWrites(): void {
  const batch = queuedWrites;
  queuedWrites = [];
  commitBatch(batch, 0, performance.now() + WRITE_WAIT_MS);
}

/** Commits one batch; while another process holds the lock, tries again later (see writeWhenFree). */
function commitBatch(batch: QueuedWrite[], attempt: number, giveUpAt: number): void {
  const raw = sqlite();
  if (savepoints?.raw !== raw) savepoints = {
    raw,
    begin: raw.prepare("SAVEPOINT together"),
    release: raw.prepare("RELEASE together"),
    rollback: raw.prepare("ROLLBACK TO together"),
  };
  const { begin, release, rollback } = savepoints;
  const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
  try {
    attemptWrite(() => db.transaction((tx) => {
      for (const { work } of batch) {
        begin.run();
        try {
          outcomes.push({ ok: true, value: work(tx) });
        } catch (error) {
          rollback.run();
          outcomes.push({ ok: false, error });
        }
        release.run();
      }
    }));
  } catch (error) {
    if (isDatabaseBusy(error) && outcomes.length === 0 && performance.now() < giveUpAt) {
      setTimeout(() => commitBatch(batch, attempt + 1, giveUpAt), backoffMs(attempt));
      return;
    }
    for (const { reject } of batch) reject(error);
    return;
  }
  batch.forEach(({ resolve, reject }, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) resolve(outcome.value);
    else reject(outcome.error);
  });
}

/** Refreshes the planner's statistics where the data changed enough to matter (daily job). */
export function optimizeDatabase(): void {
  sqlite().pragma("analysis_limit = 1000");
  // 0x10000: look at every table, not only those this connection's queries touched lately.
  sqlite().pragma("optimize = 0x10002");
}

/** Whether the database answers and every migration in db/migrations has been applied. */
export function databaseHealth(): { ok: boolean; migrations: number; applied: number } {
  try {
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
      entries: unknown[];
    };
    const row = sqlite().prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number };
    return { ok: row.n === journal.entries.length, migrations: journal.entries.length, applied: row.n };
  } catch {
    return { ok: false, migrations: 0, applied: 0 };
  }
}

export function closeDatabase(): void {
  globalForDb.__inspraakDb?.sqlite.close();
  globalForDb.__inspraakDb = undefined;
}
