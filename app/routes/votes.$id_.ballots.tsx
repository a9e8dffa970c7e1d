import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Alert, Button, Cell, Heading, Link, Paragraph, Table, TableRow, TextField } from "~/components/ui";
import { ballotByCode } from "~/modules/votes/votes.ballots.server";
import { groupedBallotCode, normaliseBallotCode } from "~/modules/votes/votes.rules";
import { ballotListPage, getResults } from "~/modules/votes/votes.results.server";
import { listOptions } from "~/modules/votes/votes.server";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";
import votesCss from "~/styles/votes.css?url";

export const handle: MessagesHandle = { i18n: ["vote"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: votesCss }];

/**
 * After closing: every ballot code with what it chose, a page at a time in code order, and a
 * check: enter your code, see your ballot. Never while the vote is open (a code appearing just
 * after someone voted would give them away).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireId(params.id);
  const results = getResults(id, await getUser(request));
  if (!results) throw new Response("Not Found", { status: 404 });
  const query = new URL(request.url).searchParams;
  const vote = { id: results.id, title: results.title };
  if (!results.visible || !results.ballotList) return { vote, published: false as const };
  const after = normaliseBallotCode(query.get("after") ?? "") ?? "";
  const page = ballotListPage(id, after);
  const typed = query.get("code");
  let check: { code: string; found: boolean; choices: string[] } | { invalid: true } | null = null;
  if (typed !== null) {
    const code = normaliseBallotCode(typed);
    if (!code) check = { invalid: true };
    else {
      const chosen = ballotByCode(db, id, code);
      const titles = new Map(listOptions(db, id).map((o) => [o.id, o.title]));
      check = { code: groupedBallotCode(code), found: chosen !== null, choices: (chosen ?? []).map((o) => titles.get(o) ?? String(o)) };
    }
  }
  return { vote, published: true as const, rows: page.rows.map((r) => ({ ...r, code: groupedBallotCode(r.code) })), next: page.next, first: after === "", check, typed: typed ?? "" };
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("vote.ballots.title")} · ${loaded.vote.title}` : null), "vote.ballots.title");

export default function BallotList() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useT();
  const { vote } = loaded;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("vote.ballots.title")}</Heading>
      <Paragraph lead>
        <Link to={`/votes/${vote.id}`}>{vote.title}</Link>
      </Paragraph>
      {!loaded.published ? (
        <Alert type="info">{t("vote.ballots.notYet")}</Alert>
      ) : (
        <>
          <Paragraph>{t("vote.ballots.intro")}</Paragraph>
          <Form method="get" className="inspraak-form">
            <TextField name="code" label={t("vote.ballots.check")} description={t("vote.ballots.checkHint")} defaultValue={loaded.typed} autoComplete="off" error={loaded.check && "invalid" in loaded.check ? t("vote.ballots.invalid") : undefined} />
            <Button>{t("vote.ballots.checkSubmit")}</Button>
          </Form>
          {loaded.check && "found" in loaded.check ? (
            loaded.check.found ? (
              <Alert type="ok">
                {t("vote.ballots.found", { code: loaded.check.code })} {loaded.check.choices.join(", ")}
              </Alert>
            ) : (
              <Alert type="warning">{t("vote.ballots.notFound", { code: loaded.check.code })}</Alert>
            )
          ) : null}
          <Table caption={t("vote.ballots.table")} columns={[t("vote.ballots.code"), t("vote.ballots.choices")]}>
            {loaded.rows.map((row) => (
              <TableRow key={row.code}>
                <Cell>
                  <code>{row.code}</code>
                </Cell>
                <Cell>{row.choices.join(", ")}</Cell>
              </TableRow>
            ))}
          </Table>
          <Paragraph>
            {!loaded.first ? <Link to={`/votes/${vote.id}/ballots`}>{t("vote.ballots.firstPage")}</Link> : null}
            {!loaded.first && loaded.next ? " · " : null}
            {loaded.next ? <Link to={`/votes/${vote.id}/ballots?after=${loaded.next}`}>{t("vote.ballots.nextPage")}</Link> : null}
          </Paragraph>
          <Paragraph>
            <a className="utrecht-link" href={`/votes/${vote.id}/ballots.csv`} download>
              {t("vote.ballots.csv")}
            </a>
          </Paragraph>
        </>
      )}
    </div>
  );
}
