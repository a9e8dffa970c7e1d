// Threaded comments on every kind of topic: load a page of a thread, post, reply, edit, delete, upvote.
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { commentUpvotes, comments, emailOutbox, flags, notifications, topics, users, type Stance } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { notify } from "~/modules/notifications/notifications.server";
import { getSetting } from "~/modules/settings/settings.server";
import { followerIds, followTopicTx } from "~/modules/topics/topics.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { db, type DB, type Tx } from "~/utils/db.server";
import { newSubmissionKey } from "~/utils/forms.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { can, type Actor } from "~/utils/permissions";
import {
  canReplyAtDepth,
  COMMENT_MAX_LENGTH,
  COMMENTS_PAGE_SIZE,
  commentsClosedReason,
  commentState,
  DEFAULT_SORT,
  deletionOutcome,
  eligibilityRefusal,
  MAX_DEPTH,
  replyRefusal,
  withinEditWindow,
  parsePositiveInt,
  parseSort,
  threadHref,
  ThreadQueryKeys,
  type ClosedReason,
  type CommentSort,
  type EligibilityRefusal,
  type ReplyRefusal,
} from "./comments.rules";
import { FLAG_NOTE_MAX } from "./moderation.rules";
import type { CommentNode, CommentThread } from "./comments.types";

export type { CommentNode, CommentThread } from "./comments.types";

export type CommentRefusal =
  | ClosedReason
  | ReplyRefusal
  | EligibilityRefusal
  | "topic-not-found"
  | "comment-not-found"
  | "not-author"
  | "edit-window-passed"
  | "comment-hidden"
  | "comment-deleted"
  | "own-comment"
  | "rate-limited"
  | "submission-reused";

export type Result<T = object> = ({ ok: true } & T) | { ok: false; reason: CommentRefusal };

/** The message shown for each refusal. */
export const COMMENT_REFUSAL_MESSAGES: Record<CommentRefusal, MessageKey> = {
  "topic-not-public": "comment.error.topicNotPublic",
  "topic-hidden": "comment.error.topicHidden",
  "topic-locked": "comment.error.topicLocked",
  "topic-closed": "comment.error.topicClosed",
  "topic-rejected": "comment.error.topicRejected",
  "parent-other-topic": "comment.error.notFound",
  "parent-hidden": "comment.error.parentHidden",
  "parent-deleted": "comment.error.parentDeleted",
  "too-deep": "comment.error.tooDeep",
  blocked: "comment.error.blocked",
  "email-unverified": "comment.error.emailUnverified",
  "account-too-new": "comment.error.accountTooNew",
  "topic-not-found": "comment.error.topicNotFound",
  "comment-not-found": "comment.error.notFound",
  "not-author": "comment.error.notAuthor",
  "edit-window-passed": "comment.error.editWindowPassed",
  "comment-hidden": "comment.error.hidden",
  "comment-deleted": "comment.error.deleted",
  "own-comment": "comment.error.ownComment",
  "rate-limited": "comment.error.rateLimited",
  "submission-reused": "form.submissionInvalid",
};

/** Refusals that mean "this id does not exist here" (a tampered or stale id): answered with a 404. */
export const NOT_FOUND_REFUSALS: readonly CommentRefusal[] = ["topic-not-found", "comment-not-found", "parent-other-topic"];

type TopicRow = typeof topics.$inferSelect;
type CommentRow = typeof comments.$inferSelect;

/** Message types of the notices about a comment; they carry data.commentId, so hiding one withdraws them. */
export const COMMENT_NOTICE_TYPES = ["comment.notice.reply", "comment.notice.new"] as const;

const findTopicRow = (tx: DB | Tx, topicId: number) => tx.select().from(topics).where(eq(topics.id, topicId)).get();
const findCommentRow = (tx: DB | Tx, commentId: number) => tx.select().from(comments).where(eq(comments.id, commentId)).get();

/** The comment on this topic, or undefined when the id is unknown or belongs to another topic. */
function commentOnTopic(tx: DB | Tx, topicId: number, commentId: number): CommentRow | undefined {
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

/** People who should hear about something, minus those blocked right now. */
export function activeRecipients(tx: DB | Tx, ids: Iterable<string>, now: Date = new Date()): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const blocked = new Set<string>();
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    for (const row of tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          inArray(users.id, chunk),
          sql`${users.blockedAt} IS NOT NULL`,
          or(isNull(users.blockedUntil), gt(users.blockedUntil, now)),
        ),
      )
      .all())
      blocked.add(row.id);
  }
  return unique.filter((id) => !blocked.has(id));
}

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

function commentPolicy() {
  return {
    requireVerifiedEmail: getSetting("commentRequireVerifiedEmail"),
    minAccountAgeHours: getSetting("commentMinAccountAgeHours"),
  };
}

/** Whether this person may write comments at all right now (settings and blocks), and why not. */
export function commentEligibility(actor: Actor, now: Date = new Date()): EligibilityRefusal | null {
  const person = db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, actor.id)).get();
  if (!person) return "blocked";
  return eligibilityRefusal({ blocked: actor.blocked, emailVerified: actor.emailVerified, createdAt: person.createdAt }, commentPolicy(), now);
}

export interface PostCommentInput {
  topicId: number;
  parentId?: number | null;
  body: string;
  stance?: Stance | null;
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
        .select({ id: comments.id, topicId: comments.topicId, parentId: comments.parentId })
        .from(comments)
        .where(and(eq(comments.authorId, actor.id), eq(comments.submissionKey, key)))
        .get();
      if (earlier) {
        const same = earlier.topicId === topic.id && earlier.parentId === (input.parentId ?? null);
        return same ? { ok: true, commentId: earlier.id, topicPath: topicPath(topic) } : { ok: false, reason: "submission-reused" };
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
        stance: parent ? null : (input.stance ?? null),
        createdAt: now,
        // Unique per author (a partial unique index): the database refuses a second row.
        submissionKey: key,
      })
      .returning({ id: comments.id })
      .get();
    if (parent) tx.update(comments).set({ replyCount: sql`${comments.replyCount} + 1` }).where(eq(comments.id, parent.id)).run();
    bumpCommentCount(tx, topic.id, 1);
    followTopicTx(tx, actor.id, topic.id);
    notifyAboutComment(tx, topic, { id: row.id, authorId: actor.id, parentAuthorId: parent?.authorId ?? null }, now);
    return { ok: true, commentId: row.id, topicPath: topicPath(topic) };
  });
}

function notifyAboutComment(
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
        stance: comment.depth === 0 ? (input.stance ?? null) : null,
        editedAt: now,
      })
      .where(and(eq(comments.id, comment.id), isNull(comments.deletedAt), isNull(comments.hiddenBy)))
      .run();
    return { ok: true, topicPath: topicPath(topic) };
  });
}

/** How many replies a comment has now (counted, not taken from reply_count). */
function countReplies(tx: DB | Tx, commentId: number): number {
  return tx.select({ n: sql<number>`count(*)` }).from(comments).where(eq(comments.parentId, commentId)).get()?.n ?? 0;
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
      if (commentState(comment) === "visible") bumpCommentCount(tx, topic.id, -1);
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

// ---------------------------------------------------------------------------------------------
// Reading a thread
// ---------------------------------------------------------------------------------------------

function rootOrder(sort: CommentSort) {
  switch (sort) {
    case "newest":
      return [desc(comments.createdAt), desc(comments.id)];
    case "supported":
      return [desc(comments.upvoteCount), asc(comments.createdAt), asc(comments.id)];
    default:
      return [asc(comments.createdAt), asc(comments.id)];
  }
}

/**
 * Everything <CommentSection> needs for one page of a topic's thread: a page of top-level
 * comments (20) in the chosen order with all their replies (one indexed query for the page's
 * roots), what the viewer may do with each, and why they cannot comment if they cannot.
 * Reads commentSort, commentPage and one of reply / edit / report / delete (a comment id) from
 * the page's query string.
 */
export function loadCommentThread(topicId: number, actor: Actor | null, searchParams: URLSearchParams, now: Date = new Date()): CommentThread {
  const topic = findTopicRow(db, topicId);
  if (!topic) throw new Response("Not Found", { status: 404 });
  const base = topicPath(topic);
  const sort = parseSort(searchParams.get(ThreadQueryKeys.sort));
  const rootsWhere = and(eq(comments.topicId, topic.id), isNull(comments.parentId));
  const totalRoots = db.select({ n: sql<number>`count(*)` }).from(comments).where(rootsWhere).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(totalRoots / COMMENTS_PAGE_SIZE));
  const page = Math.min(parsePositiveInt(searchParams.get(ThreadQueryKeys.page)) ?? 1, pages);

  const roots = db
    .select()
    .from(comments)
    .where(rootsWhere)
    .orderBy(...rootOrder(sort))
    .limit(COMMENTS_PAGE_SIZE)
    .offset((page - 1) * COMMENTS_PAGE_SIZE)
    .all();
  const rootIds = roots.map((r) => r.id);
  const replies = rootIds.length
    ? db.select().from(comments).where(inArray(comments.rootId, rootIds)).orderBy(asc(comments.createdAt), asc(comments.id)).all()
    : [];
  const all = [...roots, ...replies];
  const ids = all.map((c) => c.id);

  const authorIds = [...new Set(all.map((c) => c.authorId).filter((id): id is string => Boolean(id)))];
  const names = new Map<string, string>();
  if (authorIds.length) {
    for (const u of db.select({ id: users.id, name: users.displayName, deletedAt: users.deletedAt }).from(users).where(inArray(users.id, authorIds)).all()) {
      if (!u.deletedAt) names.set(u.id, u.name);
    }
  }
  const upvoted = new Set<number>();
  const flagged = new Set<number>();
  if (actor && ids.length) {
    for (const r of db
      .select({ id: commentUpvotes.commentId })
      .from(commentUpvotes)
      .where(and(eq(commentUpvotes.userId, actor.id), inArray(commentUpvotes.commentId, ids)))
      .all())
      upvoted.add(r.id);
    for (const r of db
      .select({ id: flags.targetId })
      .from(flags)
      .where(and(eq(flags.targetType, "comment"), eq(flags.flaggerId, actor.id), inArray(flags.targetId, ids)))
      .all())
      flagged.add(r.id);
  }

  const closed = commentsClosedReason(topic);
  const eligibility = actor ? commentEligibility(actor, now) : null;
  const mayWrite = Boolean(actor) && can(actor, "comment:create") && !closed && !eligibility;
  const editWindowMinutes = getSetting("commentEditWindowMinutes");
  const focusMode = (["reply", "edit", "report", "delete"] as const).find((m) => searchParams.has(m)) ?? null;
  const focusId = focusMode ? parsePositiveInt(searchParams.get(focusMode), Number.MAX_SAFE_INTEGER) : null;

  const nodes = new Map<number, CommentNode>();
  for (const c of all) {
    const state = commentState(c);
    const visible = state === "visible";
    const own = Boolean(actor) && c.authorId === actor!.id;
    const resource = { authorId: c.authorId, createdAt: c.createdAt, hidden: Boolean(c.hiddenBy), deleted: Boolean(c.deletedAt), editWindowMinutes, now };
    const canEdit = Boolean(actor) && visible && !closed && can(actor, "comment:edit", resource);
    nodes.set(c.id, {
      id: c.id,
      parentId: c.parentId,
      depth: c.depth,
      state,
      authorName: visible && c.authorId ? (names.get(c.authorId) ?? null) : null,
      byViewer: own,
      bodyHtml: visible ? c.bodyHtml : "",
      body: canEdit && focusMode === "edit" && focusId === c.id ? c.body : null,
      stance: visible ? c.stance : null,
      upvoteCount: visible ? c.upvoteCount : 0,
      upvotedByViewer: upvoted.has(c.id),
      flaggedByViewer: flagged.has(c.id),
      createdAt: c.createdAt.toISOString(),
      editedAt: visible && c.editedAt ? c.editedAt.toISOString() : null,
      can: {
        reply: mayWrite && visible && canReplyAtDepth(c.depth),
        edit: canEdit,
        delete: Boolean(actor) && !c.deletedAt && can(actor, "comment:delete", resource),
        upvote: Boolean(actor) && visible && topic.isPublic && !topic.hidden && can(actor, "comment:upvote", { authorId: c.authorId }),
        flag: Boolean(actor) && visible && !own && can(actor, "flag:create"),
      },
      replies: [],
    });
  }
  const tree: CommentNode[] = [];
  for (const root of roots) tree.push(nodes.get(root.id)!);
  for (const reply of replies) {
    const node = nodes.get(reply.id)!;
    (nodes.get(reply.parentId ?? -1) ?? nodes.get(reply.rootId ?? -1))?.replies.push(node);
  }

  let focus: CommentThread["focus"] = null;
  if (focusMode && focusId && nodes.has(focusId)) {
    const node = nodes.get(focusId)!;
    const allowed = { reply: node.can.reply, edit: node.can.edit, report: node.can.flag && !node.flaggedByViewer, delete: node.can.delete }[focusMode];
    if (allowed) focus = { mode: focusMode, commentId: focusId };
  }

  let refusal: MessageKey | null = null;
  let refusalParams: Record<string, number> | null = null;
  if (actor && !mayWrite) {
    if (closed) refusal = COMMENT_REFUSAL_MESSAGES[closed];
    else if (actor.blocked) refusal = COMMENT_REFUSAL_MESSAGES.blocked;
    else if (eligibility) {
      refusal = COMMENT_REFUSAL_MESSAGES[eligibility];
      if (eligibility === "account-too-new") refusalParams = { hours: getSetting("commentMinAccountAgeHours") };
    }
  } else if (!actor && closed) {
    refusal = COMMENT_REFUSAL_MESSAGES[closed];
  }

  return {
    topicId: topic.id,
    topicPath: base,
    returnTo: threadHref(base, sort, page),
    sort,
    page,
    pages,
    commentCount: topic.commentCount,
    comments: tree,
    focus,
    viewer: {
      signedIn: Boolean(actor),
      canComment: mayWrite,
      refusal,
      refusalParams,
      mustVerifyEmail: Boolean(actor) && !actor!.blocked && !actor!.emailVerified,
    },
    limits: { bodyMax: COMMENT_MAX_LENGTH, noteMax: FLAG_NOTE_MAX, maxDepth: MAX_DEPTH, editWindowMinutes },
    // Fresh on every load: the forms that write carry it, so a double click writes one comment.
    submissionKey: mayWrite ? newSubmissionKey() : null,
  };
}

/**
 * Where to send someone after they wrote a comment: the page of the thread where it shows, in
 * the order they were looking at, with its anchor.
 */
export function commentLocation(topicId: number, commentId: number, returnTo: string | null): string {
  const topic = findTopicRow(db, topicId);
  if (!topic) return "/";
  const base = topicPath(topic);
  let sort: CommentSort = DEFAULT_SORT;
  if (returnTo && (returnTo === base || returnTo.startsWith(`${base}?`))) {
    sort = parseSort(new URL(returnTo, "http://x").searchParams.get(ThreadQueryKeys.sort));
  }
  const comment = findCommentRow(db, commentId);
  if (!comment) return threadHref(base, sort, 1);
  const root = comment.rootId ? findCommentRow(db, comment.rootId) : comment;
  if (!root) return threadHref(base, sort, 1);
  const sameTopicRoots = and(eq(comments.topicId, topic.id), isNull(comments.parentId));
  const before =
    sort === "newest"
      ? or(gt(comments.createdAt, root.createdAt), and(eq(comments.createdAt, root.createdAt), gt(comments.id, root.id)))
      : sort === "supported"
        ? or(
            gt(comments.upvoteCount, root.upvoteCount),
            and(eq(comments.upvoteCount, root.upvoteCount), lt(comments.createdAt, root.createdAt)),
            and(eq(comments.upvoteCount, root.upvoteCount), eq(comments.createdAt, root.createdAt), lt(comments.id, root.id)),
          )
        : or(lt(comments.createdAt, root.createdAt), and(eq(comments.createdAt, root.createdAt), lt(comments.id, root.id)));
  const ahead = db.select({ n: sql<number>`count(*)` }).from(comments).where(and(sameTopicRoots, before)).get()?.n ?? 0;
  const page = Math.floor(ahead / COMMENTS_PAGE_SIZE) + 1;
  return `${threadHref(base, sort, page)}#comment-${comment.id}`;
}

/** Where a thread action goes back to: the given page of this topic's thread, or the topic page. */
export function safeThreadReturn(topicId: number, returnTo: string | null | undefined): string {
  const topic = findTopicRow(db, topicId);
  if (!topic) return "/";
  const base = topicPath(topic);
  if (!returnTo || !(returnTo === base || returnTo.startsWith(`${base}?`))) return base;
  const url = new URL(returnTo, "http://x");
  return threadHref(base, parseSort(url.searchParams.get(ThreadQueryKeys.sort)), parsePositiveInt(url.searchParams.get(ThreadQueryKeys.page)) ?? 1);
}

/** Visible comments of a topic for other modules (e.g. a councillor's "arguments for and against"). */
export function visibleCommentsCondition() {
  return and(isNull(comments.hiddenBy), isNull(comments.deletedAt));
}
