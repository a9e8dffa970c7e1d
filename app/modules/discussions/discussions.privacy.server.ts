import { and, eq, inArray, sql } from "drizzle-orm";
import { commentUpvotes, comments, flags, moderationActions, topics } from "#db/schema";
import type { PersonalDataSource } from "~/modules/accounts/personal-data";
import { eraseActorFromMail } from "~/modules/notifications/notifications.server";

/**
 * Comments, upvotes, flags and discussions of a person, for download-my-data and account deletion.
 * Erasing keeps the conversation readable: comments and discussions stay, without their author
 * ("deleted participant"); upvotes are removed and the counts lowered with them; flags stay,
 * anonymous, so the moderation statistics do not change.
 */
export const discussionPersonalData: PersonalDataSource = {
  name: "discussions",
  collect: (db, userId) => ({
    comments: db
      .select({
        id: comments.id,
        topicId: comments.topicId,
        parentId: comments.parentId,
        body: comments.body,
        stance: comments.stance,
        hiddenBy: comments.hiddenBy,
        deletedAt: comments.deletedAt,
        editedAt: comments.editedAt,
        createdAt: comments.createdAt,
      })
      .from(comments)
      .where(eq(comments.authorId, userId))
      .all(),
    upvotes: db
      .select({ commentId: commentUpvotes.commentId, createdAt: commentUpvotes.createdAt })
      .from(commentUpvotes)
      .where(eq(commentUpvotes.userId, userId))
      .all(),
    flags: db
      .select({ targetType: flags.targetType, targetId: flags.targetId, reason: flags.reason, note: flags.note, createdAt: flags.createdAt, resolution: flags.resolution })
      .from(flags)
      .where(eq(flags.flaggerId, userId))
      .all(),
    discussions: db
      .select({ id: topics.id, title: topics.title, body: topics.body, status: topics.status, createdAt: topics.createdAt })
      .from(topics)
      .where(and(eq(topics.kind, "discussion"), eq(topics.authorId, userId)))
      .all(),
  }),
  erase: (tx, userId) => {
    eraseActorFromMail(tx, userId);
    const upvoted = tx.select({ commentId: commentUpvotes.commentId }).from(commentUpvotes).where(eq(commentUpvotes.userId, userId)).all();
    if (upvoted.length) {
      for (let i = 0; i < upvoted.length; i += 500) {
        const ids = upvoted.slice(i, i + 500).map((u) => u.commentId);
        tx.update(comments).set({ upvoteCount: sql`max(0, ${comments.upvoteCount} - 1)` }).where(inArray(comments.id, ids)).run();
      }
      tx.delete(commentUpvotes).where(eq(commentUpvotes.userId, userId)).run();
    }
    tx.update(comments).set({ authorId: null }).where(eq(comments.authorId, userId)).run();
    tx.update(flags).set({ flaggerId: null }).where(eq(flags.flaggerId, userId)).run();
    tx.update(topics).set({ authorId: null }).where(and(eq(topics.kind, "discussion"), eq(topics.authorId, userId))).run();
    tx.update(moderationActions).set({ targetId: "erased" }).where(and(eq(moderationActions.targetType, "user"), eq(moderationActions.targetId, userId))).run();
  },
};
