import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Heading, Link, Paragraph } from "~/components/ui";
import type { MessageKey, MessageParams, Translate } from "~/i18n";
import { commentLocation, safeThreadReturn } from "~/modules/participation/comments.thread.server";
import { COMMENT_REFUSAL_MESSAGES, NOT_FOUND_REFUSALS, type CommentRefusal } from "~/modules/participation/comments.refusals";
import { deleteComment, editComment, postComment } from "~/modules/participation/comments.server";
import { upvoteComment } from "~/modules/participation/comment-upvotes.server";
import { COMMENT_SCHEMAS, IntentSchema, type CommentIntent } from "~/modules/participation/comments.schema";
import { CommentForm, commentsAction, FlagForm } from "~/modules/participation/components/CommentForms";
import { commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { flagContent } from "~/modules/participation/flags.server";
import { MODERATION_REFUSAL_MESSAGES, type ModerationRefusal } from "~/modules/participation/moderation.refusals";
import { FLAG_NOTE_MAX } from "~/modules/participation/moderation.rules";
import { COMMENT_MAX_LENGTH, offeredStances } from "~/modules/participation/comments.rules";
import { getSetting } from "~/modules/settings/settings.server";
import { readableTopicOr404 } from "~/modules/topics/topics.access.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { getUser, requireUser, requireUserWithPermission } from "~/utils/auth.server";
import { newSubmissionKey, parseForm, parseSubmissionKey, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";
import type { Action } from "~/utils/permissions";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";
import { refuse, refusalMessage } from "~/utils/refusal";

export const handle: MessagesHandle = { i18n: ["comment", "moderation"] };

// The resource route every topic's thread posts to (post, reply, edit, delete, upvote, flag).
// Success goes back to the topic page at the comment; a problem renders here, with the form
// refilled, so nothing typed is lost and it all works without JavaScript.

export const links: LinksFunction = () => commentSectionLinks();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const topic = readableTopicOr404(params.id, await getUser(request));
  return {
    topic: { id: topic.id, title: topic.title, path: topicPath(topic), stances: offeredStances(topic.kind) },
    // For the refilled form on this page (a post that was not right wrote nothing: a new key is fine).
    submissionKey: newSubmissionKey(),
  };
}

/** The actor-level permission of each intent; the comment-level rules (own, window) are checked by the service. */
const PERMISSION: Record<CommentIntent, Action> = {
  post: "comment:create",
  reply: "comment:create",
  edit: "comment:edit",
  delete: "comment:delete",
  upvote: "comment:upvote",
  "withdraw-upvote": "comment:upvote",
  flag: "flag:create",
};

interface Problem {
  ok: false;
  intent: CommentIntent | null;
  message: string | null;
  errors: Record<string, string>;
  values: Record<string, string>;
}

function problem(status: number, body: Omit<Problem, "ok">) {
  return data({ ok: false as const, ...body }, { status });
}

function refusalStatus(reason: CommentRefusal | ModerationRefusal): number {
  if ((NOT_FOUND_REFUSALS as readonly string[]).includes(reason) || reason === "target-not-found") return 404;
  if (reason === "rate-limited") return 429;
  return 422;
}

/** A comment refusal, or a moderation one (flagging, hiding), in words: the shared way from a refusal to its message. */
function refusalText(t: Translate, reason: CommentRefusal | ModerationRefusal): string {
  const key: MessageKey =
    reason in COMMENT_REFUSAL_MESSAGES
      ? refusalMessage(refuse(reason as CommentRefusal), COMMENT_REFUSAL_MESSAGES)
      : refusalMessage(refuse(reason as ModerationRefusal), MODERATION_REFUSAL_MESSAGES);
  const params: MessageParams = {
    minutes: getSetting("commentEditWindowMinutes"),
    hours: getSetting("commentMinAccountAgeHours"),
  };
  return t(key, params);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  // A hidden or unpublished topic is not there for those who may not see it, whatever they post.
  const topic = readableTopicOr404(params.id, viewer);
  const topicId = topic.id;
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const head = parseForm(form, IntentSchema, t);
  if (!head.ok) return problem(400, { intent: null, message: head.errors.intent ?? t("form.unknownIntent"), errors: {}, values: {} });
  const intent = head.data.intent as CommentIntent;
  const user = await requireUserWithPermission(request, PERMISSION[intent]);

  const parsed = parseForm(form, COMMENT_SCHEMAS[intent], t);
  if (!parsed.ok) {
    const tampered = parsed.errors.commentId ?? parsed.errors.parentId ?? parsed.errors.partId;
    return problem(tampered ? 404 : 400, {
      intent,
      message: tampered ?? null,
      errors: tampered ? {} : parsed.errors,
      values: parsed.values,
    });
  }
  const input = parsed.data as { returnTo?: string; [key: string]: unknown };
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  const back = safeThreadReturn(topicId, input.returnTo);

  // A post or reply carries its form's submission key: a repeat of it answers like the first.
  const submission = intent === "post" || intent === "reply" ? parseSubmissionKey(form, t) : { ok: true as const, key: null };
  if (!submission.ok) return problem(400, { intent, message: submission.errors.form, errors: {}, values });
  if (intent === "flag" && !hitRateLimit(RATE_LIMITS.flagPerUser, user.id)) {
    return problem(429, { intent, message: t("moderation.error.rateLimited"), errors: {}, values });
  }

  const refuse = (reason: CommentRefusal | ModerationRefusal) => {
    if (reason === "not-author" || reason === "blocked") throw new Response("Forbidden", { status: 403 });
    return problem(refusalStatus(reason), { intent, message: refusalText(t, reason), errors: {}, values });
  };

  switch (intent) {
    case "post":
    case "reply": {
      const d = parsed.data as { body: string; stance?: "for" | "against" | "neutral"; parentId?: number; partId?: number };
      const result = postComment(
        user,
        { topicId, body: d.body, stance: d.stance ?? null, parentId: d.parentId ?? null, partId: d.partId ?? null, submissionKey: submission.key },
        // Counted only for a post that writes a new comment, not for a repeat of one.
        { admit: () => hitRateLimit(RATE_LIMITS.commentPerUser, user.id) },
      );
      if (!result.ok) return refuse(result.reason);
      return redirectWithToast(commentLocation(topicId, result.commentId, input.returnTo ?? null), {
        type: "success",
        message: intent === "post" ? "comment.done.posted" : "comment.done.replied",
      });
    }
    case "edit": {
      const d = parsed.data as { commentId: number; body: string; stance?: "for" | "against" | "neutral" };
      const result = editComment(user, { topicId, commentId: d.commentId, body: d.body, stance: d.stance ?? null });
      if (!result.ok) return refuse(result.reason);
      return redirectWithToast(`${back}#comment-${d.commentId}`, { type: "success", message: "comment.done.edited" });
    }
    case "delete": {
      const d = parsed.data as { commentId: number };
      const result = deleteComment(user, { topicId, commentId: d.commentId });
      if (!result.ok) return refuse(result.reason);
      return redirectWithToast(result.removed ? `${back}#comments` : `${back}#comment-${d.commentId}`, { type: "success", message: "comment.done.deleted" });
    }
    case "upvote":
    case "withdraw-upvote": {
      const d = parsed.data as { commentId: number };
      const result = upvoteComment(user, { topicId, commentId: d.commentId, withdraw: intent === "withdraw-upvote" });
      if (!result.ok) return refuse(result.reason);
      return redirectWithToast(`${back}#comment-${d.commentId}`, {
        type: "success",
        message: intent === "upvote" ? "comment.done.upvoted" : "comment.done.upvoteWithdrawn",
      });
    }
    case "flag": {
      const d = parsed.data as { commentId: number; reason: "spam"; note?: string };
      const result = flagContent(user, { targetType: "comment", targetId: d.commentId, topicId, reason: d.reason, note: d.note ?? null });
      if (!result.ok) return refuse(result.reason === "target-not-found" ? "comment-not-found" : result.reason);
      return redirectWithToast(`${back}#comment-${d.commentId}`, {
        type: "success",
        message: result.repeat ? "moderation.flag.repeat" : "moderation.flag.thanks",
      });
    }
  }
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("comment.pageTitle")} · ${loaded.topic.title}` : null), "comment.pageTitle");

export default function CommentProblem() {
  const { topic, submissionKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Problem | undefined;
  const { t } = useT();
  const back = (
    <Paragraph>
      <Link to={result?.values.returnTo && result.values.returnTo.startsWith(topic.path) ? result.values.returnTo : topic.path}>
        {t("comment.problem.back", { title: topic.title })}
      </Link>
    </Paragraph>
  );
  if (!result) {
    return (
      <div className="inspraak-stack">
        <Heading level={1}>{topic.title}</Heading>
        <Paragraph>{t("comment.problem.none", { title: topic.title })}</Paragraph>
        {back}
      </div>
    );
  }
  const { intent, message, errors, values } = result;
  const writing = intent === "post" || intent === "reply" || intent === "edit";
  const hasFieldErrors = Object.keys(errors).length > 0;
  const returnTo = values.returnTo ?? topic.path;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t(intent === "flag" ? "moderation.flag.problem" : writing ? "comment.problem.titleForm" : "comment.problem.title")}</Heading>
      {message ? <Alert type="error">{message}</Alert> : null}
      {writing && (hasFieldErrors || values.body) ? (
        <CommentForm
          topicId={topic.id}
          mode={intent}
          idPrefix="field"
          parentId={values.parentId ? Number(values.parentId) || undefined : undefined}
          commentId={values.commentId ? Number(values.commentId) || undefined : undefined}
          partId={values.partId ? Number(values.partId) || undefined : undefined}
          defaultBody={values.body}
          defaultStance={values.stance}
          stances={intent === "reply" ? [] : topic.stances}
          errors={errors}
          returnTo={returnTo}
          bodyMax={COMMENT_MAX_LENGTH}
          showErrorSummary
          submissionKey={submissionKey}
        />
      ) : null}
      {intent === "flag" && hasFieldErrors ? (
        <FlagForm
          action={commentsAction(topic.id)}
          idPrefix="field"
          hidden={{ intent: "flag", commentId: values.commentId ?? "", returnTo }}
          errors={errors}
          defaultReason={values.reason}
          defaultNote={values.note}
          noteMax={FLAG_NOTE_MAX}
          showErrorSummary
        />
      ) : null}
      {back}
    </div>
  );
}
