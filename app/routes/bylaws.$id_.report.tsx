import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Cell, Heading, Link, Paragraph, RichText, RowHeader, Table, TableRow } from "~/components/ui";
import { getReport } from "~/modules/bylaws/bylaws.queries.server";
import { bylawLinks } from "~/modules/bylaws/components/Diff";
import { getUser } from "~/utils/auth.server";
import { requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["bylaw"] };

export const links: LinksFunction = () => bylawLinks();

export async function loader({ request, params }: LoaderFunctionArgs) {
  return getReport(requireId(params.id), await getUser(request));
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("bylaw.report.title")} · ${loaded.bylaw.title}` : null), "bylaw.report.title");

export default function Report() {
  const { bylaw, introductionHtml, articles, amendments, finalText } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  const articleName = (a: { number: number | null; lastNumber: number | null; heading: string }) =>
    a.number !== null ? t("bylaw.page.articleTitle", { number: a.number, heading: a.heading }) : t("bylaw.report.removedArticle", { heading: a.heading });
  const byId = new Map(articles.map((a) => [a.id, a]));
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to={`/bylaws/${bylaw.id}`}>{t("bylaw.article.back")}</Link>
      </Paragraph>
      <Heading level={1}>{t("bylaw.report.title")}</Heading>
      <Paragraph lead>{t("bylaw.report.intro", { title: bylaw.title, date: bylaw.closedAt ? date(bylaw.closedAt) : "", number: bylaw.version })}</Paragraph>
      <section aria-labelledby="fates-heading" className="inspraak-stack">
        <Heading level={2} id="fates-heading">
          {t("bylaw.report.amendments")}
        </Heading>
        {amendments.length === 0 ? (
          <Paragraph>{t("bylaw.report.noAmendments")}</Paragraph>
        ) : (
          <Table
            caption={t("bylaw.report.amendments")}
            columns={[t("bylaw.report.col.amendment"), t("bylaw.report.col.article"), t("bylaw.report.col.type"), t("bylaw.report.col.fate"), t("bylaw.report.col.reason"), { label: t("bylaw.report.col.stances"), numeric: true }]}
          >
            {amendments.map((a) => (
              <TableRow key={a.id}>
                <RowHeader>
                  <Link to={`/bylaws/${bylaw.id}/amendments/${a.id}`}>{t("bylaw.report.amendmentId", { id: a.id })}</Link>
                </RowHeader>
                <Cell>{byId.has(a.articleId) ? articleName(byId.get(a.articleId)!) : a.article}</Cell>
                <Cell>{t(`bylaw.amendment.type.${a.type}`)}</Cell>
                <Cell>{t(`bylaw.amendment.status.${a.status}`, { version: a.mergedInVersion ?? "" })}</Cell>
                <Cell>{a.decisionReason ?? ""}</Cell>
                <Cell numeric>
                  {number(a.supportCount)} / {number(a.opposeCount)}
                </Cell>
              </TableRow>
            ))}
          </Table>
        )}
      </section>
      <section aria-labelledby="articles-heading" className="inspraak-stack">
        <Heading level={2} id="articles-heading">
          {t("bylaw.report.articles")}
        </Heading>
        <Table caption={t("bylaw.report.articles")} columns={[t("bylaw.report.col.article"), { label: t("bylaw.report.col.comments"), numeric: true }, { label: t("bylaw.report.col.amendments"), numeric: true }]}>
          {articles.map((a) => (
            <TableRow key={a.id}>
              <RowHeader>{articleName(a)}</RowHeader>
              <Cell numeric>{number(a.comments)}</Cell>
              <Cell numeric>{number(a.amendments)}</Cell>
            </TableRow>
          ))}
        </Table>
      </section>
      <section aria-labelledby="final-heading" className="inspraak-stack">
        <Heading level={2} id="final-heading">
          {t("bylaw.report.finalText", { number: bylaw.version })}
        </Heading>
        {introductionHtml ? <RichText html={introductionHtml} /> : null}
        {finalText.map((a) => (
          <section key={a.id} className="inspraak-bylaw-article" aria-labelledby={`final-${a.id}`}>
            <Heading level={3} id={`final-${a.id}`}>
              {t("bylaw.page.articleTitle", { number: a.number, heading: a.heading })}
            </Heading>
            <RichText html={a.bodyHtml} />
          </section>
        ))}
      </section>
    </div>
  );
}
