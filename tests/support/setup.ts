// Runs before each test file, in its own process (pool: forks): every file gets a fresh,
// migrated SQLite file of its own.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

const dir = path.resolve("tests/.tmp");
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `test-${process.pid}-${crypto.randomBytes(4).toString("hex")}.db`);

process.env.DATABASE_PATH = file;
process.env.DEMO = "false";
process.env.JOBS = "false";
process.env.BASE_URL = "http://localhost:3000";
process.env.DEFAULT_LOCALE = "nl";
process.env.SMTP_URL = "";
process.env.SESSION_SECRET = "test-secret-test-secret-test-secret";

process.on("exit", () => {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

// The composition root, as every server process loads it (app/entry.server.tsx): registers the
// kinds, their permission rules and jobs. Imported after the environment above is set.
await import("~/kinds.server");
