import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ListFilter } from "~/components/list-filter";
import { ButtonLink, Heading, KeysetPagination, Link, Paragraph } from "~/components/ui";
import discussionsCss from "~/styles/discussions.css?url";
import { ProposalStatus } from "~/modules/proposals/components/ProposalStatus";
import { ProposalListQuery } from "~/modules/proposals/proposals.schema";
import { LISTED_STATES } from "~/modules/proposals/proposals.rules";
import { listProposals, myProposals } from "~/modules/proposals/proposals.server";
import { getUser } from "~/utils/auth.server";
import { readCursor } from "~/utils/keyset.server";
import { useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["proposal"] };

// The list filter's styles.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: discussionsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const params = new URL(request.url).searchParams;
  const query = ProposalListQuery.parse(Object.fromEntries(params));
  const status = query.status && LISTED_STATES.includes(query.status) ? query.status : undefined;
  const page = listProposals({ status, cursor: readCursor(params, ["number", "number"]) });
  return { ...page, status: status ?? null, canCreate: can(user, "proposal:create"), mine: user ? myProposals(user) : [] };
}

export const meta = pageTitle("proposal.list.title");

export default function Proposals() {
  const { rows, next, prev, status, canCreate, mine } = useLoaderData<typeof loader>();
  const { t, number, date } = useT();
  const filters = [{ value: null, label: t("proposal.list.filter.all") }, ...LISTED_STATES.map((s) => ({ value: s, label: t(`proposal.status.${s}`) }))];
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("proposal.list.title")}</Heading>
      <Paragraph lead>{t("proposal.list.intro")}</Paragraph>
      {canCreate ? <ButtonLink to="/proposals/new">{t("proposal.list.start")}</ButtonLink> : null}
      {mine.length > 0 ? (
        <section aria-labelledby="mine-heading" className="inspraak-section">
          <Heading level={2} id="mine-heading">
            {t("proposal.list.mine")}
          </Heading>
          <ul>
            {mine.map((m) => (
              <li key={m.id}>
                <Link to={`/proposals/${m.id}`}>{m.title}</Link> — {t(`proposal.status.${m.status as "draft"}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ListFilter label={t("proposal.list.filter")} path="/proposals" current={status} options={filters} />
      {rows.length === 0 ? (
        <Paragraph>{t("proposal.list.empty")}</Paragraph>
      ) : (
        <ul className="inspraak-cards">
          {rows.map((p) => (
            <li key={p.id} className="inspraak-card">
              <ProposalStatus status={p.status} />
              <Heading level={2}>
                <Link to={`/proposals/${p.id}`}>{p.title}</Link>
              </Heading>
              <Paragraph>{p.summary}</Paragraph>
              <Paragraph>
                {p.threshold !== null ? t("proposal.progress.count", { count: number(p.supportCount), threshold: number(p.threshold) }) : null}
                {p.status === "collecting" && p.closesAt ? ` · ${t("proposal.list.until", { date: date(p.closesAt) })}` : null}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      <KeysetPagination prev={prev} next={next} query={new URLSearchParams(status ? { status } : {})} />
    </div>
  );
}
