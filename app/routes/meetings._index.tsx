import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ButtonLink, Cell, Heading, KeysetPagination, Link, Paragraph, RowHeader, StatusBadge, Table, TableRow } from "~/components/ui";
import { useMeetingWords } from "~/modules/council/components/meeting";
import { listMeetings } from "~/modules/council/council.meetings.server";
import { getUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { readCursor } from "~/utils/keyset.server";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/permissions";
import type { MessagesHandle } from "~/i18n/translate";

import councilCss from "~/styles/council.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilCss }];

export const handle: MessagesHandle = { i18n: ["council"] };

/** Upcoming (soonest first) or past (latest first) meetings, a page at a time; closed ones for councillors and clerks. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  const when = url.searchParams.get("when") === "past" ? "past" : "upcoming";
  const page = listMeetings({ when, cursor: readCursor(url.searchParams, ["number", "number"]), withClosed: can(user, "meeting:read", { isPublic: false }) });
  return { when, ...page, canManage: can(user, "meeting:manage") } as const;
}

export const meta = pageTitle("council.meetings.title");

export default function Meetings() {
  const { when, meetings, next, prev, canManage } = useLoaderData<typeof loader>();
  const { t } = useT();
  const words = useMeetingWords();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("council.meetings.title")}</Heading>
      <Paragraph lead>{t("council.meetings.intro")}</Paragraph>
      {canManage ? <ButtonLink to="/meetings/new">{t("council.meetings.new")}</ButtonLink> : null}
      <nav aria-label={t("council.meetings.title")}>
        <ul className="inspraak-council-tabs">
          <li>
            <Link to="/meetings" aria-current={when === "upcoming" ? "page" : undefined}>
              {t("council.meetings.upcoming")}
            </Link>
          </li>
          <li>
            <Link to="/meetings?when=past" aria-current={when === "past" ? "page" : undefined}>
              {t("council.meetings.past")}
            </Link>
          </li>
        </ul>
      </nav>
      <Heading level={2}>{when === "past" ? t("council.meetings.past") : t("council.meetings.upcoming")}</Heading>
      {meetings.length === 0 ? (
        <Paragraph>{t("council.meetings.none")}</Paragraph>
      ) : (
        <Table caption={t("council.meetings.caption")} columns={[t("council.meetings.meeting"), t("council.meetings.when"), t("council.meetings.place")]}>
          {meetings.map((m) => (
            <TableRow key={m.id}>
              <RowHeader>
                <Link to={`/meetings/${m.id}`}>{m.title}</Link> ({words.body(m.body)})
                {m.isPublic ? null : (
                  <>
                    {" "}
                    <StatusBadge tone="warning">{t("council.meetings.closed")}</StatusBadge>
                  </>
                )}
              </RowHeader>
              <Cell>
                <time dateTime={new Date(m.startsAt).toISOString()}>{words.when(m.startsAt)}</time>
              </Cell>
              <Cell>{m.place}</Cell>
            </TableRow>
          ))}
        </Table>
      )}
      <KeysetPagination prev={prev} next={next} query={new URLSearchParams(when === "past" ? { when } : {})} />
    </div>
  );
}
