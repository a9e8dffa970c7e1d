// Upvoting someone else's comment: once per person.
import { and, eq, sql } from "drizzle-orm";
import { commentUpvotes, comments } from "#db/schema";
import { topicPath } from "~/modules/topics/topics.paths";
import { db } from "~/utils/db.server";
import { can, type Actor } from "~/utils/permissions";
import type { Result } from "./comments.refusals";
import { commentOnTopic, findTopicRow } from "./comments.rows.server";

/** One upvote per person per comment; a repeat (or a race of repeats) counts once. */
export function upvoteComment(
  actor: Actor,
  input: { topicId: number; commentId: number; withdraw?: boolean },
): Result<{ topicPath: string; changed: boolean }> {
  return db.transaction((tx): Result<{ topicPath: string; changed: boolean }> => {
    const topic = findTopicRow(tx, input.topicId);
    if (!topic) return { ok: false, reason: "topic-not-found" };
    const comment = commentOnTopic(tx, topic.id, input.commentId);
    if (!comment) return { ok: false, reason: "comment-not-found" };
    if (!topic.isPublic) return { ok: false, reason: "topic-not-public" };
    if (topic.hidden) return { ok: false, reason: "topic-hidden" };
    if (actor.blocked) return { ok: false, reason: "blocked" };
    if (comment.deletedAt) return { ok: false, reason: "comment-deleted" };
    if (comment.hiddenBy) return { ok: false, reason: "comment-hidden" };
    if (comment.authorId === actor.id) return { ok: false, reason: "own-comment" };
    if (!can(actor, "comment:upvote", { authorId: comment.authorId })) return { ok: false, reason: "email-unverified" };
    let changed: boolean;
    if (input.withdraw) {
      const gone = tx
        .delete(commentUpvotes)
        .where(and(eq(commentUpvotes.commentId, comment.id), eq(commentUpvotes.userId, actor.id)))
        .run();
      if (gone.changes > 0) tx.update(comments).set({ upvoteCount: sql`${comments.upvoteCount} - 1` }).where(eq(comments.id, comment.id)).run();
      changed = gone.changes > 0;
    } else {
      const added = tx.insert(commentUpvotes).values({ commentId: comment.id, userId: actor.id }).onConflictDoNothing().run();
      if (added.changes > 0) tx.update(comments).set({ upvoteCount: sql`${comments.upvoteCount} + 1` }).where(eq(comments.id, comment.id)).run();
      changed = added.changes > 0;
    }
    return { ok: true, topicPath: topicPath(topic), changed };
  });
}
