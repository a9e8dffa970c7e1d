// The forms of a thread: write / reply / edit, report, and confirm a deletion. Plain posts to
// /topics/:id/comments (or /topics/:id/flag), told apart by an `intent` field; they work without JavaScript.
import { Form } from "@remix-run/react";
import { FLAG_REASONS, type Stance } from "#db/schema/discussions.constants";
import { Button, ButtonGroup, ErrorSummary, Link, Paragraph, SubmissionKey, SubmitButton } from "~/components/ui";
import { useT } from "~/utils/i18n";
import { RadioGroup, TextAreaField } from "./fields";

export type CommentFormMode = "post" | "reply" | "edit";

export const commentsAction = (topicId: number) => `/topics/${topicId}/comments`;

export function CommentForm({
  topicId,
  mode,
  idPrefix,
  parentId,
  commentId,
  defaultBody,
  defaultStance,
  stances,
  errors,
  returnTo,
  bodyMax,
  cancelHref,
  replyToName,
  showErrorSummary = false,
  submissionKey,
  partId,
}: {
  topicId: number;
  mode: CommentFormMode;
  /** Makes the ids unique on the page, e.g. "comment", "reply", "edit" (or "field" on a page with one form). */
  idPrefix: string;
  parentId?: number;
  commentId?: number;
  defaultBody?: string;
  defaultStance?: string | null;
  /** The stances the topic's kind offers with a top-level comment; none: no stance asked. */
  stances: readonly Stance[];
  errors?: Record<string, string>;
  returnTo: string;
  bodyMax: number;
  cancelHref?: string;
  replyToName?: string;
  showErrorSummary?: boolean;
  /** The page's fresh key (CommentThread.submissionKey): a post or reply carries it, so a double click writes once. */
  submissionKey?: string | null;
  /** The part of the topic a new comment is about (a bylaw's article). */
  partId?: number;
}) {
  const { t } = useT();
  const ids = { body: `${idPrefix}-body`, stance: `${idPrefix}-stance` };
  // One key per form on the page: a reply and a new comment sent from the same page are two things.
  const submission = submissionKey && mode !== "edit" ? `${submissionKey}-${mode === "reply" ? `r${parentId ?? 0}` : "c"}` : null;
  const label =
    mode === "reply"
      ? t("comment.form.replyLabel", { name: replyToName ?? t("topic.deletedParticipant") })
      : mode === "edit"
        ? t("comment.form.editLabel")
        : t("comment.form.label");
  const withStance = stances.length > 0 && mode !== "reply";
  return (
    <Form method="post" action={commentsAction(topicId)} className="inspraak-form inspraak-discussions-form" id={`${idPrefix}-form`} noValidate>
      {showErrorSummary ? <ErrorSummary errors={errors} ids={ids} headingId={`${idPrefix}-errors`} /> : null}
      <input type="hidden" name="intent" value={mode} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
      {partId && mode === "post" ? <input type="hidden" name="partId" value={partId} /> : null}
      <input type="hidden" name="returnTo" value={returnTo} />
      <SubmissionKey value={submission} />
      <TextAreaField
        id={ids.body}
        name="body"
        label={label}
        description={t("comment.form.hint", { max: bodyMax })}
        error={errors?.body}
        defaultValue={defaultBody}
        maxLength={bodyMax}
        required
        rows={mode === "post" ? 5 : 4}
      />
      {withStance ? (
        <RadioGroup
          idPrefix={ids.stance}
          name="stance"
          legend={t("comment.stance.legend")}
          defaultValue={defaultStance ?? ""}
          error={errors?.stance}
          options={[{ value: "", label: t("comment.stance.none") }, ...stances.map((stance) => ({ value: stance, label: t(`comment.stance.${stance}`) }))]}
        />
      ) : null}
      <ButtonGroup>
        <SubmitButton>{t(mode === "post" ? "comment.form.submit" : mode === "reply" ? "comment.form.submitReply" : "comment.form.submitEdit")}</SubmitButton>
        {cancelHref ? (
          <Link to={cancelHref} className="inspraak-discussions-cancel">
            {t("form.cancel")}
          </Link>
        ) : null}
      </ButtonGroup>
    </Form>
  );
}

/** Report a topic or comment: a reason from the fixed list, and a note (needed for "other"). */
export function FlagForm({
  action,
  idPrefix,
  hidden,
  errors,
  defaultReason,
  defaultNote,
  noteMax,
  cancelHref,
  showErrorSummary = false,
}: {
  action: string;
  idPrefix: string;
  hidden: Record<string, string | number>;
  errors?: Record<string, string>;
  defaultReason?: string;
  defaultNote?: string;
  noteMax: number;
  cancelHref?: string;
  showErrorSummary?: boolean;
}) {
  const { t } = useT();
  const ids = { reason: `${idPrefix}-reason`, note: `${idPrefix}-note` };
  return (
    <Form method="post" action={action} className="inspraak-form inspraak-discussions-form" id={`${idPrefix}-form`} noValidate>
      {showErrorSummary ? <ErrorSummary errors={errors} ids={ids} headingId={`${idPrefix}-errors`} /> : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <RadioGroup
        idPrefix={ids.reason}
        name="reason"
        legend={t("moderation.flag.legend")}
        defaultValue={defaultReason}
        error={errors?.reason}
        options={FLAG_REASONS.map((reason) => ({ value: reason, label: t(`moderation.flag.reason.${reason}`) }))}
      />
      <TextAreaField
        id={ids.note}
        name="note"
        label={t("moderation.flag.note")}
        description={t("moderation.flag.noteHint")}
        error={errors?.note}
        defaultValue={defaultNote}
        maxLength={noteMax}
        optional
        rows={3}
      />
      <ButtonGroup>
        <Button>{t("moderation.flag.submit")}</Button>
        {cancelHref ? <Link to={cancelHref}>{t("form.cancel")}</Link> : null}
      </ButtonGroup>
    </Form>
  );
}

export function DeleteCommentForm({ topicId, commentId, returnTo, cancelHref }: { topicId: number; commentId: number; returnTo: string; cancelHref: string }) {
  const { t } = useT();
  return (
    <Form method="post" action={commentsAction(topicId)} className="inspraak-discussions-form" id={`delete-${commentId}-form`}>
      <input type="hidden" name="intent" value="delete" />
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <Paragraph>{t("comment.delete.confirm")}</Paragraph>
      <ButtonGroup>
        <Button>{t("comment.delete.submit")}</Button>
        <Link to={cancelHref}>{t("form.cancel")}</Link>
      </ButtonGroup>
    </Form>
  );
}
