import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, ErrorSummary, Heading, Paragraph, SubmissionKey, SubmitButton, TextArea, TextField } from "~/components/ui";
import { CONTEXT_MAX, TITLE_MAX, TITLE_MIN } from "~/modules/discussions/discussions.rules";
import { NewDiscussionSchema } from "~/modules/discussions/discussions.schema";
import { createDiscussion, DISCUSSION_REFUSAL_MESSAGES } from "~/modules/discussions/discussions.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, newSubmissionKey, parseForm, parseSubmissionKey, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";
import { refusalErrors } from "~/utils/refusal";

export const handle: MessagesHandle = { i18n: ["comment", "discussion", "moderation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "discussion:create");
  // A fresh key per page: both clicks of a double click carry it, and open one discussion.
  return { submission: newSubmissionKey() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "discussion:create");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const submission = parseSubmissionKey(form, t);
  if (!submission.ok) return formFailure(submission);
  const parsed = parseForm(form, NewDiscussionSchema, t);
  if (!parsed.ok) return formFailure(parsed);
  // The rate limit counts only a post that opens a new discussion, not a repeat of one.
  const result = createDiscussion(user, { ...parsed.data, submissionKey: submission.key }, { admit: () => hitRateLimit(RATE_LIMITS.createPerUser, user.id) });
  if (!result.ok) {
    const status = result.reason === "rate-limited" ? 429 : 422;
    return data({ ok: false as const, errors: refusalErrors(t, result, DISCUSSION_REFUSAL_MESSAGES), values: parsed.data }, { status });
  }
  return redirectWithToast(`/discussions/${result.topicId}`, { type: "success", message: "discussion.created" });
}

export const meta = pageTitle("discussion.new.title");

export default function NewDiscussion() {
  const { submission } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string>;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("discussion.new.title")}</Heading>
      <Paragraph>{t("discussion.new.intro")}</Paragraph>
      {errors?.form ? <Alert type="error">{errors.form}</Alert> : null}
      <ErrorSummary
        errors={errors ? Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "form")) : undefined}
        labels={{ title: t("discussion.new.question"), body: t("discussion.new.context") }}
      />
      <Form method="post" className="inspraak-form" noValidate>
        <SubmissionKey value={submission} />
        <TextField
          name="title"
          label={t("discussion.new.question")}
          description={t("discussion.new.questionHint", { min: TITLE_MIN, max: TITLE_MAX })}
          error={errors?.title}
          defaultValue={values.title}
          maxLength={TITLE_MAX}
          aria-required
        />
        <TextArea
          name="body"
          label={t("discussion.new.context")}
          description={t("discussion.new.contextHint")}
          error={errors?.body}
          defaultValue={values.body}
          maxLength={CONTEXT_MAX}
          rows={8}
          aria-required
        />
        <SubmitButton>{t("discussion.new.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
