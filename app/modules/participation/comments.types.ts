// The shape of a loaded thread, shared by the server (loadCommentThread) and <CommentSection>.
import type { Stance } from "#db/schema/discussions.constants";
import type { MessageKey } from "~/i18n";
import type { CommentSort, CommentState } from "./comments.rules";

/** What one comment looks like to the component: text only when visible, dates as ISO strings. */
export interface CommentNode {
  id: number;
  parentId: number | null;
  depth: number;
  state: CommentState;
  /** Null for a deleted account ("deleted participant") and for hidden or deleted comments. */
  authorName: string | null;
  byViewer: boolean;
  /** Written by a councillor: shown with the "raadslid" badge. */
  byCouncillor: boolean;
  bodyHtml: string;
  /** The markdown, only when the viewer is editing this comment. */
  body: string | null;
  stance: Stance | null;
  upvoteCount: number;
  upvotedByViewer: boolean;
  flaggedByViewer: boolean;
  createdAt: string;
  editedAt: string | null;
  can: { reply: boolean; edit: boolean; delete: boolean; upvote: boolean; flag: boolean };
  replies: CommentNode[];
  /** On a top-level comment with more replies than shown: the link that shows more of them. */
  moreRepliesHref: string | null;
}

export type ThreadFocusMode = "reply" | "edit" | "report" | "delete";

export interface CommentThread {
  topicId: number;
  /** The thread's page (the topic's, or its part's): where the forms send people back to. */
  topicPath: string;
  /** The part of the topic the thread is about (a bylaw's article), carried by the form of a new comment. */
  partId?: number | null;
  /** The current page's path and comment query (sort, page), for links and returnTo. */
  returnTo: string;
  sort: CommentSort;
  page: number;
  pages: number;
  /** The query of the thread opened further on this page ("show more replies"), kept by links and forms. */
  opened: Record<string, number> | null;
  /** Visible comments on the topic (topics.comment_count). */
  commentCount: number;
  comments: CommentNode[];
  focus: { mode: ThreadFocusMode; commentId: number } | null;
  viewer: {
    signedIn: boolean;
    canComment: boolean;
    /** Why the viewer cannot comment (signed in but refused), translated by the component. */
    refusal: MessageKey | null;
    refusalParams: Record<string, number> | null;
    /** Signed in without a confirmed email address: may not support or report comments (the component says so). */
    mustVerifyEmail: boolean;
  };
  /** The stances the topic's kind offers with a top-level comment (its manifest); none on an open question. */
  stances: readonly Stance[];
  limits: { bodyMax: number; noteMax: number; maxDepth: number; editWindowMinutes: number };
  /**
   * A fresh random key for the forms that write a comment or reply (their hidden `submission`
   * field), so a double click writes once; null when the viewer cannot write.
   */
  submissionKey?: string | null;
}

