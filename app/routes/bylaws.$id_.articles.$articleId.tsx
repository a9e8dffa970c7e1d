import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, ErrorSummary, Heading, Link, Paragraph, RichText, StatusBadge, SubmissionKey, SubmitButton, TextArea, TextField } from "~/components/ui";
import { ARTICLE_BODY_MAX, ARTICLE_HEADING_MAX } from "~/modules/bylaws/bylaws.import";
import { getArticlePage, readableBylawOr404 } from "~/modules/bylaws/bylaws.queries.server";
import { RATIONALE_MAX, RATIONALE_MIN } from "~/modules/bylaws/bylaws.rules";
import { AmendSchema } from "~/modules/bylaws/bylaws.schema";
import { BYLAW_REFUSAL_MESSAGES, proposeAmendment } from "~/modules/bylaws/bylaws.server";
import { bylawLinks } from "~/modules/bylaws/components/Diff";
import { loadCommentThread } from "~/modules/participation/comments.thread.server";
import { CommentSection, commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { RadioGroup } from "~/modules/participation/components/fields";
import { getUser, requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, newSubmissionKey, parseForm, parseSubmissionKey, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { pageTitle } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["bylaw", "comment", "moderation"] };

export const links: LinksFunction = () => [...bylawLinks(), ...commentSectionLinks()];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const page = getArticlePage(requireId(params.id), requireId(params.articleId), user);
  const thread = page.bylaw.status === "draft" ? null : loadCommentThread(page.bylaw.id, user, new URL(request.url).searchParams, new Date(), page.article.id);
  return { ...page, thread, signedIn: Boolean(user), submission: page.canAmend ? newSubmissionKey() : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const bylaw = readableBylawOr404(requireId(params.id), await getUser(request));
  const user = await requireUserWithPermission(request, "bylaw:amend");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const submission = parseSubmissionKey(form, t);
  if (!submission.ok) return formFailure(submission);
  const parsed = parseForm(form, AmendSchema, t);
  if (!parsed.ok) return formFailure(parsed);
  const result = proposeAmendment(
    user,
    { topicId: bylaw.id, articleId: requireId(params.articleId), ...parsed.data, submissionKey: submission.key },
    { admit: () => hitRateLimit(RATE_LIMITS.amendPerUser, user.id) },
  );
  if (!result.ok) {
    const status = result.reason === "article-not-found" ? 404 : result.reason === "rate-limited" ? 429 : 422;
    return data({ ok: false as const, errors: { [result.field ?? "form"]: t(BYLAW_REFUSAL_MESSAGES[result.reason]) }, values: Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v)])) }, { status });
  }
  return redirectWithToast(`/bylaws/${bylaw.id}/amendments/${result.amendmentId}`, { type: "success", message: "bylaw.amend.done" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("bylaw.page.articleTitle", { number: loaded.article.number, heading: loaded.article.heading })} · ${loaded.bylaw.title}` : null), "topic.kind.bylaw");

export default function ArticlePage() {
  const { bylaw, article, amendments, canAmend, thread, signedIn, submission } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, date } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string>;
  const labels = { type: t("bylaw.amend.type"), heading: t("bylaw.amend.heading"), text: t("bylaw.amend.text"), rationale: t("bylaw.amend.rationale") };
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to={`/bylaws/${bylaw.id}#article-${article.id}`}>{t("bylaw.article.back")}</Link>
      </Paragraph>
      <Heading level={1}>{t("bylaw.page.articleTitle", { number: article.number, heading: article.heading })}</Heading>
      <Paragraph>{bylaw.title}</Paragraph>
      <RichText html={article.bodyHtml} />
      <section aria-labelledby="amendments-heading" className="inspraak-stack">
        <Heading level={2} id="amendments-heading">
          {t("bylaw.article.amendments")}
        </Heading>
        {amendments.length === 0 ? (
          <Paragraph>{t("bylaw.article.noAmendments")}</Paragraph>
        ) : (
          <ul className="utrecht-unordered-list">
            {amendments.map((a) => (
              <li key={a.id} className="utrecht-unordered-list__item">
                <Link to={`/bylaws/${bylaw.id}/amendments/${a.id}`}>{t("bylaw.amendment.title", { id: a.id, number: article.number })}</Link>
                {" · "}
                {t(`bylaw.amendment.type.${a.type}`)} · <StatusBadge>{t(`bylaw.amendment.status.${a.status}`, { version: a.mergedInVersion ?? "" })}</StatusBadge> ·{" "}
                {t("bylaw.amendment.support", { count: a.supportCount })}, {t("bylaw.amendment.oppose", { count: a.opposeCount })} · <time dateTime={a.createdAt}>{date(a.createdAt)}</time>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="amend-heading" className="inspraak-stack">
        <Heading level={2} id="amend-heading">
          {t("bylaw.article.amend")}
        </Heading>
        {canAmend ? (
          <>
            <ErrorSummary errors={errors} labels={labels} ids={{ type: "amend-type", heading: "field-heading", text: "field-text", rationale: "field-rationale" }} />
            <Form method="post" className="inspraak-form" noValidate>
              <SubmissionKey value={submission} />
              <RadioGroup
                idPrefix="amend-type"
                name="type"
                legend={labels.type}
                defaultValue={values.type ?? "replace"}
                error={errors?.type}
                options={(["replace", "insert-after", "delete"] as const).map((value) => ({ value, label: t(`bylaw.amend.type.${value}`) }))}
              />
              <TextArea name="text" label={labels.text} description={t("bylaw.amend.textHint")} error={errors?.text} defaultValue={values.text ?? article.body} maxLength={ARTICLE_BODY_MAX} rows={8} />
              <TextField name="heading" label={labels.heading} description={t("bylaw.amend.headingHint")} error={errors?.heading} defaultValue={values.heading} maxLength={ARTICLE_HEADING_MAX} />
              <TextArea name="rationale" label={labels.rationale} description={t("bylaw.amend.rationaleHint", { min: RATIONALE_MIN, max: RATIONALE_MAX })} error={errors?.rationale} defaultValue={values.rationale} maxLength={RATIONALE_MAX} rows={4} aria-required />
              <SubmitButton>{t("bylaw.amend.submit")}</SubmitButton>
            </Form>
          </>
        ) : bylaw.status === "open" && !bylaw.open ? (
          <Paragraph>{t("bylaw.article.amendClosed")}</Paragraph>
        ) : bylaw.status === "closed" ? (
          <Paragraph>{t("bylaw.article.amendClosed")}</Paragraph>
        ) : !signedIn ? (
          <Paragraph>
            <Link to={`/sign-in?redirectTo=${encodeURIComponent(`/bylaws/${bylaw.id}/articles/${article.id}`)}`}>{t("bylaw.article.signIn")}</Link>
          </Paragraph>
        ) : (
          <Paragraph>{t("bylaw.article.mayNotAmend")}</Paragraph>
        )}
      </section>
      {thread ? <CommentSection thread={thread} topicId={bylaw.id} /> : null}
    </div>
  );
}
