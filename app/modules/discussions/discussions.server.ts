// Standalone discussions: a question opened by a resident or clerk, closed by a clerk with a conclusion.
import { and, eq, inArray } from "drizzle-orm";
import { comments, outcomes, topics } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { topicTimeline } from "~/modules/topics/outcomes.server";
import { authorName, followTopicTx, getOutcomeBlock, insertTopic, isFollowing, listTimeline } from "~/modules/topics/topics.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import { can, type Actor } from "~/utils/permissions";
import { discussionKind } from "./discussions.kind";
import type { Outcome, RefusalMessages } from "~/utils/refusal";
import { pageRows, topicListPage } from "~/modules/topics/topics.lists.server";
import type { PageCursor } from "~/utils/keyset";
import { CLOSABLE_STATES, DISCUSSION_STATES, transition, type DiscussionState } from "./discussions.rules";

/** The outcome service for discussions: the shared timeline events and the discussion's own (discussions.kind.ts). */
const discussionTimeline = topicTimeline(discussionKind);

export type DiscussionRefusal = "not-found" | "not-closable" | "blocked" | "email-unverified" | "rate-limited" | "submission-reused";
export type DiscussionResult<T extends object = object> = Outcome<T, DiscussionRefusal>;

export const DISCUSSION_REFUSAL_MESSAGES: RefusalMessages<DiscussionRefusal> = {
  "not-found": "discussion.error.notFound",
  "not-closable": "discussion.error.notClosable",
  blocked: "comment.error.blocked",
  "email-unverified": "comment.error.emailUnverified",
  "rate-limited": "discussion.new.rateLimited",
  "submission-reused": "form.submissionInvalid",
};

type TopicRow = typeof topics.$inferSelect;

export const DISCUSSIONS_PAGE_SIZE = 20;

/**
 * Opens a discussion: public at once, the opener follows it, the timeline says it was published.
 * With a submission key (the form's hidden field), a repeat of the same post — a double click, a
 * resent form — answers with the discussion the first one opened and writes nothing. `admit` is
 * the caller's rate limit, asked only for a post that would open a new discussion.
 */
export function createDiscussion(
  actor: Actor,
  input: { title: string; body: string; submissionKey?: string | null },
  options: { now?: Date; admit?: () => boolean } = {},
): DiscussionResult<{ topicId: number }> {
  const now = options.now ?? new Date();
  if (actor.blocked) return { ok: false, reason: "blocked" };
  if (!actor.emailVerified) return { ok: false, reason: "email-unverified" };
  const key = input.submissionKey ?? null;
  return db.transaction((tx): DiscussionResult<{ topicId: number }> => {
    if (key) {
      const earlier = tx
        .select({ id: topics.id, kind: topics.kind })
        .from(topics)
        .where(and(eq(topics.authorId, actor.id), eq(topics.submissionKey, key)))
        .get();
      if (earlier) return earlier.kind === "discussion" ? { ok: true, topicId: earlier.id } : { ok: false, reason: "submission-reused" };
    }
    if (options.admit && !options.admit()) return { ok: false, reason: "rate-limited" };
    const id = insertTopic(tx, { kind: "discussion", title: input.title, body: input.body, authorId: actor.id, status: "open" satisfies DiscussionState, isPublic: true });
    // The key is unique per author (a partial unique index): the database refuses a second row.
    tx.update(topics).set({ publishedAt: now, createdAt: now, updatedAt: now, submissionKey: key }).where(eq(topics.id, id)).run();
    discussionTimeline.record(tx, { topicId: id, type: "published", payload: {}, actor, at: now });
    followTopicTx(tx, actor.id, id);
    return { ok: true, topicId: id };
  });
}

/**
 * The writes of closing, inside the caller's transaction: status, then through the outcome service
 * the conclusion as the outcome, the timeline event, the audit entry and the notice to the
 * discussion's audience (participants, followers and the author; nothing about a hidden one). Only
 * an open discussion is closed: returns false, having written nothing, when it was closed already.
 */
function closeDiscussionTx(tx: Tx, actor: Actor, topic: TopicRow, conclusion: string, now: Date): boolean {
  const closed = tx
    .update(topics)
    .set({ status: "closed" satisfies DiscussionState, closedAt: now, updatedAt: now })
    .where(and(eq(topics.id, topic.id), inArray(topics.status, [...CLOSABLE_STATES])))
    .run();
  if (closed.changes !== 1) return false;
  const plain = conclusion.replace(/\s+/g, " ").trim();
  discussionTimeline.recordOutcome(tx, {
    topicId: topic.id, type: "concluded", payload: {}, actor, at: now,
    outcome: { type: "conclusion", body: conclusion },
    audit: { action: "discussion.close", before: { status: topic.status }, after: { status: "closed" satisfies DiscussionState }, reason: conclusion.slice(0, 1000) },
    notice: { type: "discussion.notice.concluded", data: { title: topic.title, conclusion: plain.length > 300 ? `${plain.slice(0, 297)}...` : plain } },
  });
  return true;
}

/** Whether the discussion was closed with this very conclusion: a second close is then the same request again. */
export function concludedWith(tx: DB | Tx, topicId: number, conclusion: string): boolean {
  const found = tx
    .select({ id: outcomes.id })
    .from(outcomes)
    .where(and(eq(outcomes.topicId, topicId), eq(outcomes.type, "conclusion"), eq(outcomes.body, conclusion)))
    .get();
  return Boolean(found);
}

/**
 * A clerk closes an open discussion with a written conclusion, which becomes its outcome. Read
 * and closed in one transaction: a double submit finds it closed with the same conclusion and is
 * answered as done, without a second conclusion, event or audit row; another conclusion for a
 * discussion closed meanwhile is refused, so no one believes theirs was published.
 */
export function closeDiscussion(actor: Actor, input: { topicId: number; conclusion: string }, options: { now?: Date } = {}): DiscussionResult {
  const now = options.now ?? new Date();
  return db.transaction((tx): DiscussionResult => {
    const topic = tx.select().from(topics).where(and(eq(topics.id, input.topicId), eq(topics.kind, "discussion"))).get();
    if (!topic) return { ok: false, reason: "not-found" };
    if (topic.status === ("closed" satisfies DiscussionState) && concludedWith(tx, topic.id, input.conclusion)) return { ok: true };
    const next = transition(topic.status, "close");
    if (!next.ok) return { ok: false, reason: "not-closable" };
    closeDiscussionTx(tx, actor, topic, input.conclusion, now);
    return { ok: true };
  });
}

/** What lists show of a discussion: no text, no names. */
const discussionSummary = {
  id: topics.id,
  title: topics.title,
  status: topics.status,
  commentCount: topics.commentCount,
  followerCount: topics.followerCount,
  publishedAt: topics.publishedAt,
  closedAt: topics.closedAt,
};

/** Public, visible discussions, newest first; optionally only open or closed ones: pages by key (topics.lists.server). */
export function listDiscussions(filter: { status?: DiscussionState; cursor: PageCursor | null }) {
  const states = filter.status ? [filter.status] : DISCUSSION_STATES;
  const page = topicListPage({
    kind: "discussion",
    segments: states.flatMap((status) => [{ status, closed: false }, { status, closed: true }]),
    order: "latest",
    cursor: filter.cursor,
    size: DISCUSSIONS_PAGE_SIZE,
  });
  const rows = pageRows(page.ids, (byIds) => db.select(discussionSummary).from(topics).where(byIds).all());
  return {
    rows: rows.map((r) => ({ ...r, publishedAt: r.publishedAt?.toISOString() ?? null, closedAt: r.closedAt?.toISOString() ?? null })),
    next: page.next,
    prev: page.prev,
  };
}

/** A discussion's page, or null when it does not exist or this person may not see it. */
export function getDiscussion(topicId: number, actor: Actor | null) {
  const topic = db.select().from(topics).where(and(eq(topics.id, topicId), eq(topics.kind, "discussion"))).get();
  if (!topic) return null;
  if (!can(actor, "discussion:read", topic)) return null;
  return {
    id: topic.id,
    title: topic.title,
    bodyHtml: topic.bodyHtml,
    status: topic.status as DiscussionState,
    hidden: topic.hidden,
    locked: topic.locked,
    authorName: authorName(topic.authorId),
    publishedAt: topic.publishedAt?.toISOString() ?? topic.createdAt.toISOString(),
    commentCount: topic.commentCount,
    followerCount: topic.followerCount,
    following: actor ? isFollowing(actor.id, topic.id) : false,
    canClose: can(actor, "discussion:close", { status: topic.status }),
    canFlag: Boolean(actor) && can(actor, "flag:create") && topic.authorId !== actor?.id && !topic.hidden,
    timeline: listTimeline(topic.id).map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    outcome: serialiseOutcome(getOutcomeBlock(topic.id)),
  };
}

function serialiseOutcome(block: ReturnType<typeof getOutcomeBlock>) {
  return {
    outcomes: block.outcomes.map((o) => ({ ...o, decidedAt: o.decidedAt.toISOString() })),
    nextSteps: block.nextSteps.map((s) => ({
      id: s.id,
      description: s.description,
      responsibleBody: s.responsibleBody,
      dueAt: s.dueAt?.toISOString() ?? null,
      status: s.status,
    })),
  };
}

