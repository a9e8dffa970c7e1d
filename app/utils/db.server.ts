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
  sqlite.pragma("busy_timeout = 5000");
  // HTTP workers leave checkpointing (copying the WAL into the database file, with an fsync) to
  // the primary's job runner, so a signature never waits for one; the high mark is a safety net.
  if (process.env.INSPRAAK_ROLE === "worker") sqlite.pragma("wal_autocheckpoint = 10000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
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
