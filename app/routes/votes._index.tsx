import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ButtonGroup, ButtonLink, Heading, KeysetPagination, Link, Paragraph, StatusBadge } from "~/components/ui";
import { listVotes, phaseOf } from "~/modules/votes/votes.server";
import { getUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { readCursor } from "~/utils/keyset.server";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/permissions";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["vote"] };

const ListQuery = z.object({ status: z.enum(["open", "closed"]).optional().catch(undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const params = new URL(request.url).searchParams;
  const query = ListQuery.parse(Object.fromEntries(params));
  const page = listVotes({ status: query.status, cursor: readCursor(params, ["number", "number"]) });
  const now = new Date();
  return {
    ...page,
    rows: page.rows.map((r) => ({ ...r, phase: phaseOf({ status: r.status, opensAt: new Date(r.opensAt), closesAt: r.closesAt ? new Date(r.closesAt) : null }, now) })),
    status: query.status ?? null,
    canCreate: can(user, "vote:create"),
  };
}

export const meta = pageTitle("vote.list.title");

export default function Votes() {
  const { rows, next, prev, status, canCreate } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  const filters = [
    { value: null, label: t("vote.list.filter.all") },
    { value: "open", label: t("vote.list.filter.open") },
    { value: "closed", label: t("vote.list.filter.closed") },
  ];
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("vote.list.title")}</Heading>
      <Paragraph lead>{t("vote.list.intro")}</Paragraph>
      {canCreate ? (
        <ButtonGroup>
          <ButtonLink to="/votes/new">{t("vote.list.new")}</ButtonLink>
          <ButtonLink to="/votes/import" appearance="secondary">
            {t("vote.list.import")}
          </ButtonLink>
        </ButtonGroup>
      ) : null}
      <nav aria-label={t("vote.list.filter")} className="inspraak-discussions-sort">
        <span>{t("vote.list.filter")}:</span>
        <ul>
          {filters.map((f) => (
            <li key={f.label}>
              <Link to={f.value ? `?status=${f.value}` : "/votes"} aria-current={status === f.value ? "true" : undefined}>
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <Paragraph>{t("vote.list.empty")}</Paragraph>
      ) : (
        <ul className="inspraak-cards">
          {rows.map((v) => (
            <li key={v.id} className="inspraak-card">
              <StatusBadge tone={v.phase === "open" ? "active" : "neutral"}>{t(`vote.phase.${v.phase}`)}</StatusBadge> <StatusBadge>{t(`vote.type.${v.ballotType}`)}</StatusBadge>
              <Heading level={2}>
                <Link to={`/votes/${v.id}`}>{v.title}</Link>
              </Heading>
              <Paragraph>
                {v.phase === "upcoming" ? t("vote.list.opens", { date: date(v.opensAt) }) : v.closesAt ? t(v.phase === "closed" ? "vote.list.closed" : "vote.list.closes", { date: date(v.closesAt) }) : null}
                {" · "}
                {t("vote.list.comments", { count: number(v.commentCount) })}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      <KeysetPagination prev={prev} next={next} query={new URLSearchParams(status ? { status } : {})} />
    </div>
  );
}
