// db/migrations/0019_timeline_event_catalogue.sql: events written before the catalogue get their
// kind, the actor's role and a key that keeps a once-only event from being recorded twice, and
// audit entries written as "petition 12" move under "topic 12" (docs/decisions/017).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, topicEvents } from "#db/schema";
import { petitionTimeline } from "~/modules/petitions/petitions.server";
import { insertTopic } from "~/modules/topics/topics.server";
import { db, sqlite } from "~/utils/db.server";
import { createPerson } from "../../support/fixtures";

/** The migration's updates again (its columns and indexes exist already in the test database). */
function runBackfillAgain() {
  const source = fs.readFileSync("db/migrations/0019_timeline_event_catalogue.sql", "utf8");
  for (const statement of source.split("--> statement-breakpoint")) {
    if (/^\s*(--[^\n]*\n\s*)*UPDATE/.test(statement)) sqlite().exec(statement);
  }
}

describe("the events written before the catalogue", () => {
  it("get their kind, the actor's role and a key; a once-only event is then not recorded again", async () => {
    const author = await createPerson();
    const clerk = await createPerson({ roles: ["clerk"] });
    const topicId = db.transaction((tx) => insertTopic(tx, { kind: "petition", title: "Oude petitie", authorId: author.id, status: "responded", isPublic: true }));
    const old = (type: string, actorId: string | null, data: Record<string, unknown> = {}) =>
      db.insert(topicEvents).values({ topicId, type, actorId, data }).returning({ id: topicEvents.id }).get().id;
    const created = old("created", author.id);
    const published = old("published", clerk.id);
    const response = old("threshold-reached", null, { count: 500, kind: "response" });
    const step = old("next-step-added", clerk.id, { description: "Een brief" });
    const responded = old("responded", clerk.id);
    db.insert(auditLog).values({ actorId: clerk.id, action: "petition.publish", entityType: "petition", entityId: String(topicId) }).run();

    runBackfillAgain();
    const rows = new Map(db.select().from(topicEvents).where(eq(topicEvents.topicId, topicId)).all().map((e) => [e.id, e]));
    expect([created, published, response, step, responded].map((id) => [rows.get(id)!.kind, rows.get(id)!.actorRole, rows.get(id)!.eventKey])).toEqual([
      ["petition", "author", "created"],
      ["petition", "staff", "published"],
      ["petition", "system", "threshold-reached:response"],
      ["petition", "staff", `legacy:${step}`],
      ["petition", "staff", "responded"],
    ]);
    expect(db.select({ type: auditLog.entityType }).from(auditLog).where(eq(auditLog.entityId, String(topicId))).all()).toEqual([{ type: "topic" }]);

    // The service finds the old events by their keys: a repeat is the same request.
    const again = db.transaction((tx) => petitionTimeline.record(tx, { topicId, type: "responded", payload: {}, actor: null }));
    expect(again).toEqual({ ok: true, already: true });
    const crossing = db.transaction((tx) => petitionTimeline.record(tx, { topicId, type: "threshold-reached", payload: { count: 500, threshold: "response" }, actor: null }));
    expect(crossing).toEqual({ ok: true, already: true });
    const debate = db.transaction((tx) => petitionTimeline.record(tx, { topicId, type: "threshold-reached", payload: { count: 2000, threshold: "debate" }, actor: null }));
    expect(debate).toMatchObject({ ok: true, already: false });
  });
});
