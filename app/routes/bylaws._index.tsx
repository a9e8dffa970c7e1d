import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ButtonLink, Heading, KeysetPagination, Link, Paragraph, StatusBadge } from "~/components/ui";
import { listBylaws, listDrafts } from "~/modules/bylaws/bylaws.queries.server";
import { bylawLinks } from "~/modules/bylaws/components/Diff";
import { getUser } from "~/utils/auth.server";
import { readCursor } from "~/utils/keyset.server";
import { useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["bylaw"] };

export const links: LinksFunction = () => bylawLinks();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const params = new URL(request.url).searchParams;
  const mayDraft = can(user, "bylaw:draft");
  return { ...listBylaws({ cursor: readCursor(params, ["number", "number"]) }), mayDraft, drafts: mayDraft ? listDrafts() : [] };
}

export const meta = pageTitle("bylaw.list.title");

export default function Bylaws() {
  const { rows, next, prev, mayDraft, drafts } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("bylaw.list.title")}</Heading>
      <Paragraph lead>{t("bylaw.list.intro")}</Paragraph>
      {mayDraft ? <ButtonLink to="/bylaws/new">{t("bylaw.list.new")}</ButtonLink> : null}
      {drafts.length > 0 ? (
        <section aria-labelledby="drafts-heading" className="inspraak-stack">
          <Heading level={2} id="drafts-heading">
            {t("bylaw.list.drafts")}
          </Heading>
          <ul className="utrecht-unordered-list">
            {drafts.map((d) => (
              <li key={d.id} className="utrecht-unordered-list__item">
                <Link to={`/bylaws/${d.id}`}>{d.title}</Link> · <time dateTime={d.createdAt}>{date(d.createdAt)}</time>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {rows.length === 0 ? (
        <Paragraph>{t("bylaw.list.empty")}</Paragraph>
      ) : (
        <ul className="inspraak-cards">
          {rows.map((b) => (
            <li key={b.id} className="inspraak-card">
              <StatusBadge tone={b.status === "open" ? "active" : "neutral"}>{t(`bylaw.status.${b.status as "open" | "closed" | "decided"}`)}</StatusBadge>
              <Heading level={2}>
                <Link to={`/bylaws/${b.id}`}>{b.title}</Link>
              </Heading>
              {b.summary ? <Paragraph>{b.summary}</Paragraph> : null}
              <Paragraph>
                {t("bylaw.list.comments", { count: number(b.commentCount) })}
                {" · "}
                {b.status === "open" && b.closesAt ? t("bylaw.list.closesOn", { date: date(b.closesAt) }) : t("bylaw.list.closed")}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      <KeysetPagination prev={prev} next={next} />
    </div>
  );
}
