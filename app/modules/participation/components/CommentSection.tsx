// The thread of any topic: comments with replies up to three levels, stances, upvotes, and the
// forms to write, reply, edit, delete and report. Every action is a plain form or link, so it all
// works without JavaScript; only one reply/edit/report form is open at a time (?reply=ID etc.).
import { Form } from "@remix-run/react";
import discussionsCss from "~/styles/discussions.css?url";
import { Alert, Button, Heading, Link, Paragraph, RichText, StatusBadge } from "~/components/ui";
import { useT } from "~/utils/i18n";
import { isolate } from "~/utils/text";
import { COMMENT_SORTS, threadHref } from "../comments.rules";
import type { CommentNode, CommentThread } from "../comments.types";
import { CommentForm, commentsAction, DeleteCommentForm, FlagForm } from "./CommentForms";

/** Add to the `links` of any route that shows a <CommentSection>. */
export const commentSectionLinks = () => [{ rel: "stylesheet", href: discussionsCss }];

export interface CommentSectionProps {
  /** What loadCommentThread(topicId, actor, url.searchParams) returned. */
  thread: CommentThread;
  topicId: number;
  /** The level of the section heading; comments have none of their own. */
  headingLevel?: 2 | 3;
}

export function CommentSection({ thread, topicId, headingLevel = 2 }: CommentSectionProps) {
  const { t } = useT();
  const base = thread.topicPath;
  const signIn = `/sign-in?redirectTo=${encodeURIComponent(thread.returnTo)}`;
  return (
    <section aria-labelledby="comments-heading" className="inspraak-section inspraak-discussions-comments" id="comments">
      <Heading level={headingLevel} id="comments-heading">
        {t("comment.section.title", { count: thread.commentCount })}
      </Heading>
      {thread.viewer.canComment ? (
        <CommentForm
          topicId={topicId}
          mode="post"
          idPrefix="comment"
          stances={thread.stances}
          returnTo={thread.returnTo}
          bodyMax={thread.limits.bodyMax}
          submissionKey={thread.submissionKey}
          partId={thread.partId ?? undefined}
        />
      ) : thread.viewer.refusal ? (
        <Alert type="info" role="status">
          {t(thread.viewer.refusal, thread.viewer.refusalParams ?? undefined)}
        </Alert>
      ) : !thread.viewer.signedIn ? (
        <Paragraph>
          <Link to={signIn}>{t("comment.signInToComment")}</Link>
        </Paragraph>
      ) : null}
      {thread.viewer.mustVerifyEmail && thread.comments.length > 0 && thread.viewer.refusal !== "comment.error.emailUnverified" ? (
        <Paragraph>{t("comment.verifyToTakePart")}</Paragraph>
      ) : null}

      {thread.comments.length > 0 ? (
        <nav aria-label={t("comment.sort.label")} className="inspraak-discussions-sort">
          <span>{t("comment.sort.label")}:</span>
          <ul>
            {COMMENT_SORTS.map((sort) => (
              <li key={sort}>
                <Link to={`${threadHref(base, sort, 1)}#comments`} aria-current={thread.sort === sort ? "true" : undefined} preventScrollReset>
                  {t(`comment.sort.${sort}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <Paragraph>{t("comment.empty")}</Paragraph>
      )}

      {thread.comments.length > 0 ? (
        <ol className="inspraak-discussions-thread">
          {thread.comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} thread={thread} topicId={topicId} />
          ))}
        </ol>
      ) : null}

      {thread.pages > 1 ? (
        <nav className="utrecht-pagination" aria-label={t("comment.pagination.label")}>
          {thread.page > 1 ? (
            <Link className="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev" rel="prev" to={`${threadHref(base, thread.sort, thread.page - 1)}#comments`}>
              {t("pagination.previous")}
            </Link>
          ) : null}
          <span className="utrecht-pagination__page-status"> {t("pagination.page", { page: thread.page, pages: thread.pages })} </span>
          {thread.page < thread.pages ? (
            <Link className="utrecht-pagination__relative-link utrecht-pagination__relative-link--next" rel="next" to={`${threadHref(base, thread.sort, thread.page + 1)}#comments`}>
              {t("pagination.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

function CommentItem({ comment, thread, topicId }: { comment: CommentNode; thread: CommentThread; topicId: number }) {
  const { t, date, number } = useT();
  const name = comment.authorName ?? t("topic.deletedParticipant");
  const focus = thread.focus?.commentId === comment.id ? thread.focus.mode : null;
  const here = (extra?: Record<string, number>) => threadHref(thread.topicPath, thread.sort, thread.page, { ...thread.opened, ...extra });
  const anchor = `comment-${comment.id}`;
  const about = <span className="inspraak-visually-hidden"> {t("comment.about", { name: isolate(name) })}</span>;
  return (
    <li id={anchor} className="inspraak-discussions-comment">
      <article aria-labelledby={`${anchor}-meta`} className="inspraak-discussions-comment__body">
        {comment.state === "visible" ? (
          <>
            <p id={`${anchor}-meta`} className="utrecht-paragraph inspraak-discussions-meta">
              <strong>
                <bdi>{name}</bdi>
              </strong>
              {comment.byCouncillor ? (
                <>
                  {" "}
                  <StatusBadge tone="active">{t("comment.badge.councillor")}</StatusBadge>
                </>
              ) : null}
              {comment.byViewer ? ` (${t("comment.you")})` : null} ·{" "}
              <time dateTime={comment.createdAt}>{date(comment.createdAt, "datetime")}</time>
              {comment.editedAt ? <> · {t("comment.edited")}</> : null}
              {thread.stances.length > 0 && comment.stance ? (
                <>
                  {" "}
                  <StatusBadge tone={comment.stance === "for" ? "success" : comment.stance === "against" ? "danger" : "neutral"}>
                    {t(`comment.stance.${comment.stance}`)}
                  </StatusBadge>
                </>
              ) : null}
            </p>
            <RichText html={comment.bodyHtml} />
            <div className="inspraak-discussions-actions">
              {comment.can.upvote ? (
                <Form method="post" action={commentsAction(topicId)} className="inspraak-inline-form" preventScrollReset>
                  <input type="hidden" name="intent" value={comment.upvotedByViewer ? "withdraw-upvote" : "upvote"} />
                  <input type="hidden" name="commentId" value={comment.id} />
                  <input type="hidden" name="returnTo" value={thread.returnTo} />
                  <Button appearance="subtle" aria-pressed={comment.upvotedByViewer}>
                    {t("comment.upvote", { count: number(comment.upvoteCount) })}
                    {about}
                  </Button>
                </Form>
              ) : comment.upvoteCount > 0 ? (
                <span>{t("comment.upvotes", { count: number(comment.upvoteCount) })}</span>
              ) : null}
              {comment.can.reply ? (
                <Link to={`${here({ reply: comment.id })}#${anchor}-form`} preventScrollReset>
                  {t("comment.reply")}
                  {about}
                </Link>
              ) : null}
              {comment.can.edit ? (
                <Link to={`${here({ edit: comment.id })}#${anchor}-form`} preventScrollReset>
                  {t("comment.edit")}
                  {about}
                </Link>
              ) : null}
              {comment.can.delete ? (
                <Link to={`${here({ delete: comment.id })}#${anchor}-form`} preventScrollReset>
                  {t("comment.delete")}
                  {about}
                </Link>
              ) : null}
              {comment.can.flag && !comment.flaggedByViewer ? (
                <Link to={`${here({ report: comment.id })}#${anchor}-form`} preventScrollReset>
                  {t("comment.report")}
                  {about}
                </Link>
              ) : null}
              {comment.flaggedByViewer ? <span>{t("comment.reported")}</span> : null}
            </div>
          </>
        ) : (
          <p id={`${anchor}-meta`} className="utrecht-paragraph inspraak-discussions-placeholder">
            {t(comment.state === "hidden" ? "comment.hiddenPlaceholder" : "comment.deletedPlaceholder")}
          </p>
        )}
        {focus ? (
          <div id={`${anchor}-form`} className="inspraak-discussions-focus">
            {focus === "reply" ? (
              <CommentForm
                topicId={topicId}
                mode="reply"
                idPrefix="reply"
                parentId={comment.id}
                stances={[]}
                returnTo={thread.returnTo}
                bodyMax={thread.limits.bodyMax}
                cancelHref={`${here()}#${anchor}`}
                replyToName={name}
                submissionKey={thread.submissionKey}
              />
            ) : focus === "edit" ? (
              <CommentForm
                topicId={topicId}
                mode="edit"
                idPrefix="edit"
                commentId={comment.id}
                defaultBody={comment.body ?? ""}
                defaultStance={comment.stance}
                stances={comment.depth === 0 ? thread.stances : []}
                returnTo={thread.returnTo}
                bodyMax={thread.limits.bodyMax}
                cancelHref={`${here()}#${anchor}`}
              />
            ) : focus === "delete" ? (
              <DeleteCommentForm topicId={topicId} commentId={comment.id} returnTo={thread.returnTo} cancelHref={`${here()}#${anchor}`} />
            ) : (
              <FlagForm
                action={commentsAction(topicId)}
                idPrefix="report"
                hidden={{ intent: "flag", commentId: comment.id, returnTo: thread.returnTo }}
                noteMax={thread.limits.noteMax}
                cancelHref={`${here()}#${anchor}`}
              />
            )}
          </div>
        ) : null}
      </article>
      {comment.replies.length > 0 ? (
        <ol className="inspraak-discussions-replies" aria-label={t("comment.repliesTo", { name })}>
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} thread={thread} topicId={topicId} />
          ))}
        </ol>
      ) : null}
      {comment.moreRepliesHref ? (
        <Paragraph>
          <Link to={comment.moreRepliesHref} preventScrollReset>
            {t("comment.moreReplies")}
            <span className="inspraak-visually-hidden"> {t("comment.about", { name: isolate(name) })}</span>
          </Link>
        </Paragraph>
      ) : null}
    </li>
  );
}
