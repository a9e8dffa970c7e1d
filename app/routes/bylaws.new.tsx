import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, Heading, Paragraph, SubmissionKey, SubmitButton, TextArea, TextField } from "~/components/ui";
import { IMPORT_MAX_BYTES, readUpload } from "~/modules/bylaws/bylaws.import";
import { SUMMARY_MAX, TITLE_MAX, TITLE_MIN } from "~/modules/bylaws/bylaws.rules";
import { DraftSchema } from "~/modules/bylaws/bylaws.schema";
import { BYLAW_REFUSAL_MESSAGES, createDraft } from "~/modules/bylaws/bylaws.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, newSubmissionKey, parseForm, parseSubmissionKey, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["bylaw"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "bylaw:draft");
  return { submission: newSubmissionKey() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "bylaw:draft");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const submission = parseSubmissionKey(form, t);
  if (!submission.ok) return formFailure(submission);
  const parsed = parseForm(form, DraftSchema, t);
  if (!parsed.ok) return formFailure(parsed);
  const values = { title: parsed.data.title, summary: parsed.data.summary ?? "", markdown: parsed.data.markdown ?? "" };
  // An uploaded file takes the place of the typed text; it is checked before it is read.
  const file = form.get("file");
  let markdown = parsed.data.markdown ?? "";
  if (file instanceof File && file.size > 0) {
    const upload = readUpload({ name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (!upload.ok) {
      const message = upload.reason === "too-large" ? t("bylaw.import.tooLarge", { maxKb: upload.maxKb }) : t(upload.reason === "not-text" ? "bylaw.import.notText" : "bylaw.import.wrongType");
      return data({ ok: false as const, errors: { file: message }, values }, { status: 400 });
    }
    markdown = upload.text;
  }
  if (markdown.trim() === "") return data({ ok: false as const, errors: { markdown: t("bylaw.import.nothing") }, values }, { status: 400 });
  const result = createDraft(user, { title: parsed.data.title, summary: parsed.data.summary ?? "", markdown, closesAt: parsed.data.closesAt, submissionKey: submission.key });
  if (!result.ok) {
    const errors = { [result.field ?? "form"]: t(BYLAW_REFUSAL_MESSAGES[result.reason], result.params) };
    return data({ ok: false as const, errors, values }, { status: 422 });
  }
  return redirectWithToast(`/bylaws/${result.topicId}`, { type: "success", message: "bylaw.new.created" });
}

export const meta = pageTitle("bylaw.new.title");

export default function NewBylaw() {
  const { submission } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string>;
  const labels = { title: t("bylaw.new.titleLabel"), summary: t("bylaw.new.summary"), markdown: t("bylaw.new.markdown"), file: t("bylaw.new.file"), closesAt: t("bylaw.new.closesAt") };
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("bylaw.new.title")}</Heading>
      <Paragraph>{t("bylaw.new.intro")}</Paragraph>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" encType="multipart/form-data" className="inspraak-form" noValidate>
        <SubmissionKey value={submission} />
        <TextField name="title" label={labels.title} description={t("bylaw.new.titleHint", { min: TITLE_MIN, max: TITLE_MAX })} error={errors?.title} defaultValue={values.title} maxLength={TITLE_MAX} aria-required />
        <TextArea name="summary" label={labels.summary} error={errors?.summary} defaultValue={values.summary} maxLength={SUMMARY_MAX} rows={2} />
        <TextArea name="markdown" label={labels.markdown} description={t("bylaw.new.markdownHint")} error={errors?.markdown} defaultValue={values.markdown} rows={16} />
        <TextField name="file" type="file" label={labels.file} description={t("bylaw.new.fileHint", { maxKb: IMPORT_MAX_BYTES / 1024 })} error={errors?.file} accept=".md,.markdown,.txt,text/markdown,text/plain" />
        <TextField name="closesAt" type="date" label={labels.closesAt} description={t("bylaw.new.closesAtHint")} error={errors?.closesAt} defaultValue={values.closesAt} aria-required />
        <SubmitButton>{t("bylaw.new.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
