import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BUDGET_RULES } from "#db/schema/votes.constants";
import { ErrorSummary, Heading, Paragraph, SelectField, SubmissionKey, SubmitButton, TextArea, TextField } from "~/components/ui";
import { IMPORT_REFUSAL_MESSAGES, importBudgetVote } from "~/modules/votes/votes.import.server";
import { PABULIB_UPLOAD_MAX_BYTES, pabulibErrorMessage, readPabulib } from "~/modules/votes/votes.pabulib";
import { QUESTION_MAX } from "~/modules/votes/votes.rules";
import { ImportSchema } from "~/modules/votes/votes.schema";
import { requireUserWithPermission } from "~/utils/auth.server";
import { newSubmissionKey, parseForm, parseSubmissionKey, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";
import votesCss from "~/styles/votes.css?url";

export const handle: MessagesHandle = { i18n: ["vote"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: votesCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "vote:create");
  return { submission: newSubmissionKey() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "vote:create");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const values = Object.fromEntries(["title", "body", "allocationRule"].map((name) => [name, String(form.get(name) ?? "").slice(0, 10_000)]));
  const refuse = (errors: Record<string, string>, status: number) => data({ ok: false as const, errors, values }, { status });
  const submission = parseSubmissionKey(form, t);
  if (!submission.ok) return refuse(submission.errors, 400);
  const parsed = parseForm(form, ImportSchema, t);
  if (!parsed.ok) return refuse(parsed.errors, 400);
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return refuse({ file: t("vote.import.error.file-missing") }, 400);
  if (file.size > PABULIB_UPLOAD_MAX_BYTES) return refuse({ file: t("vote.import.error.too-large", { maxKb: PABULIB_UPLOAD_MAX_BYTES / 1024 }) }, 413);
  // Read whole and checked before anything is written: a file that fails leaves nothing behind.
  const read = readPabulib(new Uint8Array(await file.arrayBuffer()), { maxBytes: PABULIB_UPLOAD_MAX_BYTES });
  if (!read.ok) {
    const problem = pabulibErrorMessage(read);
    const message = t(problem.key, problem.params);
    return refuse({ file: problem.line === null ? message : t("vote.pabulib.lineError", { line: problem.line, message }) }, 422);
  }
  const result = importBudgetVote(user, {
    instance: read.instance,
    title: parsed.data.title ?? null,
    body: parsed.data.body ?? "",
    allocationRule: parsed.data.allocationRule,
    submissionKey: submission.key,
    fileName: file.name,
  });
  if (!result.ok) return refuse({ [result.field ?? "file"]: t(IMPORT_REFUSAL_MESSAGES[result.reason]) }, 422);
  return redirectWithToast(`/votes/${result.topicId}/results`, { type: "success", message: "vote.import.done" });
}

export const meta = pageTitle("vote.import.title");

export default function ImportVote() {
  const { submission } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string>;
  const labels = { file: t("vote.import.file"), title: t("vote.setup.question"), body: t("vote.setup.explanation"), allocationRule: t("vote.setup.allocationRule") };
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("vote.import.title")}</Heading>
      <Paragraph>{t("vote.import.intro")}</Paragraph>
      <Paragraph>{t("vote.import.notes")}</Paragraph>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" encType="multipart/form-data" reloadDocument className="inspraak-form" noValidate>
        <SubmissionKey value={submission} />
        <TextField name="file" type="file" label={labels.file} description={t("vote.import.fileHint", { maxKb: PABULIB_UPLOAD_MAX_BYTES / 1024 })} error={errors?.file} accept=".pb,text/plain" aria-required />
        <TextField name="title" label={labels.title} description={t("vote.import.titleHint")} error={errors?.title} defaultValue={values.title} maxLength={QUESTION_MAX} optional />
        <TextArea name="body" label={labels.body} error={errors?.body} defaultValue={values.body} rows={4} />
        <SelectField name="allocationRule" label={labels.allocationRule} error={errors?.allocationRule} defaultValue={values.allocationRule || "equalshares/add1"} options={BUDGET_RULES.map((v) => ({ value: v, label: t(`vote.setup.rule.${v}`) }))} />
        <SubmitButton>{t("vote.import.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
