import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, CheckboxField, ErrorSummary, Heading, Link, Paragraph, TextArea } from "~/components/ui";
import { CONCLUSION_MAX } from "~/modules/discussions/discussions.rules";
import { CloseDiscussionSchema } from "~/modules/discussions/discussions.schema";
import { closeDiscussion, DISCUSSION_REFUSAL_MESSAGES } from "~/modules/discussions/discussions.server";
import { findTopic } from "~/modules/topics/topics.server";
import { getUser, requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { can } from "~/utils/permissions";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";
import { refusalErrors } from "~/utils/refusal";

export const handle: MessagesHandle = { i18n: ["comment", "discussion", "moderation"] };

/** The discussion, or a 404 for anyone who may not read it (so a hidden one is not told apart from a missing one). */
async function discussionOr404(request: Request, id: string | undefined) {
  const topic = findTopic(requireId(id), "discussion");
  if (!topic || !can(await getUser(request), "discussion:read", topic)) throw new Response("Not Found", { status: 404 });
  return topic;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const topic = await discussionOr404(request, params.id);
  await requireUserWithPermission(request, "discussion:close");
  return { topic: { id: topic.id, title: topic.title, status: topic.status } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const topic = await discussionOr404(request, params.id);
  const user = await requireUserWithPermission(request, "discussion:close");
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), CloseDiscussionSchema, t);
  if (!parsed.ok) return formFailure(parsed);
  const result = closeDiscussion(user, { topicId: topic.id, conclusion: parsed.data.conclusion });
  if (!result.ok) return data({ ok: false as const, errors: refusalErrors(t, result, DISCUSSION_REFUSAL_MESSAGES), values: parsed.data }, { status: 422 });
  return redirectWithToast(`/discussions/${topic.id}`, { type: "success", message: "discussion.closed" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("discussion.close.title")} · ${loaded.topic.title}` : null), "discussion.close.title");

export default function CloseDiscussion() {
  const { topic } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string>;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("discussion.close.title")}</Heading>
      <Paragraph>{t("discussion.close.intro", { title: topic.title })}</Paragraph>
      {topic.status !== "open" ? <Alert type="info">{t("discussion.error.notClosable")}</Alert> : null}
      {errors?.form ? <Alert type="error">{errors.form}</Alert> : null}
      <ErrorSummary errors={errors ? Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "form")) : undefined} labels={{ conclusion: t("discussion.close.conclusion"), confirm: t("discussion.close.confirmShort") }} />
      {topic.status === "open" ? (
        <Form method="post" className="inspraak-form" noValidate>
          <TextArea
            name="conclusion"
            label={t("discussion.close.conclusion")}
            description={t("discussion.close.conclusionHint")}
            error={errors?.conclusion}
            defaultValue={values.conclusion}
            maxLength={CONCLUSION_MAX}
            rows={8}
            aria-required
          />
          <CheckboxField name="confirm" label={t("discussion.close.confirm")} error={errors?.confirm} aria-required />
          <Button>{t("discussion.close.submit")}</Button>
        </Form>
      ) : null}
      <Paragraph>
        <Link to={`/discussions/${topic.id}`}>{t("comment.problem.back", { title: topic.title })}</Link>
      </Paragraph>
    </div>
  );
}
