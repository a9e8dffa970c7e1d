import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { insertTopic } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";

const run = promisify(execFile);

describe("npm run db:backup", () => {
  it("writes a consistent, complete copy while the app keeps writing", async () => {
    for (let i = 0; i < 50; i++) insertTopic(db, { kind: "discussion", title: `Onderwerp ${i}`, authorId: null, status: "open", isPublic: true });
    const target = path.resolve(`tests/.tmp/backup-${process.pid}.db`);
    fs.rmSync(target, { force: true });
    // Keep writing while the backup runs: the copy must still be consistent.
    let writing = true;
    const writer = (async () => {
      let n = 0;
      while (writing) {
        insertTopic(db, { kind: "discussion", title: `Tijdens de back-up ${n++}`, authorId: null, status: "open", isPublic: true });
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const { stdout } = await run(process.execPath, ["--import", "tsx", "db/backup.ts", target], {
      env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH },
    });
    writing = false;
    await writer;
    expect(stdout).toContain("integrity ok");
    const copy = new Database(target, { readonly: true });
    const { n } = copy.prepare("SELECT count(*) AS n FROM topics WHERE title LIKE 'Onderwerp %'").get() as { n: number };
    const migrations = copy.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number };
    copy.close();
    fs.rmSync(target, { force: true });
    expect(n).toBe(50);
    expect(migrations.n).toBeGreaterThan(0);
  });
});
