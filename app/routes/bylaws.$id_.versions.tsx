import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Alert, Button, Cell, Heading, Link, Paragraph, RowHeader, SelectField, StatusBadge, Table, TableRow } from "~/components/ui";
import { getVersionsPage } from "~/modules/bylaws/bylaws.queries.server";
import { CompareQuery } from "~/modules/bylaws/bylaws.schema";
import { bylawLinks, Diff } from "~/modules/bylaws/components/Diff";
import { getUser } from "~/utils/auth.server";
import { requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["bylaw"] };

export const links: LinksFunction = () => bylawLinks();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const query = CompareQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return getVersionsPage(requireId(params.id), await getUser(request), { from: query.from ?? null, to: query.to ?? null });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("bylaw.versions.title")} · ${loaded.bylaw.title}` : null), "bylaw.versions.title");

const CHANGE_LABEL = { same: "bylaw.versions.same", changed: "bylaw.versions.changed", added: "bylaw.versions.added", removed: "bylaw.versions.removed" } as const;

export default function Versions() {
  const { bylaw, versions, from, to, comparison } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const options = versions.map((v) => ({ value: String(v.number), label: t("bylaw.versions.version", { number: v.number }) }));
  const articleLabel = (row: { numberFrom: number | null; numberTo: number | null }) => t("bylaw.versions.articleLabel", { number: row.numberTo ?? row.numberFrom ?? 0 });
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to={`/bylaws/${bylaw.id}`}>{t("bylaw.article.back")}</Link>
      </Paragraph>
      <Heading level={1}>{t("bylaw.versions.title")}</Heading>
      <Paragraph>{bylaw.title}</Paragraph>
      <Paragraph>{t("bylaw.versions.intro")}</Paragraph>
      <ol className="utrecht-ordered-list">
        {versions.map((v) => (
          <li key={v.number} className="utrecht-ordered-list__item">
            {t("bylaw.versions.version", { number: v.number })}, {v.publishedAt ? t("bylaw.versions.published", { date: date(v.publishedAt) }) : t("bylaw.versions.unpublished")}
            {v.note ? ` · ${v.note}` : null}
          </li>
        ))}
      </ol>
      {versions.length > 1 ? (
        <Form method="get" className="inspraak-form">
          <SelectField name="from" label={t("bylaw.versions.from")} options={options} defaultValue={String(from)} />
          <SelectField name="to" label={t("bylaw.versions.to")} options={options} defaultValue={String(to)} />
          <Button>{t("bylaw.versions.compare")}</Button>
        </Form>
      ) : null}
      {versions.length > 1 && !comparison ? <Alert type="info">{t("bylaw.versions.pickTwo")}</Alert> : null}
      {comparison ? (
        <>
          <Heading level={2}>{t("bylaw.versions.comparison", { from, to })}</Heading>
          <Paragraph>{t("bylaw.diff.legend")}</Paragraph>
          <section aria-labelledby="side-heading" className="inspraak-stack">
            <Heading level={3} id="side-heading">
              {t("bylaw.versions.sideBySide")}
            </Heading>
            <Table caption={t("bylaw.versions.comparison", { from, to })} columns={[t("bylaw.report.col.article"), t("bylaw.versions.columnFrom", { number: from }), t("bylaw.versions.columnTo", { number: to })]}>
              {comparison.map((row) => (
                <TableRow key={row.articleId}>
                  <RowHeader>
                    {articleLabel(row)} <StatusBadge>{t(CHANGE_LABEL[row.change])}</StatusBadge>
                  </RowHeader>
                  <Cell>
                    {row.change === "added" ? (
                      t("bylaw.versions.notThere")
                    ) : (
                      <>
                        <Diff segments={row.heading} side="from" className="inspraak-bylaw-heading" />
                        <Diff segments={row.body} side="from" />
                      </>
                    )}
                  </Cell>
                  <Cell>
                    {row.change === "removed" ? (
                      t("bylaw.versions.notThere")
                    ) : (
                      <>
                        <Diff segments={row.heading} side="to" className="inspraak-bylaw-heading" />
                        <Diff segments={row.body} side="to" />
                      </>
                    )}
                  </Cell>
                </TableRow>
              ))}
            </Table>
          </section>
          <section aria-labelledby="consolidated-heading" className="inspraak-stack">
            <Heading level={3} id="consolidated-heading">
              {t("bylaw.versions.consolidated")}
            </Heading>
            {comparison.map((row) => (
              <section key={row.articleId} className="inspraak-bylaw-article" aria-label={articleLabel(row)}>
                <Paragraph>
                  <strong>{articleLabel(row)}</strong> <StatusBadge>{t(CHANGE_LABEL[row.change])}</StatusBadge>
                </Paragraph>
                <Diff segments={row.heading} className="inspraak-bylaw-heading" />
                <Diff segments={row.body} />
              </section>
            ))}
          </section>
        </>
      ) : null}
    </div>
  );
}
