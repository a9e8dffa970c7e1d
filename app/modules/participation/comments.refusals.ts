// Why a comment action was refused, and the message each refusal shows (the shared Refusal of ~/utils/refusal).
import type { Outcome, RefusalMessages } from "~/utils/refusal";
import type { ClosedReason, EligibilityRefusal, ReplyRefusal } from "./comments.rules";

export type CommentRefusal =
  | ClosedReason
  | ReplyRefusal
  | EligibilityRefusal
  | "topic-not-found"
  | "comment-not-found"
  | "part-not-found"
  | "not-author"
  | "edit-window-passed"
  | "comment-hidden"
  | "comment-deleted"
  | "own-comment"
  | "rate-limited"
  | "submission-reused";

export type Result<T extends object = object> = Outcome<T, CommentRefusal>;

/** The message shown for each refusal. */
export const COMMENT_REFUSAL_MESSAGES: RefusalMessages<CommentRefusal> = {
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
  "part-not-found": "comment.error.notFound",
  "not-author": "comment.error.notAuthor",
  "edit-window-passed": "comment.error.editWindowPassed",
  "comment-hidden": "comment.error.hidden",
  "comment-deleted": "comment.error.deleted",
  "own-comment": "comment.error.ownComment",
  "rate-limited": "comment.error.rateLimited",
  "submission-reused": "form.submissionInvalid",
};

/** Refusals that mean "this id does not exist here" (a tampered or stale id): answered with a 404. */
export const NOT_FOUND_REFUSALS: readonly CommentRefusal[] = ["topic-not-found", "comment-not-found", "part-not-found", "parent-other-topic"];
