// What followers and the parent's author are told about a new comment, and taking it back when
// the comment is hidden or gone.
import { notify, withdrawNotices } from "~/modules/notifications/notifications.server";
import { followerIds } from "~/modules/topics/topics.server";
import { topicPath } from "~/modules/topics/topics.paths";
import type { DB, Tx } from "~/utils/db.server";
import type { TopicRow } from "./comments.rows.server";
import { activeRecipients } from "./recipients.server";

/** What a notice about a comment concerns: hiding or removing the comment withdraws it by this. */
export const commentConcern = (commentId: number) => `comment:${commentId}`;

/**
 * Takes back what was said about comments that are now hidden or gone: the inbox lines (and so
 * the daily digest) and any email about them still waiting in the outbox.
 */
export function withdrawCommentNotices(tx: DB | Tx, commentIds: number[]): void {
  withdrawNotices(tx, commentIds.map(commentConcern));
}

export function notifyAboutComment(
  tx: Tx,
  topic: TopicRow,
  comment: { id: number; authorId: string; parentAuthorId: string | null },
  now: Date,
): void {
  // The author's name is not copied into the notice: it is read from the account when shown.
  const data = { title: topic.title, commentId: comment.id };
  const about = { concerns: commentConcern(comment.id), actorId: comment.authorId };
  const link = `${topicPath(topic)}#comment-${comment.id}`;
  const replyTo = comment.parentAuthorId && comment.parentAuthorId !== comment.authorId ? comment.parentAuthorId : null;
  if (replyTo) {
    notify(tx, activeRecipients(tx, [replyTo], now), {
      type: "comment.notice.reply",
      topicId: topic.id,
      data,
      link,
      ...about,
      eventKey: `comment:${comment.id}:reply`,
      category: "comments",
    });
  }
  const followers = followerIds(tx, topic.id).filter((id) => id !== comment.authorId && id !== replyTo);
  notify(tx, activeRecipients(tx, followers, now), {
    type: "comment.notice.new",
    topicId: topic.id,
    data,
    link,
    ...about,
    eventKey: `comment:${comment.id}:new`,
    category: "comments",
  });
}
