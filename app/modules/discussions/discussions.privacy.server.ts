import { and, eq, inArray, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { commentUpvotes, comments, emailOutbox, flags, moderationActions, notifications, topics, users } from "#db/schema";
import { translator } from "~/i18n";
import type { PersonalDataSource } from "~/modules/accounts/personal-data";
import type { Tx } from "~/utils/db.server";
import { escapeHtml } from "~/utils/email.server";

/**
 * The notices about a person's comments (inbox rows and their mail) carry the author's name; on
 * deletion it becomes "deleted participant" there too: the inbox shows that for an empty name,
 * the mail gets the words in its own language.
 */
function eraseNameFromNotices(tx: Tx, userId: string): void {
  const name = tx.select({ name: users.displayName }).from(users).where(eq(users.id, userId)).get()?.name;
  const own = tx.select({ id: comments.id }).from(comments).where(eq(comments.authorId, userId)).all().map((c) => c.id);
  if (!name || own.length === 0) return;
  const label = { nl: translator("nl")("topic.deletedParticipant"), en: translator("en")("topic.deletedParticipant") };
  const replaced = (column: SQLiteColumn, escape: boolean) =>
    sql`replace(${column}, ${escape ? escapeHtml(name) : name}, CASE WHEN ${emailOutbox.html} LIKE '%<html lang="en">%' THEN ${escape ? escapeHtml(label.en) : label.en} ELSE ${escape ? escapeHtml(label.nl) : label.nl} END)`;
  for (let i = 0; i < own.length; i += 500) {
    const ids = own.slice(i, i + 500);
    tx.update(notifications)
      .set({ data: sql`json_set(${notifications.data}, '$.name', '')` })
      .where(and(inArray(sql`json_extract(${notifications.data}, '$.commentId')`, ids), sql`json_extract(${notifications.data}, '$.name') IS NOT NULL`))
      .run();
    // Their mail is keyed "comment:<id>:new:<recipient>" / "comment:<id>:reply:<recipient>".
    tx.update(emailOutbox)
      .set({ subject: replaced(emailOutbox.subject, false), text: replaced(emailOutbox.text, false), html: replaced(emailOutbox.html, true) })
      .where(
        and(
          sql`${emailOutbox.dedupeKey} LIKE 'comment:%'`,
          inArray(sql`CAST(substr(${emailOutbox.dedupeKey}, 9, instr(substr(${emailOutbox.dedupeKey}, 9), ':') - 1) AS INTEGER)`, ids),
        ),
      )
      .run();
  }
}

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
    eraseNameFromNotices(tx, userId);
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
