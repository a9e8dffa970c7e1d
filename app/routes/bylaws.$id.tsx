import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FollowButton, OutcomeBlock, Timeline } from "~/components/topic";
import { Alert, Button, ButtonGroup, ButtonLink, Heading, Link, Paragraph, RichText, StatusBadge } from "~/components/ui";
import { bylawKind } from "~/modules/bylaws/bylaws.kind";
import { getBylawPage, readableBylawOr404 } from "~/modules/bylaws/bylaws.queries.server";
import { BYLAW_REFUSAL_MESSAGES, publishBylaw } from "~/modules/bylaws/bylaws.server";
import { bylawLinks } from "~/modules/bylaws/components/Diff";
import { getUser, requireUserWithPermission } from "~/utils/auth.server";
import { parseForm, readForm, requireId, fields } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle, topicTitle } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";
import { z } from "zod";

export const handle: MessagesHandle = { i18n: ["bylaw", "outcome", "timeline"] };

export const links: LinksFunction = () => bylawLinks();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { bylaw: getBylawPage(requireId(params.id), user) };
}

const IntentSchema = z.object({ intent: fields.intent(["publish"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const bylaw = readableBylawOr404(requireId(params.id), await getUser(request));
  const user = await requireUserWithPermission(request, "bylaw:draft");
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), IntentSchema, t);
  if (!parsed.ok) return data({ ok: false as const, message: parsed.errors.intent ?? t("form.unknownIntent") }, { status: 400 });
  const result = publishBylaw(user, { topicId: bylaw.id });
  if (!result.ok) return data({ ok: false as const, message: t(BYLAW_REFUSAL_MESSAGES[result.reason]) }, { status: 422 });
  return redirectWithToast(`/bylaws/${bylaw.id}`, { type: "success", message: "bylaw.published" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? topicTitle(t, loaded.bylaw.title, bylawKind.label) : null), "topic.kind.bylaw");

export default function BylawPage() {
  const { bylaw: b } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, date, number } = useT();
  const statusTone = b.status === "open" ? "active" : "neutral";
  return (
    <div className="inspraak-stack">
      <article className="inspraak-stack" aria-labelledby="bylaw-title">
        <StatusBadge tone={statusTone}>{t(`bylaw.status.${b.status as "draft" | "open" | "closed" | "decided"}`)}</StatusBadge>
        <Heading level={1} id="bylaw-title">
          {b.title}
        </Heading>
        {b.summary ? <Paragraph lead>{b.summary}</Paragraph> : null}
        <Paragraph>
          {b.version.publishedAt ? t("bylaw.page.version", { number: b.version.number, date: date(b.version.publishedAt) }) : t("bylaw.page.draftVersion")}
          {" · "}
          {t("topic.followers", { count: number(b.followerCount) })}
        </Paragraph>
        {failure?.message ? <Alert type="error">{failure.message}</Alert> : null}
        {b.status === "draft" ? <Alert type="info">{t("bylaw.page.draftNotice")}</Alert> : null}
        {b.status === "open" && b.open && b.closesAt ? <Alert type="info">{t("bylaw.page.open", { date: date(b.closesAt) })}</Alert> : null}
        {b.status === "open" && !b.open ? <Alert type="info">{t("bylaw.page.ended")}</Alert> : null}
        {b.status === "closed" || b.status === "decided" ? (
          <Alert type="ok">
            {t("bylaw.page.closed")} <Link to={`/bylaws/${b.id}/report`}>{t("bylaw.page.reportLink")}</Link>
          </Alert>
        ) : null}
        {b.hidden ? <Alert type="warning">{t("topic.hidden")}</Alert> : null}
        <ButtonGroup>
          {b.canFollow ? <FollowButton topicId={b.id} following={b.following} /> : null}
          {b.versions.length > 1 ? (
            <ButtonLink to={`/bylaws/${b.id}/versions`} appearance="secondary">
              {t("bylaw.page.versionsLink")}
            </ButtonLink>
          ) : null}
          {b.canPublishVersion ? (
            <ButtonLink to={`/bylaws/${b.id}/next-version`} appearance="secondary">
              {t("bylaw.page.publishVersion")}
            </ButtonLink>
          ) : null}
          {b.canClose ? (
            <ButtonLink to={`/bylaws/${b.id}/close`} appearance="secondary">
              {t("bylaw.page.close")}
            </ButtonLink>
          ) : null}
        </ButtonGroup>
        {b.canEdit ? (
          <ButtonLink to={`/bylaws/${b.id}/edit`} appearance="secondary">
            {t("bylaw.page.edit")}
          </ButtonLink>
        ) : null}
        {b.canPublish ? (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <Button>{t("bylaw.page.publish")}</Button>
          </Form>
        ) : null}
        <nav aria-labelledby="toc-heading">
          <Heading level={2} id="toc-heading">
            {t("bylaw.page.contents")}
          </Heading>
          <ol className="utrecht-ordered-list inspraak-bylaw-toc">
            {b.articles.map((a) => (
              <li key={a.id} className="utrecht-ordered-list__item">
                <Link to={`#article-${a.id}`}>{t("bylaw.page.articleTitle", { number: a.number, heading: a.heading })}</Link> ({t("bylaw.page.comments", { count: a.comments })},{" "}
                {t("bylaw.page.amendments", { count: a.amendments })})
              </li>
            ))}
          </ol>
        </nav>
        {b.introductionHtml ? (
          <section aria-labelledby="introduction-heading">
            <Heading level={2} id="introduction-heading">
              {t("bylaw.page.introduction")}
            </Heading>
            <RichText html={b.introductionHtml} />
          </section>
        ) : null}
        {b.articles.map((a) => (
          <section key={a.id} id={`article-${a.id}`} className="inspraak-bylaw-article" aria-labelledby={`article-${a.id}-heading`}>
            <Heading level={2} id={`article-${a.id}-heading`}>
              {t("bylaw.page.articleTitle", { number: a.number, heading: a.heading })}
            </Heading>
            <RichText html={a.bodyHtml} />
            {b.status !== "draft" ? (
              <Paragraph>
                {t("bylaw.page.comments", { count: a.comments })} · {t("bylaw.page.amendments", { count: a.amendments })} ·{" "}
                <Link to={`/bylaws/${b.id}/articles/${a.id}`} aria-label={`${t("bylaw.page.discuss")}: ${t("bylaw.page.articleTitle", { number: a.number, heading: a.heading })}`}>
                  {t("bylaw.page.discuss")}
                </Link>
              </Paragraph>
            ) : null}
          </section>
        ))}
      </article>
      <OutcomeBlock block={b.outcome} />
      <Timeline events={b.timeline} />
    </div>
  );
}
