import { and, asc, desc, eq, inArray, not, sql } from "drizzle-orm";
import { stoppedTakingPart, tookPart } from "./participations.server";
import { follows, nextSteps, outcomes, topicEvents, topics, users, type TopicKind } from "#db/schema";
import { db, sqlite, type DB, type Tx } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { eventSpec } from "./timeline.events";
import { isRegisteredKind, kindManifest, registeredKinds } from "./topics.kinds";
import { markedExcerpt, searchTerms } from "./search.rules";
import { readsTopic } from "./topics.permissions";

export type Topic = typeof topics.$inferSelect;

export interface NewTopic {
  kind: TopicKind;
  title: string;
  summary?: string;
  body?: string;
  authorId: string | null;
  status: string;
  isPublic?: boolean;
  neighbourhoodId?: number | null;
  closesAt?: Date | null;
}

/** Inserts the shared topic row (body rendered and sanitised once, here). Returns its id. */
export function insertTopic(tx: DB | Tx, topic: NewTopic): number {
  const row = tx
    .insert(topics)
    .values({
      kind: topic.kind,
      title: topic.title,
      summary: topic.summary ?? "",
      body: topic.body ?? "",
      bodyHtml: renderMarkdown(topic.body ?? ""),
      authorId: topic.authorId,
      status: topic.status,
      isPublic: topic.isPublic ?? false,
      neighbourhoodId: topic.neighbourhoodId ?? null,
      closesAt: topic.closesAt ?? null,
    })
    .returning({ id: topics.id })
    .get();
  return row.id;
}

/** Rewrites title, summary and body (re-rendering the HTML). */
export function updateTopicText(
  tx: DB | Tx,
  topicId: number,
  text: { title: string; summary: string; body: string },
): void {
  tx.update(topics)
    .set({ ...text, bodyHtml: renderMarkdown(text.body), updatedAt: new Date() })
    .where(eq(topics.id, topicId))
    .run();
}

export function findTopic(topicId: number, kind?: TopicKind): Topic | undefined {
  return db
    .select()
    .from(topics)
    .where(kind ? and(eq(topics.id, topicId), eq(topics.kind, kind)) : eq(topics.id, topicId))
    .get();
}

/**
 * A topic's public timeline, oldest first, each event with the words its catalogue gives it
 * (timeline.events.ts; null for a type no registered catalogue declares any more).
 */
export function listTimeline(topicId: number) {
  return db
    .select({ id: topicEvents.id, kind: topicEvents.kind, type: topicEvents.type, data: topicEvents.data, createdAt: topicEvents.createdAt })
    .from(topicEvents)
    .where(and(eq(topicEvents.topicId, topicId), eq(topicEvents.isPublic, true)))
    .orderBy(asc(topicEvents.createdAt), asc(topicEvents.id))
    .all()
    .map(({ kind, ...event }) => ({ ...event, message: (kind && isRegisteredKind(kind) ? eventSpec(kindManifest(kind).events, event.type) : undefined)?.message ?? null }));
}

/** Follows a topic; a repeat is the same request. Keeps follower_count in step. */
export function followTopic(userId: string, topicId: number): void {
  db.transaction((tx) => followTopicTx(tx, userId, topicId));
}

export function unfollowTopic(userId: string, topicId: number): void {
  db.transaction((tx) => {
    const deleted = tx.delete(follows).where(and(eq(follows.userId, userId), eq(follows.topicId, topicId))).run();
    if (deleted.changes > 0) {
      tx.update(topics).set({ followerCount: sql`${topics.followerCount} - 1` }).where(eq(topics.id, topicId)).run();
      stoppedTakingPart(tx, { userId, topicId, way: "followed" });
    }
  });
}

/** Follows inside a caller's transaction (e.g. signing or commenting also follows). */
export function followTopicTx(tx: DB | Tx, userId: string, topicId: number, at = new Date()): void {
  const inserted = tx.insert(follows).values({ userId, topicId }).onConflictDoNothing().run();
  if (inserted.changes > 0) {
    tx.update(topics).set({ followerCount: sql`${topics.followerCount} + 1` }).where(eq(topics.id, topicId)).run();
    tookPart(tx, { userId, topicId, way: "followed", at });
  }
}

export function isFollowing(userId: string, topicId: number): boolean {
  return Boolean(
    db.select({ u: follows.userId }).from(follows).where(and(eq(follows.userId, userId), eq(follows.topicId, topicId))).get(),
  );
}

export function followerIds(tx: DB | Tx, topicId: number): string[] {
  return tx.select({ id: follows.userId }).from(follows).where(eq(follows.topicId, topicId)).all().map((r) => r.id);
}

/** The "what happened / what happens next" block. */
export function getOutcomeBlock(topicId: number) {
  const decided = db
    .select({
      id: outcomes.id,
      type: outcomes.type,
      result: outcomes.result,
      bodyHtml: outcomes.bodyHtml,
      responsibleBody: outcomes.responsibleBody,
      decidedAt: outcomes.decidedAt,
    })
    .from(outcomes)
    .where(eq(outcomes.topicId, topicId))
    .orderBy(asc(outcomes.decidedAt))
    .all();
  const steps = db
    .select()
    .from(nextSteps)
    .where(eq(nextSteps.topicId, topicId))
    .orderBy(asc(nextSteps.dueAt), asc(nextSteps.id))
    .all();
  return { outcomes: decided, nextSteps: steps };
}

/** The display name of an author, or null when the account was deleted (shown as "deleted participant"). */
export function authorName(authorId: string | null): string | null {
  if (!authorId) return null;
  const row = db.select({ name: users.displayName, deletedAt: users.deletedAt }).from(users).where(eq(users.id, authorId)).get();
  return row && !row.deletedAt ? row.name : null;
}

export interface SearchHit {
  id: number;
  kind: TopicKind;
  title: string;
  summary: string;
  status: string;
  snippet: string;
}

/**
 * Turns what a person typed into an FTS5 query of quoted whole words: no operator injection. Not
 * prefixes: FTS5 answers a prefix by merging the whole doclist of every word it starts (all of
 * "de", "deze", "dezelfde"), whatever the LIMIT; word starts are found by the trigram index.
 */
export function toFtsQuery(input: string): string | null {
  const terms = searchTerms(input);
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term}"`).join(" ");
}

/**
 * The query for the trigram index: every term of three characters or more, found anywhere inside a
 * word. Shorter terms ("de", "en") cannot be found by trigrams and carry little meaning, so they
 * are left out here; a query of only short terms is searched in the word index alone.
 */
export function toPartOfWordQuery(input: string): string | null {
  const terms = searchTerms(input).filter((term) => [...term].length >= 3);
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term}"`).join(" AND ");
}

/** Search counts matches up to this many and says "more than" beyond it; it is also the deepest result shown. */
export const SEARCH_RESULTS_CAP = 1000;

/**
 * Where a topic matches, best first: the terms as whole words in its title, then anywhere; then
 * as parts of words (the trigram index) in its title, then anywhere. A topic takes its best tier;
 * within a tier the newest comes first. (A tier per column costs a walk of the terms' doclists
 * each when few topics match it; the title is the one that says most.)
 */
const SEARCH_TIERS = [
  { index: "topics_fts", column: "title" },
  { index: "topics_fts", column: null },
  { index: "topics_trigram", column: "title" },
  { index: "topics_trigram", column: null },
] as const;

/**
 * Full-text search over what anyone may see. Both indexes hold only public, visible topics (the
 * triggers of migration 0008 keep them so), so no match is ever joined to its topic to be
 * filtered out. Parts of words are found through the trigram index.
 *
 * What a page costs is bounded by how deep it is, not by how many topics match: each tier's FTS
 * query walks its index from the newest rowid and stops after offset + limit matches (a topic in
 * the first n of the merged order is in the first n of its own tier, since everything above it
 * there is above it in the merged order too). Nothing is ranked by bm25, which reads every
 * match of every term to weigh it: at 100,000 topics a common word costs that on every search.
 * The count stops at the cap ("more than 1,000"), and pages end there.
 */
export function searchTopics(query: string, options: { kind?: TopicKind; limit?: number; offset?: number } = {}): {
  hits: SearchHit[];
  total: number;
  more: boolean;
} {
  const words = toFtsQuery(query);
  if (!words) return { hits: [], total: 0, more: false };
  const parts = toPartOfWordQuery(query);
  const offset = Math.min(Math.max(0, options.offset ?? 0), SEARCH_RESULTS_CAP);
  const limit = Math.max(0, Math.min(options.limit ?? 20, SEARCH_RESULTS_CAP - offset));
  const tiers = SEARCH_TIERS.filter((tier) => tier.index === "topics_fts" || parts);
  const params: Record<string, string | number> = { depth: offset + limit, limit, offset, cap: SEARCH_RESULTS_CAP };
  if (options.kind) params.kind = options.kind;
  const tierQueries = tiers.map((tier, i) => {
    const terms = tier.index === "topics_fts" ? words : parts!;
    params[`match${i}`] = tier.column ? `{${tier.column}} : (${terms})` : terms;
    return options.kind
      ? `SELECT * FROM (SELECT f.rowid AS id, ${i} AS tier FROM ${tier.index} f JOIN topics t ON t.id = f.rowid
           WHERE ${tier.index} MATCH @match${i} AND t.kind = @kind ORDER BY f.rowid DESC LIMIT @depth)`
      : `SELECT * FROM (SELECT rowid AS id, ${i} AS tier FROM ${tier.index} WHERE ${tier.index} MATCH @match${i} ORDER BY rowid DESC LIMIT @depth)`;
  });
  const raw = sqlite();
  const page = raw
    .prepare(
      `SELECT t.id, t.kind, t.title, t.summary, t.status, t.body, best.tier, t.is_public AS isPublic, t.hidden, t.author_id AS authorId
         FROM (SELECT id, min(tier) AS tier FROM (${tierQueries.join(" UNION ALL ")}) GROUP BY id ORDER BY tier, id DESC LIMIT @limit OFFSET @offset) best
         JOIN topics t ON t.id = best.id
        ORDER BY best.tier, t.id DESC`,
    )
    .all(params) as Array<Omit<SearchHit, "snippet"> & { body: string; tier: number; isPublic: number; hidden: number; authorId: string | null }>;
  // The widest tier holds every match: counted up to one past the cap.
  const widest = tiers.length - 1;
  const counted = (
    raw
      .prepare(`SELECT count(*) AS n FROM (${tierQueries[widest]!.replace("LIMIT @depth", "LIMIT @cap + 1")})`)
      .get({ [`match${widest}`]: params[`match${widest}`]!, cap: SEARCH_RESULTS_CAP, ...(options.kind ? { kind: options.kind } : {}) }) as { n: number }
  ).n;
  const total = Math.min(counted, SEARCH_RESULTS_CAP);
  const more = counted > SEARCH_RESULTS_CAP;
  if (page.length === 0) return { hits: [], total, more };
  // Excerpts for the page only, with what was searched for marked ("Ooster[[park]]").
  const terms = searchTerms(query);
  const marked = terms.some((term) => [...term].length >= 3) ? terms.filter((term) => [...term].length >= 3) : terms;
  // The indexes hold only public, visible topics; a kind's own visibility hook has the last word,
  // as on its page (search answers everyone alike: what a visitor may read).
  const readable = page.filter((hit) => readsTopic(null, { kind: hit.kind, isPublic: hit.isPublic === 1, hidden: hit.hidden === 1, authorId: hit.authorId }));
  return {
    hits: readable.map(({ tier: _tier, body, isPublic: _public, hidden: _hidden, authorId: _author, ...hit }) => ({ ...hit, snippet: markedExcerpt(body, marked) })),
    total,
    more,
  };
}

/** The newest public topics for the home page, without what each kind's manifest calls no news (a rejected petition). */
export function latestPublicTopics(limit = 6) {
  return db
    .select({
      id: topics.id, kind: topics.kind, title: topics.title, summary: topics.summary, status: topics.status,
      supportCount: topics.supportCount, commentCount: topics.commentCount, publishedAt: topics.publishedAt,
    })
    .from(topics)
    .where(
      and(
        eq(topics.isPublic, true),
        eq(topics.hidden, false),
        ...registeredKinds()
          .filter((k) => k.home.notNews.length > 0)
          .map((k) => not(and(eq(topics.kind, k.kind), inArray(topics.status, [...k.home.notNews]))!)),
      ),
    )
    .orderBy(desc(topics.publishedAt), desc(topics.id))
    .limit(limit)
    .all();
}
