import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { keysetRows, LazyList } from "~/utils/stream.server";
import { commentUpvotes, comments, flags, topics } from "#db/schema";
import { untilNoneLeft, type PersonalDataSource } from "~/modules/accounts/personal-data";

/**
 * Comments, upvotes, flags and discussions of a person, for download-my-data and account deletion.
 * Erasing keeps the conversation readable: comments and discussions stay, without their author
 * ("deleted participant": the participation core's step "comments" and the shared "authored-topics");
 * upvotes are removed and the counts lowered with them; flags stay, anonymous, so the moderation
 * statistics do not change.
 */
export const discussionPersonalData: PersonalDataSource = {
  name: "discussions",
  collect: (db, userId) => ({
    // Tens of thousands for the busiest: read a page at a time while the download is written.
    comments: new LazyList(() =>
      keysetRows(
        (after, limit) =>
          db
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
            .where(and(eq(comments.authorId, userId), gt(comments.id, after)))
            .orderBy(asc(comments.id))
            .limit(limit)
            .all(),
        (c) => c.id,
      ),
    ),
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
  erasure: [
    // Upvotes go, each lowering its comment's count in the same batch.
    untilNoneLeft("discussions-upvotes", (tx, { userId }, size) => {
      const upvoted = tx.select({ commentId: commentUpvotes.commentId }).from(commentUpvotes).where(eq(commentUpvotes.userId, userId)).limit(size).all().map((u) => u.commentId);
      if (upvoted.length === 0) return 0;
      tx.update(comments).set({ upvoteCount: sql`max(0, ${comments.upvoteCount} - 1)` }).where(inArray(comments.id, upvoted)).run();
      tx.delete(commentUpvotes).where(and(eq(commentUpvotes.userId, userId), inArray(commentUpvotes.commentId, upvoted))).run();
      return upvoted.length;
    }),
    untilNoneLeft("discussions-flags", (tx, { userId }, size) =>
      tx.update(flags)
        .set({ flaggerId: null })
        .where(inArray(flags.id, tx.select({ id: flags.id }).from(flags).where(eq(flags.flaggerId, userId)).limit(size)))
        .run().changes,
    ),
  ],
};
