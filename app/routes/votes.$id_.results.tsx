import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, ButtonLink, Cell, Heading, Link, Paragraph, RowHeader, Table, TableRow } from "~/components/ui";
import { allocationRuleInWords } from "~/modules/votes/allocation.rules";
import { euros } from "~/modules/votes/components/money";
import { getResults } from "~/modules/votes/votes.results.server";
import { getUser } from "~/utils/auth.server";
import { requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";
import votesCss from "~/styles/votes.css?url";

export const handle: MessagesHandle = { i18n: ["vote"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: votesCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireId(params.id);
  const results = getResults(id, await getUser(request));
  if (!results) throw new Response("Not Found", { status: 404 });
  const compare = new URL(request.url).searchParams.get("compare") === "1";
  if (!results.visible || !results.budgetResult) return { results, compare, words: null };
  return { results, compare, words: { rule: allocationRuleInWords(results.budgetResult.rule), other: allocationRuleInWords(results.budgetResult.comparedWith) } };
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("vote.results.title")} · ${loaded.results.title}` : null), "vote.results.title");

export default function Results() {
  const { results: r, compare, words } = useLoaderData<typeof loader>();
  const { t, number, locale } = useT();
  const percent = (share: number) => new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(share);
  const budget = r.visible ? r.budgetResult : null;
  const titleOf = (id: string) => (r.visible ? (r.options.find((o) => String(o.id) === id)?.title ?? id) : id);
  const ruleName = (rule: string) => t(`vote.setup.rule.${rule}` as "vote.setup.rule.greedy");
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("vote.results.title")}</Heading>
      <Paragraph lead>
        <Link to={`/votes/${r.id}`}>{r.title}</Link>
      </Paragraph>
      {!r.visible ? (
        <Alert type="info">{t("vote.page.resultsAfter")}</Alert>
      ) : (
        <>
          {r.phase === "open" ? <Alert type="info">{t("vote.results.live")}</Alert> : null}
          <Paragraph>{t("vote.page.ballots", { count: number(r.ballots) })}</Paragraph>
          <figure className="inspraak-stack" aria-labelledby="results-chart-caption">
            <figcaption id="results-chart-caption">{t("vote.results.chart")}</figcaption>
            <div aria-hidden="true">
              {r.options.map((o) => (
                <div key={o.id}>
                  <span>{o.title}</span>
                  <span className="inspraak-vote-bar" style={{ inlineSize: `${Math.round(o.share * 100)}%` }} />
                </div>
              ))}
            </div>
          </figure>
          <Table
            caption={t("vote.results.table")}
            columns={[t("vote.results.option"), { label: t("vote.results.votes"), numeric: true }, { label: t("vote.results.share"), numeric: true }, ...(r.ballotType === "budget" ? [{ label: t("vote.results.cost"), numeric: true }] : [])]}
          >
            {r.options.map((o) => (
              <TableRow key={o.id}>
                <RowHeader>{o.title}</RowHeader>
                <Cell numeric>{number(o.votes)}</Cell>
                <Cell numeric>{percent(o.share)}</Cell>
                {r.ballotType === "budget" ? <Cell numeric>{o.cost !== null ? euros(locale, o.cost) : ""}</Cell> : null}
              </TableRow>
            ))}
          </Table>
          {r.turnout.length > 0 ? (
            <Table caption={t("vote.results.turnout")} columns={[t("vote.results.neighbourhood"), { label: t("vote.results.voters"), numeric: true }]}>
              {r.turnout.map((n) => (
                <TableRow key={n.name}>
                  <RowHeader>{n.name}</RowHeader>
                  <Cell numeric>{number(n.count)}</Cell>
                </TableRow>
              ))}
            </Table>
          ) : null}
          {budget && words ? (
            <section className="inspraak-stack" aria-labelledby="allocation-title">
              <Heading level={2} id="allocation-title">
                {t("vote.results.allocation", { rule: ruleName(budget.rule) })}
              </Heading>
              {words.rule.map((key) => (
                <Paragraph key={key}>{t(key)}</Paragraph>
              ))}
              <Table
                caption={t("vote.results.funded", { spent: euros(locale, budget.spent[budget.rule] ?? 0), budget: euros(locale, r.budget ?? 0) })}
                columns={[
                  t("vote.results.project"),
                  { label: t("vote.results.votes"), numeric: true },
                  { label: t("vote.results.cost"), numeric: true },
                  t("vote.results.fundedColumn"),
                  { label: t("vote.results.perSupporter"), numeric: true },
                  ...(compare ? [t("vote.results.fundedUnder", { rule: ruleName(budget.comparedWith) })] : []),
                ]}
              >
                {budget.projects.map((p) => {
                  const mine = p.outcomes[0];
                  const other = p.outcomes[1];
                  return (
                    <TableRow key={p.id}>
                      <RowHeader>{titleOf(p.id)}</RowHeader>
                      <Cell numeric>{number(p.votes)}</Cell>
                      <Cell numeric>{euros(locale, p.cost)}</Cell>
                      <Cell>{mine?.funded ? t("vote.results.yes") : t("vote.results.no")}</Cell>
                      <Cell numeric>{mine?.share ? t("vote.results.share.payers", { amount: euros(locale, mine.share.averagePayment), payers: number(mine.share.payers) }) : ""}</Cell>
                      {compare ? <Cell>{other?.funded ? t("vote.results.yes") : t("vote.results.no")}</Cell> : null}
                    </TableRow>
                  );
                })}
              </Table>
              {compare ? (
                <>
                  <Heading level={3}>{ruleName(budget.comparedWith)}</Heading>
                  {words.other.map((key) => (
                    <Paragraph key={key}>{t(key)}</Paragraph>
                  ))}
                  <Paragraph>
                    <Link to={`/votes/${r.id}/results`}>{t("vote.results.hideComparison")}</Link>
                  </Paragraph>
                </>
              ) : (
                <ButtonLink to={`/votes/${r.id}/results?compare=1`} appearance="secondary">
                  {t("vote.results.compare", { rule: ruleName(budget.comparedWith) })}
                </ButtonLink>
              )}
            </section>
          ) : null}
          <Heading level={2}>{t("vote.results.downloads")}</Heading>
          <ul>
            <li>
              <a className="utrecht-link" href={`/votes/${r.id}/results.csv`} download>
                {t("vote.results.csv")}
              </a>
            </li>
            <li>
              <a className="utrecht-link" href={`/votes/${r.id}/results.json`} download>
                {t("vote.results.json")}
              </a>
            </li>
            {r.ballotList ? (
              <li>
                <Link to={`/votes/${r.id}/ballots`}>{t("vote.page.ballotList")}</Link>
              </li>
            ) : null}
            {budget ? (
              <li>
                <a className="utrecht-link" href={`/votes/${r.id}/results.pb`} download>
                  {t("vote.results.pb")}
                </a>
              </li>
            ) : null}
          </ul>
        </>
      )}
    </div>
  );
}
