// What followers and the parent's author are told about a new comment, and taking it back when
// the comment is hidden or gone.
import { and, eq, inArray, sql } from "drizzle-orm";
import { emailOutbox, notifications, users } from "#db/schema";
import { notify } from "~/modules/notifications/notifications.server";
import { followerIds } from "~/modules/topics/topics.server";
import { topicPath } from "~/modules/topics/topics.paths";
import type { DB, Tx } from "~/utils/db.server";
import type { TopicRow } from "./comments.rows.server";
import { activeRecipients } from "./recipients.server";

/** Message types of the notices about a comment; they carry data.commentId, so hiding one withdraws them. */
export const COMMENT_NOTICE_TYPES = ["comment.notice.reply", "comment.notice.new"] as const;

/**
 * Takes back what was said about comments that are now hidden or gone: the inbox lines (and so
 * the daily digest) and any email about them still waiting in the outbox.
 */
export function withdrawCommentNotices(tx: DB | Tx, commentIds: number[]): void {
  for (let i = 0; i < commentIds.length; i += 500) {
    const chunk = commentIds.slice(i, i + 500);
    tx.delete(notifications)
      .where(
        and(
          inArray(notifications.type, [...COMMENT_NOTICE_TYPES]),
          inArray(sql`json_extract(${notifications.data}, '$.commentId')`, chunk),
        ),
      )
      .run();
    tx.delete(emailOutbox)
      .where(
        and(
          eq(emailOutbox.status, "pending"),
          sql`${emailOutbox.dedupeKey} LIKE 'comment:%'`,
          inArray(sql`CAST(substr(${emailOutbox.dedupeKey}, 9, instr(substr(${emailOutbox.dedupeKey}, 9), ':') - 1) AS INTEGER)`, chunk),
        ),
      )
      .run();
  }
}

export function notifyAboutComment(
  tx: Tx,
  topic: TopicRow,
  comment: { id: number; authorId: string; parentAuthorId: string | null },
  now: Date,
): void {
  const author = tx.select({ name: users.displayName }).from(users).where(eq(users.id, comment.authorId)).get();
  const data = { title: topic.title, name: author?.name ?? "", commentId: comment.id };
  const link = `${topicPath(topic)}#comment-${comment.id}`;
  const replyTo = comment.parentAuthorId && comment.parentAuthorId !== comment.authorId ? comment.parentAuthorId : null;
  if (replyTo) {
    notify(tx, activeRecipients(tx, [replyTo], now), {
      type: "comment.notice.reply",
      topicId: topic.id,
      data,
      link,
      eventKey: `comment:${comment.id}:reply`,
    });
  }
  const followers = followerIds(tx, topic.id).filter((id) => id !== comment.authorId && id !== replyTo);
  notify(tx, activeRecipients(tx, followers, now), {
    type: "comment.notice.new",
    topicId: topic.id,
    data,
    link,
    eventKey: `comment:${comment.id}:new`,
  });
}
