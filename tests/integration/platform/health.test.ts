import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseHealth, sqlite } from "~/utils/db.server";

describe("/healthz: databaseHealth", () => {
  const journal = JSON.parse(fs.readFileSync(path.resolve("db/migrations/meta/_journal.json"), "utf8")) as { entries: unknown[] };

  it("is ok when every migration in the journal has been applied", () => {
    expect(databaseHealth()).toEqual({ ok: true, migrations: journal.entries.length, applied: journal.entries.length });
  });

  it("is not ok when the database is behind the journal", () => {
    // drizzle's table declares `id SERIAL`, which SQLite leaves NULL: rows are told apart by rowid.
    const last = sqlite().prepare("SELECT rowid AS rid, id, hash, created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1").get() as { rid: number; id: number | null; hash: string; created_at: number };
    sqlite().prepare("DELETE FROM __drizzle_migrations WHERE rowid = ?").run(last.rid);
    try {
      expect(databaseHealth()).toMatchObject({ ok: false, applied: journal.entries.length - 1 });
    } finally {
      sqlite().prepare("INSERT INTO __drizzle_migrations (id, hash, created_at) VALUES (?, ?, ?)").run(last.id, last.hash, last.created_at);
    }
    expect(databaseHealth().ok).toBe(true);
  });
});
