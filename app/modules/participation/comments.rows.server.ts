// Reading comment and topic rows, and keeping a topic's comment_count in step: the pieces every
// comment command and the thread share.
import { and, eq, isNull, sql } from "drizzle-orm";
import { commentPartCounts, comments, topics } from "#db/schema";
import { kindServerManifest } from "~/modules/topics/topics.kinds.server";
import { topicPath } from "~/modules/topics/topics.paths";
import type { DB, Tx } from "~/utils/db.server";

export type TopicRow = typeof topics.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;

export const findTopicRow = (tx: DB | Tx, topicId: number) => tx.select().from(topics).where(eq(topics.id, topicId)).get();
export const findCommentRow = (tx: DB | Tx, commentId: number) => tx.select().from(comments).where(eq(comments.id, commentId)).get();

/** The comment on this topic, or undefined when the id is unknown or belongs to another topic. */
export function commentOnTopic(tx: DB | Tx, topicId: number, commentId: number): CommentRow | undefined {
  const row = findCommentRow(tx, commentId);
  return row && row.topicId === topicId ? row : undefined;
}

/**
 * Adds delta to a topic's comment_count, and to its part's count when the comments are about a part
 * of it (a bylaw's article); every change in visible comments calls this in its transaction.
 */
export function bumpCommentCount(tx: DB | Tx, topicId: number, delta: number, partId: number | null = null): void {
  if (delta === 0) return;
  tx.update(topics)
    .set({ commentCount: sql`max(0, ${topics.commentCount} + ${delta})` })
    .where(eq(topics.id, topicId))
    .run();
  if (partId === null) return;
  tx.insert(commentPartCounts)
    .values({ topicId, partId, count: Math.max(0, delta) })
    .onConflictDoUpdate({ target: [commentPartCounts.topicId, commentPartCounts.partId], set: { count: sql`max(0, ${commentPartCounts.count} + ${delta})` } })
    .run();
}

/** Visible comments per part of a topic, for a page that lists its parts' activity (one indexed read). */
export function commentCountsByPart(tx: DB | Tx, topicId: number): Map<number, number> {
  const rows = tx.select({ partId: commentPartCounts.partId, count: commentPartCounts.count }).from(commentPartCounts).where(eq(commentPartCounts.topicId, topicId)).all();
  return new Map(rows.map((r) => [r.partId, r.count]));
}

/** The page a thread is on: the topic's, or its part's page when the kind declares parts (its manifest's commentParts). */
export function threadPath(topic: Pick<TopicRow, "id" | "kind">, partId: number | null): string {
  if (partId === null) return topicPath(topic);
  const parts = kindServerManifest(topic.kind).commentParts;
  return parts ? parts.path(topic.id, partId) : topicPath(topic);
}

/** Whether the part a comment names is one of this topic's (a tampered id, or a kind without parts, is not). */
export function partOfTopic(tx: DB | Tx, topic: Pick<TopicRow, "id" | "kind">, partId: number): boolean {
  const parts = kindServerManifest(topic.kind).commentParts;
  return Boolean(parts?.exists(tx, topic.id, partId));
}

/** How many replies a comment has now (counted, not taken from reply_count). */
export function countReplies(tx: DB | Tx, commentId: number): number {
  return tx.select({ n: sql<number>`count(*)` }).from(comments).where(eq(comments.parentId, commentId)).get()?.n ?? 0;
}

/** Visible comments of a topic for other modules (e.g. a councillor's "arguments for and against"). */
export function visibleCommentsCondition() {
  return and(isNull(comments.hiddenBy), isNull(comments.deletedAt));
}
