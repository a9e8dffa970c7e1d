import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxField, ErrorSummary, Fieldset, Heading, Link, Paragraph, SubmitButton, TextArea, TextField } from "~/components/ui";
import { ARTICLE_BODY_MAX, ARTICLE_HEADING_MAX, IMPORT_MAX_BYTES, readUpload } from "~/modules/bylaws/bylaws.import";
import { getDraftForEditing, readableBylawOr404 } from "~/modules/bylaws/bylaws.queries.server";
import { SUMMARY_MAX, TITLE_MAX, TITLE_MIN } from "~/modules/bylaws/bylaws.rules";
import { DraftEditSchema, draftArticlesSchema } from "~/modules/bylaws/bylaws.schema";
import { BYLAW_REFUSAL_MESSAGES, editDraft, type DraftText } from "~/modules/bylaws/bylaws.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/permissions";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["bylaw"] };

/** The draft a clerk may edit: 403 for anyone else, and for a bylaw that is no longer a draft. */
async function editableDraft(request: Request, id: number) {
  const user = await requireUserWithPermission(request, "bylaw:edit-draft");
  const bylaw = readableBylawOr404(id, user);
  if (!can(user, "bylaw:edit-draft", bylaw)) throw new Response("Forbidden", { status: 403 });
  return { user, bylaw };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { bylaw } = await editableDraft(request, requireId(params.id));
  return getDraftForEditing(bylaw.id);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, bylaw } = await editableDraft(request, requireId(params.id));
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const parsed = parseForm(form, DraftEditSchema, t);
  if (!parsed.ok) {
    // The article list is not a field a person fills in: a bad one is a tampered form, said at the top.
    const { articles: tampered, ...errors } = parsed.errors;
    return formFailure({ ...parsed, errors: tampered ? { ...errors, form: tampered } : errors });
  }
  const ids = parsed.data.articles.split(",").map(Number);
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  const refuse = (errors: Record<string, string>, status: number) => data({ ok: false as const, errors, values }, { status });
  // An uploaded file or a typed markdown text replaces the introduction and every article.
  let markdown = parsed.data.markdown ?? null;
  const file = form.get("file");
  if (file instanceof File && file.size > 0) {
    const upload = readUpload({ name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (!upload.ok) {
      const message = upload.reason === "too-large" ? t("bylaw.import.tooLarge", { maxKb: upload.maxKb }) : t(upload.reason === "not-text" ? "bylaw.import.notText" : "bylaw.import.wrongType");
      return refuse({ file: message }, 400);
    }
    markdown = upload.text;
  }
  let text: DraftText;
  if (markdown !== null) {
    if (markdown.trim() === "") return refuse({ markdown: t("bylaw.import.nothing") }, 400);
    text = { markdown };
  } else {
    const articles = parseForm(form, draftArticlesSchema(ids), t);
    if (!articles.ok) return formFailure(articles);
    text = { introduction: parsed.data.introduction ?? "", articles: articles.data.articles };
  }
  const result = editDraft(user, { topicId: bylaw.id, title: parsed.data.title, summary: parsed.data.summary ?? "", closesAt: parsed.data.closesAt, text });
  if (!result.ok) return refuse({ [result.field ?? "form"]: t(BYLAW_REFUSAL_MESSAGES[result.reason], result.params) }, 422);
  return redirectWithToast(`/bylaws/${bylaw.id}`, { type: "success", message: "bylaw.edit.saved" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("bylaw.edit.title")} · ${loaded.title}` : null), "bylaw.edit.title");

export default function EditDraft() {
  const draft = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string>;
  const value = (name: string, saved: string) => values[name] ?? saved;
  const articleName = (number: number, heading: string) => t("bylaw.page.articleTitle", { number, heading });
  const labels: Record<string, string> = {
    title: t("bylaw.new.titleLabel"), summary: t("bylaw.new.summary"), closesAt: t("bylaw.new.closesAt"), introduction: t("bylaw.edit.introduction"),
    markdown: t("bylaw.edit.markdown"), file: t("bylaw.new.file"), "heading-new": t("bylaw.edit.newHeading"), "body-new": t("bylaw.edit.newBody"),
  };
  for (const a of draft.articles) {
    labels[`heading-${a.id}`] = `${articleName(a.number, a.heading)}: ${t("bylaw.edit.heading")}`;
    labels[`body-${a.id}`] = `${articleName(a.number, a.heading)}: ${t("bylaw.edit.body")}`;
  }
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to={`/bylaws/${draft.id}`}>{t("bylaw.article.back")}</Link>
      </Paragraph>
      <Heading level={1}>{t("bylaw.edit.title")}</Heading>
      <Paragraph>{t("bylaw.edit.intro")}</Paragraph>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" encType="multipart/form-data" className="inspraak-form" noValidate>
        <input type="hidden" name="articles" value={draft.articles.map((a) => a.id).join(",")} />
        <TextField name="title" label={labels.title!} description={t("bylaw.new.titleHint", { min: TITLE_MIN, max: TITLE_MAX })} error={errors?.title} defaultValue={value("title", draft.title)} maxLength={TITLE_MAX} aria-required />
        <TextArea name="summary" label={labels.summary!} error={errors?.summary} defaultValue={value("summary", draft.summary)} maxLength={SUMMARY_MAX} rows={2} />
        <TextField name="closesAt" type="date" label={labels.closesAt!} description={t("bylaw.new.closesAtHint")} error={errors?.closesAt} defaultValue={value("closesAt", draft.closesOn)} aria-required />
        <TextArea name="introduction" label={labels.introduction!} error={errors?.introduction} defaultValue={value("introduction", draft.introduction)} rows={5} />
        {draft.articles.map((a) => (
          <Fieldset key={a.id} legend={articleName(a.number, a.heading)}>
            <TextField name={`heading-${a.id}`} label={t("bylaw.edit.heading")} error={errors?.[`heading-${a.id}`]} defaultValue={value(`heading-${a.id}`, a.heading)} maxLength={ARTICLE_HEADING_MAX} aria-required />
            <TextArea name={`body-${a.id}`} label={t("bylaw.edit.body")} description={t("bylaw.edit.bodyHint")} error={errors?.[`body-${a.id}`]} defaultValue={value(`body-${a.id}`, a.body)} maxLength={ARTICLE_BODY_MAX} rows={6} aria-required />
            <CheckboxField name={`remove-${a.id}`} label={t("bylaw.edit.remove", { number: a.number })} defaultChecked={values[`remove-${a.id}`] === "on"} />
          </Fieldset>
        ))}
        <Fieldset legend={t("bylaw.edit.newArticle")}>
          <TextField name="heading-new" label={labels["heading-new"]!} description={t("bylaw.edit.newHint")} error={errors?.["heading-new"]} defaultValue={values["heading-new"]} maxLength={ARTICLE_HEADING_MAX} />
          <TextArea name="body-new" label={labels["body-new"]!} error={errors?.["body-new"]} defaultValue={values["body-new"]} maxLength={ARTICLE_BODY_MAX} rows={4} />
        </Fieldset>
        <Fieldset legend={t("bylaw.edit.replace")}>
          <Paragraph>{t("bylaw.edit.replaceHint")}</Paragraph>
          <TextArea name="markdown" label={labels.markdown!} error={errors?.markdown} defaultValue={values.markdown} rows={8} />
          <TextField name="file" type="file" label={labels.file!} description={t("bylaw.new.fileHint", { maxKb: IMPORT_MAX_BYTES / 1024 })} error={errors?.file} accept=".md,.markdown,.txt,text/markdown,text/plain" />
        </Fieldset>
        <SubmitButton>{t("bylaw.edit.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
