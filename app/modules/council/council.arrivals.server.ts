// A topic reaching the council: the moment it first awaits it (whatever its kind, whether or not it
// is ever placed on an agenda) the councillors who follow everything that reaches the council
// follow it and are told, once; afterwards a job gathers the related topics its briefing card shows.
//
// Why related topics are stored and not searched per card: a search costs 4–30 ms (decision 015)
// and a card asks for three words, so a briefing page of 25 cards would spend up to two seconds
// searching on every view. They are found once per topic, by a job off the request path, and the
// card reads them back with one query for the page; hidden or withdrawn ones are left out when read.
// They are the related topics as they stood when the topic reached the council; the dossier, one
// topic at a time, still searches afresh.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { councilArrivals, councilSubscriptions, topics } from "#db/schema";
import { notify } from "~/modules/notifications/notifications.server";
import { activeRecipients } from "~/modules/participation/recipients.server";
import type { TopicEventWatcher } from "~/modules/topics/outcomes.server";
import { isRegisteredKind } from "~/modules/topics/topics.kinds";
import { topicPath } from "~/modules/topics/topics.paths";
import { followTopicTx, searchTopics } from "~/modules/topics/topics.server";
import { db, type Tx } from "~/utils/db.server";
import { yieldEvery } from "~/utils/jobs.yield";
import { awaitingSegments, awaitsCouncil } from "./council.meetings.server";
import { BRIEFING_RELATED } from "./council.rules";

/** Topics a run of the job gathers related topics for between pauses. */
const RELATED_BATCH = 20;

/** Councillors who follow everything that reaches the council. */
function subscriberIds(tx: Tx): string[] {
  return tx.select({ id: councilSubscriptions.userId }).from(councilSubscriptions).all().map((r) => r.id);
}

/**
 * The outcome service's watcher (wired in app/kinds.server.ts): after any event on a topic, in its
 * transaction, a topic that now awaits the council and never did before is noted as arrived, and
 * every subscribed councillor follows it and is told. Later events find the arrival and do nothing.
 */
export const noticeArrival: TopicEventWatcher = (tx, { topicId, at }) => {
  const topic = tx.select({ id: topics.id, kind: topics.kind, status: topics.status, hidden: topics.hidden, title: topics.title }).from(topics).where(eq(topics.id, topicId)).get();
  if (!topic || !awaitsCouncil(topic)) return;
  const arrived = tx.insert(councilArrivals).values({ topicId, arrivedAt: at }).onConflictDoNothing().run();
  if (arrived.changes === 0) return;
  const subscribers = subscriberIds(tx);
  if (subscribers.length === 0) return;
  for (const id of subscribers) followTopicTx(tx, id, topicId, at);
  notify(tx, activeRecipients(tx, subscribers, at), {
    type: "council.notification.arrived",
    topicId,
    data: { title: topic.title },
    link: `/council/${topicId}`,
    eventKey: `council-arrived:${topicId}`,
    category: "updates",
  });
};

/**
 * Notes, without telling anyone, topics that await the council but have no arrival: those that
 * came to await it before arrivals were kept (the demo seed, older data) or while hidden.
 */
function noteEarlierArrivals(now: Date, size: number): number {
  const segments = awaitingSegments();
  if (segments.length === 0) return 0;
  return db.transaction((tx) => {
    const missing = tx
      .select({ id: topics.id, updatedAt: topics.updatedAt })
      .from(topics)
      .where(
        and(
          sql`(${topics.kind}, ${topics.status}) IN (${sql.join(segments.map((s) => sql`(${s.kind}, ${s.status})`), sql`, `)})`,
          eq(topics.hidden, false),
          sql`NOT EXISTS (SELECT 1 FROM ${councilArrivals} WHERE ${councilArrivals.topicId} = ${topics.id})`,
        ),
      )
      .limit(size)
      .all();
    // Its last change is when it came to await the council, as near as can be told afterwards.
    for (const { id, updatedAt } of missing) tx.insert(councilArrivals).values({ topicId: id, arrivedAt: updatedAt ?? now }).onConflictDoNothing().run();
    return missing.length;
  });
}

/**
 * The job: gathers the related topics of every arrival that has none yet, a topic at a time (the
 * searches read; each write is one short statement), giving way between them. Returns how many.
 */
export async function gatherRelatedTopics(now = new Date(), size = RELATED_BATCH): Promise<number> {
  while (noteEarlierArrivals(now, size) === size) await yieldEvery();
  let gathered = 0;
  for (;;) {
    const pending = db
      .select({ id: topics.id, title: topics.title })
      .from(councilArrivals)
      .innerJoin(topics, eq(topics.id, councilArrivals.topicId))
      .where(isNull(councilArrivals.relatedAt))
      .limit(size)
      .all();
    for (const topic of pending) {
      const related = relatedTopics(topic, BRIEFING_RELATED).map((t) => t.id);
      db.update(councilArrivals).set({ related, relatedAt: now }).where(eq(councilArrivals.topicId, topic.id)).run();
      gathered++;
      await yieldEvery();
    }
    if (pending.length < size) return gathered;
  }
}

/** A few public topics that share the title's telling words, without the topic itself. */
export function relatedTopics(topic: { id: number; title: string }, limit = 5) {
  const words = [...new Set(topic.title.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 5))].sort((a, b) => b.length - a.length).slice(0, 3);
  const found = new Map<number, { id: number; kind: string; title: string }>();
  for (const word of words) {
    for (const hit of searchTopics(word, { limit: limit + 1 }).hits) {
      if (hit.id !== topic.id && !found.has(hit.id) && isRegisteredKind(hit.kind)) found.set(hit.id, { id: hit.id, kind: hit.kind, title: hit.title });
    }
    if (found.size >= limit) break;
  }
  return [...found.values()].slice(0, limit).map((t) => ({ ...t, path: topicPath(t) }));
}

export interface RelatedTopic {
  id: number;
  kind: string;
  title: string;
  path: string;
}

export interface Arrival {
  arrivedAt: Date;
  related: RelatedTopic[];
}

/**
 * When each of a page of briefing items reached the council and its stored related topics, in two
 * queries, leaving out related topics no longer public or visible.
 */
export function arrivalsOf(topicIds: readonly number[]): Map<number, Arrival> {
  const byTopic = new Map<number, Arrival>();
  if (topicIds.length === 0) return byTopic;
  const stored = db.select({ topicId: councilArrivals.topicId, arrivedAt: councilArrivals.arrivedAt, related: councilArrivals.related }).from(councilArrivals).where(inArray(councilArrivals.topicId, [...topicIds])).all();
  const wanted = [...new Set(stored.flatMap((r) => r.related ?? []))];
  const found = new Map(
    (wanted.length === 0 ? [] : db
      .select({ id: topics.id, kind: topics.kind, title: topics.title })
      .from(topics)
      .where(and(inArray(topics.id, wanted), eq(topics.isPublic, true), eq(topics.hidden, false)))
      .all())
      .filter((t) => isRegisteredKind(t.kind))
      .map((t) => [t.id, { ...t, path: topicPath(t) }]),
  );
  for (const row of stored) {
    byTopic.set(row.topicId, { arrivedAt: row.arrivedAt, related: (row.related ?? []).flatMap((id) => found.get(id) ?? []) });
  }
  return byTopic;
}
