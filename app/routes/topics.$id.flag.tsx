import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Heading, Link, Paragraph } from "~/components/ui";
import { FlagSchema } from "~/modules/participation/comments.schema";
import { FlagForm } from "~/modules/participation/components/CommentForms";
import { commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { flagContent } from "~/modules/participation/flags.server";
import { MODERATION_REFUSAL_MESSAGES } from "~/modules/participation/moderation.refusals";
import { FLAG_NOTE_MAX } from "~/modules/participation/moderation.rules";
import { readableTopicOr404 } from "~/modules/topics/topics.access.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { requireUserWithPermission } from "~/utils/auth.server";
import { parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";
import { refusalMessage } from "~/utils/refusal";

export const handle: MessagesHandle = { i18n: ["comment", "moderation"] };

// Report a topic of any kind: GET shows the form, POST files the flag and goes back to the topic.

export const links: LinksFunction = () => commentSectionLinks();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "flag:create");
  const topic = readableTopicOr404(params.id, user);
  return {
    topic: { id: topic.id, title: topic.title, path: topicPath(topic) },
    own: topic.authorId === user.id,
    hidden: topic.hidden,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "flag:create");
  const topic = readableTopicOr404(params.id, user);
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), FlagSchema, t);
  if (!parsed.ok) return data({ ok: false as const, message: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const values = { reason: parsed.data.reason, note: parsed.data.note ?? "" };
  if (!hitRateLimit(RATE_LIMITS.flagPerUser, user.id)) {
    return data({ ok: false as const, message: t("moderation.error.rateLimited"), errors: {}, values }, { status: 429 });
  }
  const result = flagContent(user, { targetType: "topic", targetId: topic.id, reason: parsed.data.reason, note: parsed.data.note ?? null });
  if (!result.ok) {
    if (result.reason === "blocked") throw new Response("Forbidden", { status: 403 });
    const status = result.reason === "target-not-found" ? 404 : 422;
    return data({ ok: false as const, message: t(refusalMessage(result, MODERATION_REFUSAL_MESSAGES)), errors: {}, values }, { status });
  }
  return redirectWithToast(topicPath(topic), { type: "success", message: result.repeat ? "moderation.flag.repeat" : "moderation.flag.thanks" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("moderation.flag.title")} · ${loaded.topic.title}` : null), "moderation.flag.title");

export default function FlagTopic() {
  const { topic, own, hidden } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("moderation.flag.title")}</Heading>
      <Paragraph>{t("moderation.flag.intro", { title: topic.title })}</Paragraph>
      {result?.message ? <Alert type="error">{result.message}</Alert> : null}
      {own ? (
        <Alert type="info">{t("moderation.error.ownContent")}</Alert>
      ) : hidden ? (
        <Alert type="info">{t("moderation.error.alreadyHidden")}</Alert>
      ) : (
        <FlagForm
          action={`/topics/${topic.id}/flag`}
          idPrefix="field"
          hidden={{}}
          errors={result?.errors}
          defaultReason={result?.values.reason}
          defaultNote={result?.values.note}
          noteMax={FLAG_NOTE_MAX}
          cancelHref={topic.path}
          showErrorSummary
        />
      )}
      <Paragraph>
        <Link to={topic.path}>{t("comment.problem.back", { title: topic.title })}</Link>
      </Paragraph>
    </div>
  );
}
