// A flaggable thing (a topic or a comment) and what moderation does to it: hide, restore, resolve
// its flags, and the moderation_actions row each decision leaves.
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { comments, flags, moderationActions, topics, type FlagTarget, type HiddenBy, type ModerationActionType } from "#db/schema";
import { topicPath } from "~/modules/topics/topics.paths";
import type { DB, Tx } from "~/utils/db.server";
import { withdrawCommentNotices } from "./comments.notices.server";
import { bumpCommentCount, type CommentRow, type TopicRow } from "./comments.rows.server";

/** A flaggable thing with the facts decisions need. */
export interface Target {
  type: FlagTarget;
  id: number;
  topic: TopicRow;
  comment: CommentRow | null;
  authorId: string | null;
  hiddenBy: HiddenBy | null;
  openFlags: number;
}

export function loadTarget(tx: DB | Tx, type: FlagTarget, id: number): Target | null {
  if (type === "topic") {
    const topic = tx.select().from(topics).where(eq(topics.id, id)).get();
    if (!topic) return null;
    const hiddenBy = topic.hidden ? ((topic.hiddenReason as HiddenBy | null) ?? "moderation") : null;
    return { type, id, topic, comment: null, authorId: topic.authorId, hiddenBy, openFlags: topic.flagCount };
  }
  const comment = tx.select().from(comments).where(eq(comments.id, id)).get();
  if (!comment || comment.deletedAt) return null;
  const topic = tx.select().from(topics).where(eq(topics.id, comment.topicId)).get();
  if (!topic) return null;
  return { type, id, topic, comment, authorId: comment.authorId, hiddenBy: comment.hiddenBy, openFlags: comment.flagCount };
}

export const targetLink = (t: Target) => (t.comment ? `${topicPath(t.topic)}#comment-${t.comment.id}` : topicPath(t.topic));

/**
 * Hides a thing for a reason (or gives a hidden thing the new reason). comment_count and the
 * notices about a comment change only when the row went from visible to hidden, so a repeat
 * cannot count twice. Returns whether it was visible until now.
 */
export function hideTarget(tx: Tx, t: Target, by: HiddenBy, now: Date): boolean {
  if (t.comment) {
    const fresh =
      tx
        .update(comments)
        .set({ hiddenBy: by, hiddenAt: now })
        .where(and(eq(comments.id, t.comment.id), isNull(comments.hiddenBy)))
        .run().changes === 1;
    if (fresh) {
      bumpCommentCount(tx, t.topic.id, -1, t.comment.partId);
      withdrawCommentNotices(tx, [t.comment.id]);
    } else {
      tx.update(comments).set({ hiddenBy: by, hiddenAt: now }).where(eq(comments.id, t.comment.id)).run();
    }
    return fresh;
  }
  const fresh =
    tx
      .update(topics)
      .set({ hidden: true, hiddenReason: by, updatedAt: now })
      .where(and(eq(topics.id, t.topic.id), eq(topics.hidden, false)))
      .run().changes === 1;
  if (!fresh) tx.update(topics).set({ hiddenReason: by, updatedAt: now }).where(eq(topics.id, t.topic.id)).run();
  return fresh;
}

/** Shows a hidden thing again; comment_count moves only when a row went from hidden to visible. */
export function restoreTarget(tx: Tx, t: Target, now: Date): void {
  if (t.comment) {
    const restored = tx
      .update(comments)
      .set({ hiddenBy: null, hiddenAt: null })
      .where(and(eq(comments.id, t.comment.id), isNotNull(comments.hiddenBy)))
      .run();
    if (restored.changes === 1) bumpCommentCount(tx, t.topic.id, 1, t.comment.partId);
  } else {
    tx.update(topics)
      .set({ hidden: false, hiddenReason: null, updatedAt: now })
      .where(and(eq(topics.id, t.topic.id), eq(topics.hidden, true)))
      .run();
  }
}

export function firstOpenFlagAt(tx: DB | Tx, type: FlagTarget, id: number): Date | null {
  const row = tx
    .select({ first: sql<number | null>`min(${flags.createdAt})` })
    .from(flags)
    .where(and(eq(flags.targetType, type), eq(flags.targetId, id), isNull(flags.resolvedAt)))
    .get();
  return row?.first ? new Date(row.first) : null;
}

export function resolveFlags(tx: Tx, t: Target, resolution: "hidden" | "restored" | "dismissed", now: Date): void {
  tx.update(flags)
    .set({ resolvedAt: now, resolution })
    .where(and(eq(flags.targetType, t.type), eq(flags.targetId, t.id), isNull(flags.resolvedAt)))
    .run();
  if (t.comment) tx.update(comments).set({ flagCount: 0 }).where(eq(comments.id, t.comment.id)).run();
  else tx.update(topics).set({ flagCount: 0 }).where(eq(topics.id, t.topic.id)).run();
}

export function recordAction(
  tx: Tx,
  entry: { targetType: FlagTarget | "user"; targetId: string | number; topicId?: number | null; action: ModerationActionType; actorId: string | null; reason?: string | null; flaggedAt?: Date | null; now: Date },
): void {
  tx.insert(moderationActions)
    .values({
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      topicId: entry.topicId ?? null,
      action: entry.action,
      actorId: entry.actorId,
      reason: entry.reason ?? null,
      flaggedAt: entry.flaggedAt ?? null,
      createdAt: entry.now,
    })
    .run();
}

export const snapshot = (t: Target) =>
  t.comment
    ? { hidden: Boolean(t.comment.hiddenBy), hiddenBy: t.comment.hiddenBy, openFlags: t.openFlags }
    : { hidden: t.topic.hidden, hiddenBy: t.topic.hiddenReason, locked: t.topic.locked, status: t.topic.status, openFlags: t.openFlags };
