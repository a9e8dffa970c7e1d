// Writing comments on every kind of topic: post, reply, edit, delete.
import { and, eq, isNull, sql } from "drizzle-orm";
import { comments, flags, type Stance } from "#db/schema";
import { getSetting } from "~/modules/settings/settings.server";
import { tookPart } from "~/modules/topics/participations.server";
import { followTopicTx } from "~/modules/topics/topics.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { db, type Tx } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { can, type Actor } from "~/utils/permissions";
import { commentsClosedReason, commentState, deletionOutcome, keptStance, replyRefusal, withinEditWindow } from "./comments.rules";
import type { Result } from "./comments.refusals";
import { commentEligibility } from "./comments.eligibility.server";
import { notifyAboutComment, withdrawCommentNotices } from "./comments.notices.server";
import { bumpCommentCount, commentOnTopic, countReplies, findCommentRow, findTopicRow, partOfTopic, threadPath, type CommentRow } from "./comments.rows.server";

export interface PostCommentInput {
  topicId: number;
  parentId?: number | null;
  body: string;
  stance?: Stance | null;
  /** The part of the topic a top-level comment is about (a bylaw's article); a reply is about its parent's. */
  partId?: number | null;
  /** The random key of the form (its hidden `submission` field); null or absent: no dedupe. */
  submissionKey?: string | null;
}

/**
 * Posts a top-level comment or a reply; the writer follows the topic, followers and the parent's
 * author hear of it. The topic and the parent are read inside the transaction, so a reply racing
 * with its parent's deletion or hiding is refused, not written under a parent that is gone.
 * With a submission key, a repeat of the same post (a double click, a resent form) answers with
 * the comment the first one wrote and writes nothing: no second comment, count or notice. `admit`
 * is the caller's rate limit, asked only for a post that would write a new comment.
 */
export function postComment(
  actor: Actor,
  input: PostCommentInput,
  options: { now?: Date; admit?: () => boolean } = {},
): Result<{ commentId: number; topicPath: string }> {
  const now = options.now ?? new Date();
  const bodyHtml = renderMarkdown(input.body); // before taking the write lock
  const key = input.submissionKey ?? null;
  return db.transaction((tx): Result<{ commentId: number; topicPath: string }> => {
    const topic = findTopicRow(tx, input.topicId);
    if (!topic) return { ok: false, reason: "topic-not-found" };
    if (key) {
      const earlier = tx
        .select({ id: comments.id, topicId: comments.topicId, parentId: comments.parentId, partId: comments.partId })
        .from(comments)
        .where(and(eq(comments.authorId, actor.id), eq(comments.submissionKey, key)))
        .get();
      if (earlier) {
        const same = earlier.topicId === topic.id && earlier.parentId === (input.parentId ?? null);
        return same ? { ok: true, commentId: earlier.id, topicPath: threadPath(topic, earlier.partId) } : { ok: false, reason: "submission-reused" };
      }
    }
    if (options.admit && !options.admit()) return { ok: false, reason: "rate-limited" };
    let parent: CommentRow | undefined;
    if (input.parentId) {
      parent = findCommentRow(tx, input.parentId);
      if (!parent) return { ok: false, reason: "comment-not-found" };
      const refusal = replyRefusal(parent, topic.id);
      if (refusal) return { ok: false, reason: refusal };
    }
    const partId = parent ? parent.partId : (input.partId ?? null);
    if (!parent && partId !== null && !partOfTopic(tx, topic, partId)) return { ok: false, reason: "part-not-found" };
    const closed = commentsClosedReason(topic);
    if (closed) return { ok: false, reason: closed };
    const ineligible = commentEligibility(actor, now);
    if (ineligible) return { ok: false, reason: ineligible };

    const row = tx
      .insert(comments)
      .values({
        topicId: topic.id,
        parentId: parent?.id ?? null,
        rootId: parent ? (parent.rootId ?? parent.id) : null,
        depth: parent ? parent.depth + 1 : 0,
        authorId: actor.id,
        body: input.body,
        bodyHtml,
        // A stance only where the kind offers it (a tampered form cannot add one to an open question).
        stance: parent ? null : keptStance(topic.kind, input.stance),
        partId,
        createdAt: now,
        // Unique per author (a partial unique index): the database refuses a second row.
        submissionKey: key,
      })
      .returning({ id: comments.id })
      .get();
    if (parent) tx.update(comments).set({ replyCount: sql`${comments.replyCount} + 1` }).where(eq(comments.id, parent.id)).run();
    bumpCommentCount(tx, topic.id, 1, partId);
    followTopicTx(tx, actor.id, topic.id, now);
    tookPart(tx, { userId: actor.id, topicId: topic.id, way: "commented", at: now });
    notifyAboutComment(tx, topic, { id: row.id, authorId: actor.id, parentAuthorId: parent?.authorId ?? null }, now);
    return { ok: true, commentId: row.id, topicPath: threadPath(topic, partId) };
  });
}

export interface EditCommentInput {
  topicId: number;
  commentId: number;
  body: string;
  stance?: Stance | null;
}

/**
 * The author rewrites their comment within the edit window; it is shown as edited. Read and
 * written in one transaction, and only while the comment is neither deleted nor hidden, so an
 * edit racing with a deletion cannot put the text back into the placeholder.
 */
export function editComment(actor: Actor, input: EditCommentInput, options: { now?: Date } = {}): Result<{ topicPath: string }> {
  const now = options.now ?? new Date();
  const bodyHtml = renderMarkdown(input.body); // before taking the write lock
  return db.transaction((tx): Result<{ topicPath: string }> => {
    const topic = findTopicRow(tx, input.topicId);
    if (!topic) return { ok: false, reason: "topic-not-found" };
    const comment = commentOnTopic(tx, topic.id, input.commentId);
    if (!comment) return { ok: false, reason: "comment-not-found" };
    if (actor.blocked) return { ok: false, reason: "blocked" };
    if (comment.authorId !== actor.id) return { ok: false, reason: "not-author" };
    if (comment.deletedAt) return { ok: false, reason: "comment-deleted" };
    if (comment.hiddenBy) return { ok: false, reason: "comment-hidden" };
    const closed = commentsClosedReason(topic);
    if (closed) return { ok: false, reason: closed };
    const editWindowMinutes = getSetting("commentEditWindowMinutes");
    if (!withinEditWindow(comment.createdAt, editWindowMinutes, now)) return { ok: false, reason: "edit-window-passed" };
    const resource = { authorId: comment.authorId, createdAt: comment.createdAt, hidden: false, deleted: false, editWindowMinutes, now };
    if (!can(actor, "comment:edit", resource)) return { ok: false, reason: "not-author" };
    tx.update(comments)
      .set({
        body: input.body,
        bodyHtml,
        stance: comment.depth === 0 ? keptStance(topic.kind, input.stance) : null,
        editedAt: now,
      })
      .where(and(eq(comments.id, comment.id), isNull(comments.deletedAt), isNull(comments.hiddenBy)))
      .run();
    return { ok: true, topicPath: threadPath(topic, comment.partId) };
  });
}

/**
 * The author deletes their comment. With replies it stays as a "deleted" placeholder without its
 * text, so the thread still reads; without replies it is removed, and so is a placeholder parent
 * that has nothing left under it. Everything is read and decided inside the transaction, and the
 * counters move only when a row did: a double submit deletes once and answers the same twice.
 */
export function deleteComment(
  actor: Actor,
  input: { topicId: number; commentId: number },
  options: { now?: Date } = {},
): Result<{ topicPath: string; removed: boolean }> {
  const now = options.now ?? new Date();
  // Only to tell a repeat from a tampered id: the author's own comment that another request (a
  // double submit on another process) removed while this one waited for the write lock.
  const seen = commentOnTopic(db, input.topicId, input.commentId);
  return db.transaction((tx): Result<{ topicPath: string; removed: boolean }> => {
    const topic = findTopicRow(tx, input.topicId);
    if (!topic) return { ok: false, reason: "topic-not-found" };
    const path = topicPath(topic);
    const comment = commentOnTopic(tx, topic.id, input.commentId);
    if (actor.blocked) return { ok: false, reason: comment ? "blocked" : "comment-not-found" };
    if (!comment) {
      return seen && seen.authorId === actor.id ? { ok: true, topicPath: path, removed: true } : { ok: false, reason: "comment-not-found" };
    }
    if (comment.authorId !== actor.id) return { ok: false, reason: "not-author" };
    // Already a placeholder: the same request again.
    if (comment.deletedAt) return { ok: true, topicPath: path, removed: false };
    if (!can(actor, "comment:delete", { authorId: comment.authorId, deleted: false })) return { ok: false, reason: "not-author" };
    const outcome = deletionOutcome(countReplies(tx, comment.id));
    const changed =
      outcome === "placeholder"
        ? tx
            .update(comments)
            .set({ deletedAt: now, body: "", bodyHtml: "", stance: null })
            .where(and(eq(comments.id, comment.id), isNull(comments.deletedAt)))
            .run().changes === 1
        : removeLeaf(tx, comment, now);
    if (changed) {
      if (commentState(comment) === "visible") bumpCommentCount(tx, topic.id, -1, comment.partId);
      resolveFlagsAsWithdrawn(tx, comment.id, now);
      withdrawCommentNotices(tx, [comment.id]);
    }
    return { ok: true, topicPath: path, removed: outcome === "remove" };
  });
}

function resolveFlagsAsWithdrawn(tx: Tx, commentId: number, now: Date) {
  tx.update(flags)
    .set({ resolvedAt: now, resolution: "withdrawn" })
    .where(and(eq(flags.targetType, "comment"), eq(flags.targetId, commentId), isNull(flags.resolvedAt)))
    .run();
}

/**
 * Removes a comment that has no replies, then any placeholder parent it leaves empty. The delete
 * itself refuses a comment with replies, so ON DELETE CASCADE never takes anyone's reply with it;
 * the parent's reply_count is set to the replies it really has left. Returns whether it removed
 * the comment.
 */
function removeLeaf(tx: Tx, comment: CommentRow, now: Date): boolean {
  const removed = tx
    .delete(comments)
    .where(and(eq(comments.id, comment.id), sql`NOT EXISTS (SELECT 1 FROM comments AS reply WHERE reply.parent_id = ${comment.id})`))
    .run();
  if (removed.changes !== 1) return false;
  if (!comment.parentId) return true;
  const left = countReplies(tx, comment.parentId);
  const parent = tx.update(comments).set({ replyCount: left }).where(eq(comments.id, comment.parentId)).returning().get();
  if (parent && parent.deletedAt && left === 0) {
    resolveFlagsAsWithdrawn(tx, parent.id, now);
    removeLeaf(tx, parent, now);
  }
  return true;
}
