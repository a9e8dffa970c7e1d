// What the councillors' briefing and a dossier read. The briefing lists every topic awaiting the
// council (or decided), over every kind with a council part, most supported first, a page at a
// time by key through the topics' list index; for the page's items only it reads their spread over
// neighbourhoods, their strongest arguments for and against, the meeting they are on, the kind's
// admissibility note, the viewer's review and the related topics stored when it reached the council
// (council.arrivals.server.ts). Nothing here writes.
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { comments, councilPositions, councilReviews, councilSubscriptions, neighbourhoods, outcomes, supportDailyCounts, supportNeighbourhoodCounts, topics, users, userRoles } from "#db/schema";
import { isRegisteredKind } from "~/modules/topics/topics.kinds";
import { kindServerManifest } from "~/modules/topics/topics.kinds.server";
import { idsOf, inPageOrder, topicListPage } from "~/modules/topics/topics.lists.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { listTimeline } from "~/modules/topics/topics.server";
import { db } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { arrivalsOf, relatedTopics } from "./council.arrivals.server";
import { awaitingSegments, decidedSegments, meetingsOfTopics } from "./council.meetings.server";
import { BRIEFING_ARGUMENTS, BRIEFING_PAGE_SIZE, DOSSIER_ARGUMENTS, readsPosition, spread } from "./council.rules";

export type BriefingTab = "awaiting" | "decided";

/** Whether residents support topics of this kind: a support count means nothing for the others (a vote's results are its figures). */
const takesSupport = (kind: string) => isRegisteredKind(kind) && Boolean(kindServerManifest(kind).support);

/** A topic's strongest top-level arguments of one stance, through the comments' support index. */
function strongest(topicId: number, stance: "for" | "against", limit: number) {
  return db
    .select({ id: comments.id, bodyHtml: comments.bodyHtml, body: comments.body, upvoteCount: comments.upvoteCount, createdAt: comments.createdAt })
    .from(comments)
    .where(and(eq(comments.topicId, topicId), isNull(comments.parentId), eq(comments.stance, stance), isNull(comments.hiddenBy), isNull(comments.deletedAt)))
    .orderBy(desc(comments.upvoteCount), asc(comments.id))
    .limit(limit)
    .all();
}

function neighbourhoodSpread(topicIds: readonly number[]) {
  const rows = topicIds.length
    ? db
        .select({ topicId: supportNeighbourhoodCounts.topicId, name: neighbourhoods.name, count: supportNeighbourhoodCounts.count })
        .from(supportNeighbourhoodCounts)
        .leftJoin(neighbourhoods, eq(neighbourhoods.id, supportNeighbourhoodCounts.neighbourhoodId))
        .where(and(inArray(supportNeighbourhoodCounts.topicId, [...topicIds]), gt(supportNeighbourhoodCounts.count, 0)))
        .all()
    : [];
  const byTopic = new Map<number, Array<{ name: string | null; count: number }>>();
  for (const { topicId, ...row } of rows) byTopic.set(topicId, [...(byTopic.get(topicId) ?? []), row]);
  return byTopic;
}

function admissibilityNotes(items: ReadonlyArray<{ id: number; kind: string }>): Map<number, string> {
  const notes = new Map<number, string>();
  const byKind = new Map<string, number[]>();
  for (const item of items) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item.id]);
  for (const [kind, ids] of byKind) {
    const hook = isRegisteredKind(kind) ? kindServerManifest(kind).council?.admissibilityNotes : undefined;
    if (hook) for (const [id, note] of hook(ids)) notes.set(id, note);
  }
  return notes;
}

function latestOutcomes(topicIds: readonly number[]) {
  const rows = topicIds.length
    ? db
        .select({ topicId: outcomes.topicId, type: outcomes.type, result: outcomes.result, bodyHtml: outcomes.bodyHtml, decidedAt: outcomes.decidedAt })
        .from(outcomes)
        .where(inArray(outcomes.topicId, [...topicIds]))
        .orderBy(asc(outcomes.decidedAt))
        .all()
    : [];
  return new Map(rows.map(({ topicId, ...row }) => [topicId, row]));
}

/**
 * One page of the briefing: awaiting the council (most supported first) or decided (latest
 * published first), of every kind or of one, each item with what a councillor weighs.
 */
export function briefingPage(query: { tab: BriefingTab; kind?: string | null; cursor: PageCursor | null; viewerId: string; size?: number }) {
  const size = query.size ?? BRIEFING_PAGE_SIZE;
  const ofKind = (segment: { kind: string }) => !query.kind || segment.kind === query.kind;
  const segments = (query.tab === "awaiting" ? awaitingSegments() : decidedSegments()).filter(ofKind).flatMap(({ kind, status }) => [
    { kind, status, closed: false },
    { kind, status, closed: true },
  ]);
  if (segments.length === 0) return { items: [], next: null, prev: null, total: 0, more: false };
  const page = topicListPage({ segments, order: query.tab === "awaiting" ? "support" : "latest", cursor: query.cursor, size });
  const rows = page.ids.length
    ? db
        .select({ id: topics.id, kind: topics.kind, title: topics.title, summary: topics.summary, status: topics.status, supportCount: topics.supportCount, commentCount: topics.commentCount })
        .from(topics)
        .where(idsOf(page.ids))
        .all()
    : [];
  const ordered = inPageOrder(page.ids, rows);
  const ids = ordered.map((r) => r.id);
  const spreads = neighbourhoodSpread(ids);
  const onAgenda = meetingsOfTopics(ids);
  const notes = admissibilityNotes(ordered);
  const outcomesOf = query.tab === "decided" ? latestOutcomes(ids) : new Map();
  const arrivals = arrivalsOf(ids);
  const reviewed = new Set(
    ids.length
      ? db.select({ topicId: councilReviews.topicId }).from(councilReviews).where(and(eq(councilReviews.councillorId, query.viewerId), inArray(councilReviews.topicId, ids))).all().map((r) => r.topicId)
      : [],
  );
  const items = ordered.map((topic) => ({
    ...topic,
    path: isRegisteredKind(topic.kind) ? topicPath(topic) : null,
    supported: takesSupport(topic.kind),
    spread: spread(spreads.get(topic.id) ?? [], topic.supportCount).slice(0, 3),
    arguments: { for: strongest(topic.id, "for", BRIEFING_ARGUMENTS), against: strongest(topic.id, "against", BRIEFING_ARGUMENTS) },
    meeting: onAgenda.get(topic.id)?.[0] ?? null,
    admissibility: notes.get(topic.id) ?? null,
    outcome: outcomesOf.get(topic.id) ?? null,
    reviewed: reviewed.has(topic.id),
    awaitingSince: query.tab === "awaiting" ? (arrivals.get(topic.id)?.arrivedAt ?? null) : null,
    related: arrivals.get(topic.id)?.related ?? [],
  }));
  return { items, next: page.next, prev: page.prev, total: page.total, more: page.more };
}

/** Councillors' positions on a topic, newest first; internal ones only for those who may read them. */
export function positionsOn(topicId: number, mayReadInternal: boolean) {
  const rows = db
    .select({ id: councilPositions.id, councillorId: councilPositions.councillorId, name: users.displayName, bodyHtml: councilPositions.bodyHtml, body: councilPositions.body, visibility: councilPositions.visibility, updatedAt: councilPositions.updatedAt })
    .from(councilPositions)
    .leftJoin(users, eq(users.id, councilPositions.councillorId))
    .where(mayReadInternal ? eq(councilPositions.topicId, topicId) : and(eq(councilPositions.topicId, topicId), eq(councilPositions.visibility, "public")))
    .orderBy(desc(councilPositions.updatedAt))
    .all();
  return rows.filter((p) => readsPosition(p, mayReadInternal));
}

/** Everything a dossier shows about one topic. */
export function loadDossier(topicId: number, viewer: { id: string; mayReadInternal: boolean }) {
  const topic = db
    .select({ id: topics.id, kind: topics.kind, title: topics.title, summary: topics.summary, body: topics.body, bodyHtml: topics.bodyHtml, status: topics.status, supportCount: topics.supportCount, commentCount: topics.commentCount, hidden: topics.hidden, isPublic: topics.isPublic, authorId: topics.authorId })
    .from(topics)
    .where(eq(topics.id, topicId))
    .get();
  if (!topic || !isRegisteredKind(topic.kind) || !kindServerManifest(topic.kind).council) return null;
  const council = kindServerManifest(topic.kind).council!;
  const stanceCounts = db
    .select({ stance: comments.stance, n: sql<number>`count(*)` })
    .from(comments)
    .where(and(eq(comments.topicId, topicId), isNull(comments.parentId), isNull(comments.hiddenBy), isNull(comments.deletedAt), inArray(comments.stance, ["for", "against"])))
    .groupBy(comments.stance)
    .all();
  const count = (stance: string) => stanceCounts.find((r) => r.stance === stance)?.n ?? 0;
  const overTime = db
    .select({ day: supportDailyCounts.day, count: supportDailyCounts.count })
    .from(supportDailyCounts)
    .where(eq(supportDailyCounts.topicId, topicId))
    .orderBy(asc(supportDailyCounts.day))
    .all();
  const review = db.select({ reviewedAt: councilReviews.reviewedAt }).from(councilReviews).where(and(eq(councilReviews.topicId, topicId), eq(councilReviews.councillorId, viewer.id))).get();
  return {
    topic: { ...topic, path: topicPath(topic), supported: takesSupport(topic.kind) },
    awaiting: council.awaitingIn.includes(topic.status),
    meetings: meetingsOfTopics([topicId]).get(topicId) ?? [],
    admissibility: council.admissibilityNotes?.([topicId]).get(topicId) ?? null,
    overTime,
    spread: spread(neighbourhoodSpread([topicId]).get(topicId) ?? [], topic.supportCount),
    stances: { for: count("for"), against: count("against") },
    arguments: { for: strongest(topicId, "for", DOSSIER_ARGUMENTS), against: strongest(topicId, "against", DOSSIER_ARGUMENTS) },
    related: relatedTopics(topic),
    history: listTimeline(topicId),
    positions: positionsOn(topicId, viewer.mayReadInternal),
    reviewedAt: review?.reviewedAt ?? null,
  };
}

export function isSubscribed(userId: string): boolean {
  return Boolean(db.select({ u: councilSubscriptions.userId }).from(councilSubscriptions).where(eq(councilSubscriptions.userId, userId)).get());
}

/** The ids of councillors among some people: their comments carry the "raadslid" badge. */
export function councillorsAmong(userIds: readonly string[]): Set<string> {
  if (userIds.length === 0) return new Set();
  return new Set(
    db.select({ id: userRoles.userId }).from(userRoles).where(and(inArray(userRoles.userId, [...userIds]), eq(userRoles.role, "councillor"))).all().map((r) => r.id),
  );
}
