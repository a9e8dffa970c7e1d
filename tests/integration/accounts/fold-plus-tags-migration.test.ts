// db/migrations/0010_fold_plus_tags.sql: identities stored before "+tags" folded on every domain
// are brought in line, without merging two rows into one (docs/decisions/011).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import { db, sqlite } from "~/utils/db.server";
import { createPerson } from "../../support/fixtures";

function runMigrationAgain() {
  const source = fs.readFileSync("db/migrations/0010_fold_plus_tags.sql", "utf8");
  for (const statement of source.split("--> statement-breakpoint")) sqlite().exec(statement);
}

const canonicalOf = (id: string) => db.select({ c: users.emailCanonical }).from(users).where(eq(users.id, id)).get()!.c;

describe("folding the +tags of identities already stored", () => {
  it("folds a +tag on any domain, leaves an identity already taken and an empty local part as they were", async () => {
    const tag = `m${Date.now()}`;
    const a = await createPerson();
    const b = await createPerson();
    const c = await createPerson();
    const d = await createPerson();
    // As the old canonicalEmail stored them: "+tags" kept outside the big webmail domains.
    db.update(users).set({ emailCanonical: `${tag}+raad@voorbeeldstad.nl` }).where(eq(users.id, a.id)).run();
    db.update(users).set({ emailCanonical: `${tag}-b+1@voorbeeldstad.nl` }).where(eq(users.id, b.id)).run();
    db.update(users).set({ emailCanonical: `${tag}-b@voorbeeldstad.nl` }).where(eq(users.id, c.id)).run();
    db.update(users).set({ emailCanonical: `+${tag}@voorbeeldstad.nl` }).where(eq(users.id, d.id)).run();
    runMigrationAgain();
    expect(canonicalOf(a.id)).toBe(`${tag}@voorbeeldstad.nl`);
    expect(canonicalOf(b.id)).toBe(`${tag}-b+1@voorbeeldstad.nl`);
    expect(canonicalOf(c.id)).toBe(`${tag}-b@voorbeeldstad.nl`);
    expect(canonicalOf(d.id)).toBe(`+${tag}@voorbeeldstad.nl`);
  });
});
