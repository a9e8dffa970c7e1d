// Reading a thread: one page of a topic's comments as <CommentSection> shows it, and where a
// thread action sends someone back to.
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { commentUpvotes, comments, flags, userRoles, users } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { getSetting } from "~/modules/settings/settings.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { db } from "~/utils/db.server";
import { newSubmissionKey } from "~/utils/forms.server";
import { can, type Actor } from "~/utils/permissions";
import {
  canReplyAtDepth,
  COMMENT_MAX_LENGTH,
  COMMENTS_PAGE_SIZE,
  commentsClosedReason,
  commentState,
  DEFAULT_SORT,
  MAX_DEPTH,
  offeredStances,
  openThreadQuery,
  parseOpenedThread,
  parsePositiveInt,
  parseSort,
  repliesShown,
  REPLIES_MORE_STEP,
  REPLIES_SHOWN,
  threadHref,
  ThreadQueryKeys,
  type CommentSort,
} from "./comments.rules";
import { COMMENT_REFUSAL_MESSAGES } from "./comments.refusals";
import { commentEligibility } from "./comments.eligibility.server";
import { commentCountsByPart, findCommentRow, findTopicRow, partOfTopic, threadPath } from "./comments.rows.server";
import type { CommentNode, CommentThread } from "./comments.types";
import { FLAG_NOTE_MAX } from "./moderation.rules";

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
 * the page's query string. With a part (a bylaw's article: the kind's `commentParts`), the thread
 * of that part, on the part's page.
 */
export function loadCommentThread(topicId: number, actor: Actor | null, searchParams: URLSearchParams, now: Date = new Date(), partId: number | null = null): CommentThread {
  const topic = findTopicRow(db, topicId);
  if (!topic) throw new Response("Not Found", { status: 404 });
  if (partId !== null && !partOfTopic(db, topic, partId)) throw new Response("Not Found", { status: 404 });
  const base = threadPath(topic, partId);
  const sort = parseSort(searchParams.get(ThreadQueryKeys.sort));
  const rootsWhere = and(eq(comments.topicId, topic.id), partId === null ? undefined : eq(comments.partId, partId), isNull(comments.parentId));
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
  // A handful of replies per thread (comments_root_idx, one short read each), one more to know
  // whether "show more replies" is needed and where it lands; the opened thread shows more.
  const opened = parseOpenedThread(searchParams);
  const replies: Array<typeof comments.$inferSelect> = [];
  const moreReplies = new Map<number, string>();
  for (const root of roots) {
    const shown = repliesShown(root.id, opened);
    const rows = db.select().from(comments).where(eq(comments.rootId, root.id)).orderBy(asc(comments.createdAt), asc(comments.id)).limit(shown + 1).all();
    if (rows.length > shown) {
      const next = rows.pop()!;
      moreReplies.set(root.id, `${threadHref(base, sort, page, openThreadQuery(root.id, shown + REPLIES_MORE_STEP))}#comment-${next.id}`);
    }
    replies.push(...rows);
  }
  const openedQuery = opened && roots.some((r) => r.id === opened.rootId) ? openThreadQuery(opened.rootId, opened.replies) : undefined;
  const all = [...roots, ...replies];
  const ids = all.map((c) => c.id);

  const authorIds = [...new Set(all.map((c) => c.authorId).filter((id): id is string => Boolean(id)))];
  const names = new Map<string, string>();
  if (authorIds.length) {
    for (const u of db.select({ id: users.id, name: users.displayName, deletedAt: users.deletedAt }).from(users).where(inArray(users.id, authorIds)).all()) {
      if (!u.deletedAt) names.set(u.id, u.name);
    }
  }
  // Councillors' comments carry a "raadslid" badge: residents read them as the council's voice.
  const councillors = new Set(
    authorIds.length
      ? db.select({ id: userRoles.userId }).from(userRoles).where(and(inArray(userRoles.userId, authorIds), eq(userRoles.role, "councillor"))).all().map((r) => r.id)
      : [],
  );
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
      byCouncillor: visible && c.authorId !== null && councillors.has(c.authorId),
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
      moreRepliesHref: moreReplies.get(c.id) ?? null,
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
    partId,
    returnTo: threadHref(base, sort, page, openedQuery),
    opened: openedQuery ?? null,
    sort,
    page,
    pages,
    commentCount: partId === null ? topic.commentCount : (commentCountsByPart(db, topic.id).get(partId) ?? 0),
    comments: tree,
    focus,
    viewer: {
      signedIn: Boolean(actor),
      canComment: mayWrite,
      refusal,
      refusalParams,
      mustVerifyEmail: Boolean(actor) && !actor!.blocked && !actor!.emailVerified,
    },
    stances: offeredStances(topic.kind),
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
  const comment = findCommentRow(db, commentId);
  const base = threadPath(topic, comment?.partId ?? null);
  let sort: CommentSort = DEFAULT_SORT;
  if (returnTo && (returnTo === base || returnTo.startsWith(`${base}?`))) {
    sort = parseSort(new URL(returnTo, "http://x").searchParams.get(ThreadQueryKeys.sort));
  }
  if (!comment) return threadHref(base, sort, 1);
  const root = comment.rootId ? findCommentRow(db, comment.rootId) : comment;
  if (!root) return threadHref(base, sort, 1);
  const sameTopicRoots = and(eq(comments.topicId, topic.id), comment.partId === null ? undefined : eq(comments.partId, comment.partId), isNull(comments.parentId));
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
  // A reply past the first handful of its thread shows only with the thread opened that far.
  let opened: Record<string, number> | undefined;
  if (comment.rootId) {
    const earlier =
      db
        .select({ n: sql<number>`count(*)` })
        .from(comments)
        .where(
          and(
            eq(comments.rootId, comment.rootId),
            or(lt(comments.createdAt, comment.createdAt), and(eq(comments.createdAt, comment.createdAt), lt(comments.id, comment.id))),
          ),
        )
        .get()?.n ?? 0;
    if (earlier >= REPLIES_SHOWN) opened = openThreadQuery(comment.rootId, Math.ceil((earlier + 1) / REPLIES_MORE_STEP) * REPLIES_MORE_STEP);
  }
  return `${threadHref(base, sort, page, opened)}#comment-${comment.id}`;
}

/** Where a thread action goes back to: the given page of this topic's thread, or the topic page. */
/** The thread page a return address names: one of the topic's parts' pages when it is one, else the topic's. */
function threadBase(topic: NonNullable<ReturnType<typeof findTopicRow>>, returnTo: string | null | undefined): string {
  const own = topicPath(topic);
  const path = returnTo?.split(/[?#]/)[0] ?? "";
  const part = path.startsWith(`${own}/`) ? /\/([1-9]\d{0,15})$/.exec(path) : null;
  if (part && partOfTopic(db, topic, Number(part[1])) && threadPath(topic, Number(part[1])) === path) return path;
  return own;
}

export function safeThreadReturn(topicId: number, returnTo: string | null | undefined): string {
  const topic = findTopicRow(db, topicId);
  if (!topic) return "/";
  const base = threadBase(topic, returnTo);
  if (!returnTo || !(returnTo === base || returnTo.startsWith(`${base}?`))) return base;
  const url = new URL(returnTo, "http://x");
  const opened = parseOpenedThread(url.searchParams);
  return threadHref(
    base,
    parseSort(url.searchParams.get(ThreadQueryKeys.sort)),
    parsePositiveInt(url.searchParams.get(ThreadQueryKeys.page)) ?? 1,
    opened ? openThreadQuery(opened.rootId, opened.replies) : undefined,
  );
}
