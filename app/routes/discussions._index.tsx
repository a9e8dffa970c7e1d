import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ButtonLink, Heading, KeysetPagination, Link, Paragraph, StatusBadge } from "~/components/ui";
import { commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { DiscussionListQuery } from "~/modules/discussions/discussions.schema";
import { listDiscussions } from "~/modules/discussions/discussions.server";
import { getUser } from "~/utils/auth.server";
import { readCursor } from "~/utils/keyset.server";
import { useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["comment", "discussion", "moderation"] };

export const links: LinksFunction = () => commentSectionLinks();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const params = new URL(request.url).searchParams;
  const query = DiscussionListQuery.parse(Object.fromEntries(params));
  const page = listDiscussions({ status: query.status, cursor: readCursor(params, ["number", "number"]) });
  return { ...page, status: query.status ?? null, canCreate: can(user, "discussion:create") };
}

export const meta = pageTitle("discussion.list.title");

export default function Discussions() {
  const { rows, next, prev, status, canCreate } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  const filters = [
    { value: null, label: t("discussion.list.filter.all") },
    { value: "open", label: t("discussion.list.filter.open") },
    { value: "closed", label: t("discussion.list.filter.closed") },
  ];
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("discussion.list.title")}</Heading>
      <Paragraph lead>{t("discussion.list.intro")}</Paragraph>
      {canCreate ? <ButtonLink to="/discussions/new">{t("discussion.list.start")}</ButtonLink> : null}
      <nav aria-label={t("discussion.list.filter")} className="inspraak-discussions-sort">
        <span>{t("discussion.list.filter")}:</span>
        <ul>
          {filters.map((f) => (
            <li key={f.label}>
              <Link to={f.value ? `?status=${f.value}` : "/discussions"} aria-current={status === f.value ? "true" : undefined}>
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <Paragraph>{t("discussion.list.empty")}</Paragraph>
      ) : (
        <ul className="inspraak-cards">
          {rows.map((d) => (
            <li key={d.id} className="inspraak-card">
              <StatusBadge tone={d.status === "open" ? "active" : "neutral"}>{t(d.status === "open" ? "discussion.status.open" : "discussion.status.closed")}</StatusBadge>
              <Heading level={2}>
                <Link to={`/discussions/${d.id}`}>{d.title}</Link>
              </Heading>
              <Paragraph>
                {t("discussion.list.comments", { count: number(d.commentCount) })}
                {d.publishedAt ? (
                  <>
                    {" · "}
                    <time dateTime={d.publishedAt}>{date(d.publishedAt)}</time>
                  </>
                ) : null}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      <KeysetPagination prev={prev} next={next} query={new URLSearchParams(status ? { status } : {})} />
      <Paragraph>
        <a className="utrecht-link" href="/open-data/discussion?format=csv">
          {t("discussion.list.openData")}
        </a>
      </Paragraph>
    </div>
  );
}
