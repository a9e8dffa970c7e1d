// What a councillor does with an item awaiting the council: write a position (public or internal;
// writing again replaces it), mark it reviewed, follow everything that reaches the council.
import { and, eq, sql } from "drizzle-orm";
import { councilPositions, councilReviews, councilSubscriptions, topics, type PositionVisibility } from "#db/schema";
import type { EventActor } from "~/modules/topics/outcomes.server";
import { followTopicTx } from "~/modules/topics/topics.server";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { refuse, type Outcome } from "~/utils/refusal";
import { awaitingSegments, awaitsCouncil } from "./council.meetings.server";

function findCouncilTopic(topicId: number) {
  return db.select({ id: topics.id, kind: topics.kind, status: topics.status, hidden: topics.hidden }).from(topics).where(eq(topics.id, topicId)).get();
}

/** A councillor's position on a topic awaiting the council; one per councillor and topic, replaced when written again. */
export function writePosition(actor: EventActor, topicId: number, input: { body: string; visibility: PositionVisibility }, now = new Date()): Outcome {
  const topic = findCouncilTopic(topicId);
  if (!topic) return refuse("council.error.topicNotFound");
  if (!awaitsCouncil(topic)) return refuse("council.dossier.notAwaiting");
  const bodyHtml = renderMarkdown(input.body);
  db.transaction((tx) => {
    tx.insert(councilPositions)
      .values({ topicId, councillorId: actor.id, body: input.body, bodyHtml, visibility: input.visibility, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [councilPositions.topicId, councilPositions.councillorId], set: { body: input.body, bodyHtml, visibility: input.visibility, updatedAt: now } })
      .run();
    recordAudit(tx, { actorId: actor.id, action: "council.position", entityType: "topic", entityId: topicId, after: { visibility: input.visibility } });
  });
  return { ok: true };
}

/** Marks a topic reviewed by this councillor; a repeat is the same request. */
export function markReviewed(actor: EventActor, topicId: number, now = new Date()): Outcome {
  const topic = findCouncilTopic(topicId);
  if (!topic) return refuse("council.error.topicNotFound");
  db.insert(councilReviews).values({ topicId, councillorId: actor.id, reviewedAt: now }).onConflictDoNothing().run();
  return { ok: true };
}

/**
 * A councillor follows everything that reaches the council: every topic awaiting it now, and each
 * one the moment it comes to await it (council.arrivals.server.ts).
 */
export function subscribeToCouncil(actor: EventActor, now = new Date()): Outcome {
  db.transaction((tx) => {
    tx.insert(councilSubscriptions).values({ userId: actor.id, createdAt: now }).onConflictDoNothing().run();
    const segments = awaitingSegments();
    if (segments.length === 0) return;
    const awaiting = tx
      .select({ id: topics.id })
      .from(topics)
      .where(and(sql`(${topics.kind}, ${topics.status}) IN (${sql.join(segments.map((s) => sql`(${s.kind}, ${s.status})`), sql`, `)})`, eq(topics.hidden, false)))
      .all();
    for (const { id } of awaiting) followTopicTx(tx, actor.id, id);
  });
  return { ok: true };
}

export function unsubscribeFromCouncil(actor: EventActor): Outcome {
  db.delete(councilSubscriptions).where(eq(councilSubscriptions.userId, actor.id)).run();
  return { ok: true };
}
