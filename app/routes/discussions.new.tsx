import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Alert, Button, ErrorSummary, Heading, Paragraph, TextArea, TextField } from "~/components/ui";
import { CONTEXT_MAX, TITLE_MAX, TITLE_MIN } from "~/modules/discussions/discussions.rules";
import { NewDiscussionSchema } from "~/modules/discussions/discussions.schema";
import { createDiscussion, DISCUSSION_REFUSAL_MESSAGES } from "~/modules/discussions/discussions.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "discussion:create");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "discussion:create");
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), NewDiscussionSchema, t);
  if (!parsed.ok) return formFailure(parsed);
  if (!hitRateLimit(RATE_LIMITS.createPerUser, user.id)) {
    return data({ ok: false as const, errors: { form: t("discussion.new.rateLimited") }, values: parsed.data }, { status: 429 });
  }
  const result = createDiscussion(user, parsed.data);
  if (!result.ok) return data({ ok: false as const, errors: { form: t(DISCUSSION_REFUSAL_MESSAGES[result.reason]) }, values: parsed.data }, { status: 422 });
  return redirectWithToast(`/discussions/${result.topicId}`, { type: "success", message: "discussion.created" });
}

export const meta: MetaFunction = () => [{ title: "Discussie starten · Start a discussion · Inspraak" }];

export default function NewDiscussion() {
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
      <Form method="post" className="inspraak-form">
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
        <Button>{t("discussion.new.submit")}</Button>
      </Form>
    </div>
  );
}
