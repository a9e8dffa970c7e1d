// db/migrations/0015_support_primitive.sql: the petition's counts and signer mailings become the
// support module's tables by renaming, so a database in use keeps every count and every mailing
// half-way, and the mailing resumes at its cursor.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const MIGRATIONS = path.resolve("db/migrations");

function apply(raw: Database.Database, file: string) {
  for (const statement of fs.readFileSync(path.join(MIGRATIONS, file), "utf8").split("--> statement-breakpoint")) raw.exec(statement);
}

describe("the migration to the support module's tables", () => {
  it("keeps the counts and a mailing half-way, cursor included", () => {
    const files = fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql")).sort();
    const index = files.findIndex((f) => f.endsWith("_support_primitive.sql"));
    expect(index).toBeGreaterThan(0);
    const raw = new Database(":memory:");
    for (const file of files.slice(0, index)) apply(raw, file);
    // Rows of the tables under test only: the topics they hang off do not matter here.
    raw.pragma("foreign_keys = OFF");
    raw.exec(`
      INSERT INTO signature_daily_counts (topic_id, day, count) VALUES (7, '2026-12-01', 40), (7, '2026-12-02', 2);
      INSERT INTO signature_neighbourhood_counts (topic_id, neighbourhood_id, count) VALUES (7, 0, 12), (7, 3, 30);
      INSERT INTO petition_mailings (topic_id, event_key, notice, up_to_signature_id, last_signature_id, mailed_count, created_at)
        VALUES (7, 'response', '{"type":"x","data":{},"link":"/petitions/7","email":"notice"}', 900, 500, 500, 1);
    `);

    apply(raw, files[index]!);

    expect(raw.prepare("SELECT sum(count) AS n FROM support_daily_counts WHERE topic_id = 7").get()).toEqual({ n: 42 });
    expect(raw.prepare("SELECT sum(count) AS n FROM support_neighbourhood_counts WHERE topic_id = 7").get()).toEqual({ n: 42 });
    expect(raw.prepare("SELECT event_key, up_to_supporter_id, last_supporter_id, mailed_count, completed_at FROM support_mailings").all()).toEqual([
      { event_key: "response", up_to_supporter_id: 900, last_supporter_id: 500, mailed_count: 500, completed_at: null },
    ]);
    // The once-per-event rule survives the rename.
    expect(() =>
      raw.exec(`INSERT INTO support_mailings (topic_id, event_key, notice, up_to_supporter_id, created_at) VALUES (7, 'response', '{}', 1, 1)`),
    ).toThrow(/UNIQUE/);
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(["supports", "support_mailings", "support_daily_counts", "support_neighbourhood_counts"]));
    expect(tables).not.toContain("petition_mailings");
    raw.close();
  });
});
