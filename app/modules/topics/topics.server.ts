import { and, asc, desc, eq, inArray, not, sql } from "drizzle-orm";
import { follows, nextSteps, outcomes, topicEvents, topics, users, type TopicKind } from "#db/schema";
import { db, sqlite, type DB, type Tx } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { eventSpec } from "./timeline.events";
import { isRegisteredKind, kindManifest, registeredKinds } from "./topics.kinds";

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
  db.transaction((tx) => {
    const inserted = tx.insert(follows).values({ userId, topicId }).onConflictDoNothing().run();
    if (inserted.changes > 0) {
      tx.update(topics).set({ followerCount: sql`${topics.followerCount} + 1` }).where(eq(topics.id, topicId)).run();
    }
  });
}

export function unfollowTopic(userId: string, topicId: number): void {
  db.transaction((tx) => {
    const deleted = tx.delete(follows).where(and(eq(follows.userId, userId), eq(follows.topicId, topicId))).run();
    if (deleted.changes > 0) {
      tx.update(topics).set({ followerCount: sql`${topics.followerCount} - 1` }).where(eq(topics.id, topicId)).run();
    }
  });
}

/** Follows inside a caller's transaction (e.g. signing or commenting also follows). */
export function followTopicTx(tx: DB | Tx, userId: string, topicId: number): void {
  const inserted = tx.insert(follows).values({ userId, topicId }).onConflictDoNothing().run();
  if (inserted.changes > 0) {
    tx.update(topics).set({ followerCount: sql`${topics.followerCount} + 1` }).where(eq(topics.id, topicId)).run();
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

/** The words a person typed, without FTS5 syntax: letters and digits only, at most twelve. */
function searchTerms(input: string): string[] {
  return input
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .slice(0, 12);
}

/** Turns what a person typed into an FTS5 query of quoted prefix terms: no operator injection. */
export function toFtsQuery(input: string): string | null {
  const terms = searchTerms(input);
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term}"*`).join(" ");
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

// Weights per column (title, summary, body): a term in the title says most about a topic.
const RANK = "10.0, 3.0, 1.0";

/**
 * Full-text search over what anyone may see. Both indexes hold only public, visible topics (the
 * triggers of migration 0008 keep them so), so no match is ever joined to its topic to be
 * filtered out. Parts of words are found through the trigram index; topics where the terms are
 * whole words (or word starts) come first, ranked by the word index, then the rest by the
 * trigram index's own rank.
 */
export function searchTopics(query: string, options: { kind?: TopicKind; limit?: number; offset?: number } = {}): {
  hits: SearchHit[];
  total: number;
} {
  const words = toFtsQuery(query);
  if (!words) return { hits: [], total: 0 };
  const parts = toPartOfWordQuery(query);
  const kindClause = options.kind ? "AND t.kind = @kind" : "";
  const params = { words, parts, kind: options.kind ?? null, limit: options.limit ?? 20, offset: options.offset ?? 0 };
  const raw = sqlite();
  if (!parts) {
    const hits = raw
      .prepare(
        `SELECT t.id, t.kind, t.title, t.summary, t.status, snippet(topics_fts, 2, '[[', ']]', ' … ', 16) AS snippet
           FROM topics_fts JOIN topics t ON t.id = topics_fts.rowid
          WHERE topics_fts MATCH @words ${kindClause}
          ORDER BY bm25(topics_fts, ${RANK}) LIMIT @limit OFFSET @offset`,
      )
      .all(params) as SearchHit[];
    const { n } = raw
      .prepare(`SELECT count(*) AS n FROM topics_fts JOIN topics t ON t.id = topics_fts.rowid WHERE topics_fts MATCH @words ${kindClause}`)
      .get(params) as { n: number };
    return { hits, total: n };
  }
  const page = raw
    .prepare(
      `WITH whole AS MATERIALIZED (SELECT rowid AS id, bm25(topics_fts, ${RANK}) AS score FROM topics_fts WHERE topics_fts MATCH @words),
            found AS (SELECT rowid AS id, bm25(topics_trigram, ${RANK}) AS score FROM topics_trigram WHERE topics_trigram MATCH @parts)
       SELECT t.id, t.kind, t.title, t.summary, t.status
         FROM found JOIN topics t ON t.id = found.id LEFT JOIN whole ON whole.id = found.id
        WHERE 1 ${kindClause}
        ORDER BY whole.id IS NULL, whole.score, found.score, found.id
        LIMIT @limit OFFSET @offset`,
    )
    .all(params) as Omit<SearchHit, "snippet">[];
  const { n } = raw
    .prepare(`SELECT count(*) AS n FROM topics_trigram JOIN topics t ON t.id = topics_trigram.rowid WHERE topics_trigram MATCH @parts ${kindClause}`)
    .get(params) as { n: number };
  if (page.length === 0) return { hits: [], total: n };
  // Snippets for the page only: the part of a word that matched is marked ("Stads[[park]]").
  const snippets = new Map(
    (
      raw
        .prepare(
          `SELECT rowid AS id, snippet(topics_trigram, 2, '[[', ']]', ' … ', 48) AS snippet
             FROM topics_trigram WHERE topics_trigram MATCH @parts AND rowid IN (SELECT value FROM json_each(@ids))`,
        )
        .all({ parts, ids: JSON.stringify(page.map((hit) => hit.id)) }) as Array<{ id: number; snippet: string }>
    ).map((row) => [row.id, row.snippet]),
  );
  return { hits: page.map((hit) => ({ ...hit, snippet: snippets.get(hit.id) ?? "" })), total: n };
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
