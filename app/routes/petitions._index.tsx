import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Alert, Button, ButtonGroup, ButtonLink, Heading, KeysetPagination, Link, Paragraph, SelectField, TextField } from "~/components/ui";
import { PetitionStatusBadge } from "~/modules/petitions/components/status";
import { LIST_FILTERS, LIST_SORTS, isPetitionStatus, showsSignatureCount, type PetitionStatus } from "~/modules/petitions/petitions.rules";
import { ListQuery } from "~/modules/petitions/petitions.schema";
import { listPetitions } from "~/modules/petitions/petitions.queries.server";
import { getUser } from "~/utils/auth.server";
import { readCursor } from "~/utils/keyset.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { can } from "~/utils/permissions";
import petitionsCss from "~/styles/petitions.css?url";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["petition"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: petitionsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const parsed = ListQuery.safeParse(Object.fromEntries(url.searchParams));
  const permissions = {
    canCreate: can(user, "petition:create"),
    signedIn: Boolean(user),
    canModerate: can(user, "petition:moderate"),
    canReview: can(user, "petition:review"),
  };
  if (!parsed.success) {
    const fallback = ListQuery.parse({});
    return data({ query: fallback, items: [], total: 0, more: false, next: null, prev: null, error: t("petition.list.queryTooLong"), ...permissions }, { status: 400 });
  }
  const result = listPetitions({ ...parsed.data, cursor: readCursor(url.searchParams, ["number", "number"]) });
  const items = result.items.map((i) => ({ ...i, status: (isPetitionStatus(i.status) ? i.status : "open") as PetitionStatus }));
  return { query: parsed.data, items, total: result.total, more: result.more, next: result.next, prev: result.prev, error: null, ...permissions };
}

export const meta = pageTitle("petition.list.title");

export default function PetitionList() {
  const { query, items, total, more, next, prev, error, canCreate, signedIn, canModerate, canReview } = useLoaderData<typeof loader>();
  const { t, number, date } = useT();
  const params = new URLSearchParams({ status: query.status, sort: query.sort, ...(query.q ? { q: query.q } : {}) });
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("petition.list.title")}</Heading>
      <Paragraph lead>{t("petition.list.intro")}</Paragraph>
      <ButtonGroup>
        {canCreate ? <ButtonLink to="/petitions/new">{t("petition.list.start")}</ButtonLink> : null}
        {signedIn ? (
          <ButtonLink to="/petitions/mine" appearance="secondary">
            {t("petition.mine.title")}
          </ButtonLink>
        ) : null}
        {canModerate ? (
          <ButtonLink to="/petitions/moderation" appearance="secondary">
            {t("petition.queue.title")}
          </ButtonLink>
        ) : null}
        {canReview ? (
          <ButtonLink to="/council?kind=petition" appearance="secondary">
            {t("petition.review.title")}
          </ButtonLink>
        ) : null}
      </ButtonGroup>
      {!signedIn ? (
        <Paragraph>
          {t("petition.list.signInToStart")} <Link to="/sign-in?redirectTo=/petitions/new">{t("shell.signIn")}</Link>
        </Paragraph>
      ) : null}

      <Form method="get" role="search" aria-label={t("petition.list.filters")} className="inspraak-form inspraak-petitions-filters">
        <SelectField
          name="status"
          label={t("petition.list.status")}
          defaultValue={query.status}
          options={LIST_FILTERS.map((f) => ({ value: f, label: t(`petition.filter.${f}`) }))}
        />
        <SelectField
          name="sort"
          label={t("petition.list.sort")}
          defaultValue={query.sort}
          options={LIST_SORTS.map((s) => ({ value: s, label: t(`petition.sort.${s}`) }))}
        />
        <TextField name="q" type="search" label={t("petition.list.search")} defaultValue={query.q} maxLength={200} error={error ?? undefined} optional />
        <Button>{t("petition.list.apply")}</Button>
      </Form>

      <section aria-labelledby="results-heading" aria-live="polite">
        <Heading level={2} id="results-heading">
          {t(more ? "petition.list.resultsMore" : "petition.list.results", { count: number(total), filter: t(`petition.filter.${query.status}`) })}
        </Heading>
        {error ? <Alert type="error">{error}</Alert> : null}
        {items.length === 0 ? (
          <Paragraph>{t("petition.list.empty")}</Paragraph>
        ) : (
          <ul className="inspraak-petitions-list">
            {items.map((item) => (
              <li key={item.id} className="inspraak-petitions-list__item">
                <Heading level={3}>
                  <Link to={`/petitions/${item.id}`}>{item.hideText ? t("petition.withheld.title", { id: item.id }) : item.title}</Link>
                </Heading>
                <Paragraph>
                  <PetitionStatusBadge status={item.status} />
                  {showsSignatureCount(item) ? (
                    <>
                      {" "}
                      {t("petition.count.signatures", { count: number(item.supportCount) })}
                      {item.closesAt && !item.closedAt ? <> · {t("petition.list.closes", { date: date(item.closesAt) })}</> : null}
                      {item.closedAt ? <> · {t("petition.list.closed", { date: date(item.closedAt) })}</> : null}
                    </>
                  ) : null}
                </Paragraph>
                {!item.hideText && item.summary ? <Paragraph>{item.summary}</Paragraph> : null}
              </li>
            ))}
          </ul>
        )}
        <KeysetPagination prev={prev} next={next} query={params} />
      </section>
    </div>
  );
}
