// Reading comment and topic rows, and keeping a topic's comment_count in step: the pieces every
// comment command and the thread share.
import { and, eq, isNull, sql } from "drizzle-orm";
import { comments, topics } from "#db/schema";
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

/** Adds delta to a topic's comment_count; every change in visible comments calls this in its transaction. */
export function bumpCommentCount(tx: DB | Tx, topicId: number, delta: number): void {
  if (delta === 0) return;
  tx.update(topics)
    .set({ commentCount: sql`max(0, ${topics.commentCount} + ${delta})` })
    .where(eq(topics.id, topicId))
    .run();
}

/** How many replies a comment has now (counted, not taken from reply_count). */
export function countReplies(tx: DB | Tx, commentId: number): number {
  return tx.select({ n: sql<number>`count(*)` }).from(comments).where(eq(comments.parentId, commentId)).get()?.n ?? 0;
}

/** Visible comments of a topic for other modules (e.g. a councillor's "arguments for and against"). */
export function visibleCommentsCondition() {
  return and(isNull(comments.hiddenBy), isNull(comments.deletedAt));
}
