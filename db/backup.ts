// `npm run db:backup [target]`: a consistent copy of the live database through SQLite's online
// backup API, safe while the app is running and writing.
import path from "node:path";
import fs from "node:fs";
import Database from "better-sqlite3";

const source = process.env.DATABASE_PATH ?? "./data/inspraak.db";
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = process.argv[2] ?? path.join(path.dirname(source), "backups", `inspraak-${stamp}.db`);

if (!fs.existsSync(source)) {
  console.error(`No database at ${source} (set DATABASE_PATH).`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
const db = new Database(source, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
const started = Date.now();
await db.backup(target);
db.close();
const check = new Database(target, { readonly: true });
const ok = (check.pragma("integrity_check", { simple: true }) as string) === "ok";
check.close();
console.log(`Backup written to ${target} in ${Date.now() - started} ms (integrity ${ok ? "ok" : "FAILED"}).`);
process.exit(ok ? 0 : 1);
