import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, CheckboxField, ErrorSummary, Heading, Link, Paragraph, SubmitButton, TextArea, TextField } from "~/components/ui";
import { ARTICLE_BODY_MAX, ARTICLE_HEADING_MAX } from "~/modules/bylaws/bylaws.import";
import { getVersionProposal, readableBylawOr404 } from "~/modules/bylaws/bylaws.queries.server";
import { NOTE_MAX } from "~/modules/bylaws/bylaws.rules";
import { VersionNoteSchema } from "~/modules/bylaws/bylaws.schema";
import { BYLAW_REFUSAL_MESSAGES, publishVersion, versionProposal } from "~/modules/bylaws/bylaws.server";
import { bylawLinks, Diff } from "~/modules/bylaws/components/Diff";
import { getUser, requireUserWithPermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { normaliseText } from "~/utils/text";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["bylaw"] };

export const links: LinksFunction = () => bylawLinks();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "bylaw:decide");
  return getVersionProposal(requireId(params.id), user);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const bylaw = readableBylawOr404(requireId(params.id), await getUser(request));
  const user = await requireUserWithPermission(request, "bylaw:decide");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const parsed = parseForm(form, VersionNoteSchema, t);
  if (!parsed.ok) return formFailure(parsed);
  // Only the keys of the proposal as it is now are read: a field for any other article is ignored.
  const keys = versionProposal(db, bylaw.id)?.proposed.map((p) => p.key) ?? [];
  const read = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? normaliseText(v) : undefined;
  };
  const texts: Record<string, string> = {};
  const headings: Record<string, string> = {};
  for (const key of keys) {
    const text = read(`text-${key}`);
    if (text !== undefined) texts[key] = text.slice(0, ARTICLE_BODY_MAX);
    const heading = read(`heading-${key}`);
    if (heading !== undefined) headings[key] = heading.slice(0, ARTICLE_HEADING_MAX);
  }
  const result = publishVersion(user, {
    topicId: bylaw.id,
    amendmentIds: parsed.data.amendments.split(",").map(Number),
    texts,
    headings,
    removed: new Set(keys.filter((k) => form.get(`remove-${k}`) === "on")),
    resolved: new Set(keys.filter((k) => form.get(`resolved-${k}`) === "on")),
    note: parsed.data.note ?? "",
  });
  if (!result.ok) {
    const field = result.field === undefined ? "form" : result.field.startsWith("text-") && result.reason === "conflict-unresolved" ? result.field.replace("text-", "resolved-") : result.field;
    return data({ ok: false as const, errors: { [field]: t(BYLAW_REFUSAL_MESSAGES[result.reason]) }, values: Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string")) }, { status: 422 });
  }
  return redirectWithToast(`/bylaws/${bylaw.id}/versions?from=${result.number - 1}&to=${result.number}`, { type: "success", message: "bylaw.version.published", params: { number: result.number } });
}

export const meta = pageTitle("bylaw.version.title");

export default function NextVersion() {
  const { bylaw, baseNumber, amendmentIds, articles } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = failure?.values as Record<string, string> | undefined;
  const ids = Object.fromEntries(Object.keys(errors ?? {}).filter((k) => k !== "form").map((k) => [k, `field-${k}`]));
  const title = (a: (typeof articles)[number]) => (a.number === null ? t("bylaw.version.newArticle", { id: a.amendmentIds[0] ?? 0 }) : t("bylaw.version.article", { number: a.number, heading: a.heading }));
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to={`/bylaws/${bylaw.id}`}>{t("bylaw.article.back")}</Link>
      </Paragraph>
      <Heading level={1}>{t("bylaw.version.title")}</Heading>
      <Paragraph>{bylaw.title}</Paragraph>
      {articles.length === 0 ? (
        <Alert type="info">{t("bylaw.version.none")}</Alert>
      ) : (
        <>
          <Paragraph>{t("bylaw.version.intro", { number: baseNumber + 1 })}</Paragraph>
          {errors?.form ? <Alert type="error">{errors.form}</Alert> : null}
          <ErrorSummary errors={errors ? Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "form")) : undefined} ids={ids} />
          <Form method="post" className="inspraak-form" noValidate>
            <input type="hidden" name="amendments" value={amendmentIds.join(",")} />
            {articles.map((a) => (
              <section key={a.key} className="inspraak-bylaw-article inspraak-stack" aria-labelledby={`proposal-${a.key}`}>
                <Heading level={2} id={`proposal-${a.key}`}>
                  {title(a)}
                </Heading>
                {a.state === "merged" && a.number !== null ? <Paragraph>{t("bylaw.version.merged", { count: a.amendmentIds.length, ids: a.amendmentIds.join(", ") })}</Paragraph> : null}
                {a.diff ? (
                  <>
                    <Heading level={3}>{t("bylaw.version.changes")}</Heading>
                    <Diff segments={a.diff} />
                  </>
                ) : null}
                {a.state === "conflict" ? (
                  <Alert type="warning">
                    {t("bylaw.version.conflict", { pairs: a.pairs.map((p) => p.join(" + ")).join(", ") })}{" "}
                  </Alert>
                ) : null}
                {a.alternatives.map((alt) => (
                  <div key={alt.id}>
                    <Paragraph>
                      <Link to={`/bylaws/${bylaw.id}/amendments/${alt.id}`}>{t("bylaw.version.conflictAmendment", { id: alt.id })}</Link>
                    </Paragraph>
                    <Diff segments={alt.diff} />
                  </div>
                ))}
                {a.state === "deleted" ? (
                  <>
                    <Paragraph>{t("bylaw.version.deleted", { ids: a.amendmentIds.join(", ") })}</Paragraph>
                    <CheckboxField name={`remove-${a.key}`} label={t("bylaw.version.remove")} defaultChecked={values ? values[`remove-${a.key}`] === "on" : true} error={errors?.[`remove-${a.key}`]} />
                  </>
                ) : null}
                {a.number === null ? <TextField name={`heading-${a.key}`} label={t("bylaw.version.headingLabel")} defaultValue={values?.[`heading-${a.key}`] ?? a.heading} error={errors?.[`heading-${a.key}`]} maxLength={ARTICLE_HEADING_MAX} /> : null}
                <TextArea name={`text-${a.key}`} label={`${t("bylaw.version.text")}: ${title(a)}`} defaultValue={values?.[`text-${a.key}`] ?? a.text} error={errors?.[`text-${a.key}`]} maxLength={ARTICLE_BODY_MAX} rows={6} />
                {a.state === "conflict" ? <CheckboxField name={`resolved-${a.key}`} label={t("bylaw.version.resolved")} error={errors?.[`resolved-${a.key}`]} /> : null}
              </section>
            ))}
            <TextArea name="note" label={t("bylaw.version.note")} defaultValue={values?.note} error={errors?.note} maxLength={NOTE_MAX} rows={3} />
            <SubmitButton>{t("bylaw.version.submit", { number: baseNumber + 1 })}</SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}
