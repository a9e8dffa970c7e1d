// Pure rules for comments: who may write where, how deep threads go, when edits close.
import type { HiddenBy, Stance } from "#db/schema/discussions.constants";
import type { TopicKind } from "#db/schema/topics.constants";
import { kindManifest } from "~/modules/topics/topics.kinds";

/** Top-level comment (0), reply (1), reply to a reply (2): three levels, no deeper. */
export const MAX_DEPTH = 2;
export const COMMENT_MAX_LENGTH = 5_000;
export const COMMENTS_PAGE_SIZE = 20;
/**
 * Replies shown under each top-level comment of a page; "show more replies" adds this many more
 * to that one thread at a time, so a page of a 50,000-comment discussion stays a page.
 */
export const REPLIES_SHOWN = 5;
export const REPLIES_MORE_STEP = 50;
export const REPLIES_MAX = 5_000;

export const COMMENT_SORTS = ["newest", "oldest", "supported"] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];
export const DEFAULT_SORT: CommentSort = "oldest";

/** The stances a topic's comments may carry: those its kind's manifest offers (none on an open question). */
export function offeredStances(kind: TopicKind): readonly Stance[] {
  return kindManifest(kind).comments.stances;
}

/** The stance a new or edited top-level comment keeps: only one its topic's kind offers. */
export function keptStance(kind: TopicKind, stance: Stance | null | undefined): Stance | null {
  return stance && offeredStances(kind).includes(stance) ? stance : null;
}

export type CommentState = "visible" | "hidden" | "deleted";

export interface CommentFacts {
  hiddenBy: HiddenBy | null;
  deletedAt: Date | string | null;
}

export function commentState(c: CommentFacts): CommentState {
  if (c.deletedAt) return "deleted";
  if (c.hiddenBy) return "hidden";
  return "visible";
}

/** Why a topic takes no new comments, or null when it does. */
export type ClosedReason = "topic-not-public" | "topic-hidden" | "topic-locked" | "topic-closed" | "topic-rejected";

export interface TopicFacts {
  kind: TopicKind;
  status: string;
  isPublic: boolean;
  hidden: boolean;
  locked: boolean;
}

export function commentsClosedReason(topic: TopicFacts): ClosedReason | null {
  if (!topic.isPublic) return "topic-not-public";
  if (topic.hidden) return "topic-hidden";
  if (topic.locked) return "topic-locked";
  // The kind's manifest names the statuses in which its conversation has ended (a closed
  // discussion, a rejected petition whose page shows only the reason).
  return kindManifest(topic.kind).comments.closedIn[topic.status] ?? null;
}

export type ReplyRefusal = "parent-other-topic" | "parent-hidden" | "parent-deleted" | "too-deep";

export interface ParentFacts extends CommentFacts {
  topicId: number;
  depth: number;
}

/** Whether one may reply to this comment on this topic. */
export function replyRefusal(parent: ParentFacts, topicId: number): ReplyRefusal | null {
  if (parent.topicId !== topicId) return "parent-other-topic";
  if (parent.deletedAt) return "parent-deleted";
  if (parent.hiddenBy) return "parent-hidden";
  if (parent.depth >= MAX_DEPTH) return "too-deep";
  return null;
}

export const canReplyAtDepth = (depth: number): boolean => depth < MAX_DEPTH;

export function editableUntil(createdAt: Date | string, windowMinutes: number): Date {
  return new Date(new Date(createdAt).getTime() + windowMinutes * 60_000);
}

export function withinEditWindow(createdAt: Date | string, windowMinutes: number, now: Date = new Date()): boolean {
  return now.getTime() <= editableUntil(createdAt, windowMinutes).getTime();
}

/** An author's deletion keeps a placeholder where others replied, otherwise removes the comment. */
export function deletionOutcome(replyCount: number): "placeholder" | "remove" {
  return replyCount > 0 ? "placeholder" : "remove";
}

export type EligibilityRefusal = "blocked" | "email-unverified" | "account-too-new";

/** The settings that decide who may write comments. */
export interface CommentPolicy {
  requireVerifiedEmail: boolean;
  minAccountAgeHours: number;
}

export function eligibilityRefusal(
  person: { blocked: boolean; emailVerified: boolean; createdAt: Date },
  policy: CommentPolicy,
  now: Date = new Date(),
): EligibilityRefusal | null {
  if (person.blocked) return "blocked";
  if (policy.requireVerifiedEmail && !person.emailVerified) return "email-unverified";
  if (policy.minAccountAgeHours > 0 && now.getTime() - person.createdAt.getTime() < policy.minAccountAgeHours * 3_600_000) return "account-too-new";
  return null;
}

/** The query parameters of a thread page; named so they do not clash with a host page's own. */
export const ThreadQueryKeys = { sort: "commentSort", page: "commentPage", thread: "thread", replies: "replies" } as const;

/** One thread opened further than the rest ("show more replies"): its top-level comment and how many replies it shows. */
export interface OpenedThread {
  rootId: number;
  replies: number;
}

/** The opened thread of a page's query, if it names one sensibly; anything else opens none. */
export function parseOpenedThread(params: URLSearchParams): OpenedThread | null {
  const rootId = parsePositiveInt(params.get(ThreadQueryKeys.thread), Number.MAX_SAFE_INTEGER);
  const replies = parsePositiveInt(params.get(ThreadQueryKeys.replies), REPLIES_MAX);
  return rootId && replies && replies > REPLIES_SHOWN ? { rootId, replies } : null;
}

/** How many replies a thread shows on a page: a handful, or more when it is the opened one. */
export function repliesShown(rootId: number, opened: OpenedThread | null): number {
  return opened?.rootId === rootId ? opened.replies : REPLIES_SHOWN;
}

/** The query that opens a thread to show `replies` replies (the next step of "show more"). */
export function openThreadQuery(rootId: number, replies: number): Record<string, number> {
  return { [ThreadQueryKeys.thread]: rootId, [ThreadQueryKeys.replies]: Math.min(replies, REPLIES_MAX) };
}

export function parseSort(value: string | null | undefined): CommentSort {
  return (COMMENT_SORTS as readonly string[]).includes(value ?? "") ? (value as CommentSort) : DEFAULT_SORT;
}

export function parsePositiveInt(value: string | null | undefined, max = 100_000): number | null {
  if (!value || !/^[1-9]\d{0,15}$/.test(value)) return null;
  const n = Number(value);
  return n <= max ? n : null;
}

/** Path + query for a thread page, e.g. "/discussions/3?commentSort=newest&commentPage=2". */
export function threadHref(basePath: string, sort: CommentSort, page: number, extra?: Record<string, string | number>): string {
  const params = new URLSearchParams();
  if (sort !== DEFAULT_SORT) params.set(ThreadQueryKeys.sort, sort);
  if (page > 1) params.set(ThreadQueryKeys.page, String(page));
  for (const [k, v] of Object.entries(extra ?? {})) params.set(k, String(v));
  const query = params.toString();
  return query ? `${basePath}?${query}` : basePath;
}
