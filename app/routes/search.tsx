import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Alert, Button, Heading, Link, Pagination, Paragraph, SelectField, StatusBadge, TextField } from "~/components/ui";
import { SEARCH_RESULTS_CAP, searchTopics } from "~/modules/topics/topics.server";
import { isRegisteredKind, registeredKinds } from "~/modules/topics/topics.kinds";
import { topicPath } from "~/modules/topics/topics.paths";
import { getTranslator } from "~/utils/locale.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["search"] };

const PAGE_SIZE = 20;

const SearchQuery = z.object({
  q: z.string().trim().max(200).default(""),
  // Only the kinds this platform runs (app/kinds.ts): a filter on any other finds nothing to filter.
  kind: z
    .string()
    .refine(isRegisteredKind)
    .optional()
    .catch(undefined),
  // Results end at the cap (docs/decisions/015): a deeper page is the last one.
  page: z.coerce.number().int().min(1).catch(1).transform((page) => Math.min(page, SEARCH_RESULTS_CAP / PAGE_SIZE)),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const parsed = SearchQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    return data({ q: "", kind: null, kinds: kindsOffered(), page: 1, pages: 0, total: 0, more: false, hits: [], error: t("search.queryTooLong") }, { status: 400 });
  }
  const { q, kind, page } = parsed.data;
  const found = q ? searchTopics(q, { kind, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) : { hits: [], total: 0, more: false };
  // Each kind names its own states (`<kind>.status.<status>` in its catalogue): named here, on the
  // server, so the page does not send every kind's messages for a few badges.
  const hits = found.hits.map((hit) => {
    const key = `${hit.kind}.status.${hit.status}`;
    return { ...hit, statusLabel: t.has(key) ? t(key) : null };
  });
  const { total, more } = found;
  return { q, kind: kind ?? null, kinds: kindsOffered(), page, pages: Math.ceil(total / PAGE_SIZE), total, more, hits, error: null };
}

/** The kinds the filter offers: those registered, in the main menu's order. */
const kindsOffered = () => registeredKinds().map((manifest) => manifest.kind);

export const meta = pageTitle("search.title");

/** Turns the [[...]] markers of an FTS snippet into <mark>, without ever parsing HTML. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\[\[.*?\]\])/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith("[[") && part.endsWith("]]") ? (
          <mark key={i} className="inspraak-mark">
            {part.slice(2, -2)}
          </mark>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export default function Search() {
  const { q, kind, kinds, hits, total, more, page, pages, error } = useLoaderData<typeof loader>();
  const { t } = useT();
  const query = new URLSearchParams({ q, ...(kind ? { kind } : {}) });
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("search.title")}</Heading>
      <Form method="get" role="search" className="inspraak-form">
        <TextField name="q" type="search" label={t("search.label")} defaultValue={q} maxLength={200} error={error ?? undefined} description={t("search.hint")} />
        <SelectField
          name="kind"
          label={t("search.kindFilter")}
          defaultValue={kind ?? ""}
          options={[{ value: "", label: t("search.kindAll") }, ...kinds.map((k) => ({ value: k, label: t(`topic.kind.${k}`) }))]}
        />
        <Button>{t("search.submit")}</Button>
      </Form>
      {q ? (
        <section aria-live="polite">
          {total === 0 ? (
            <Alert type="info">{t("search.noResults", { query: q })}</Alert>
          ) : (
            <>
              <Paragraph>{t(more ? "search.resultsMore" : "search.results", { count: total, query: q })}</Paragraph>
              <ol className="utrecht-ordered-list">
                {hits.map((hit) => (
                  <li key={hit.id} className="utrecht-ordered-list__item">
                    <Link to={topicPath(hit)}>{hit.title}</Link>
                    <Paragraph>
                      <StatusBadge>{t(`topic.kind.${hit.kind}`)}</StatusBadge> {hit.statusLabel ? <StatusBadge>{hit.statusLabel}</StatusBadge> : null}
                    </Paragraph>
                    <Paragraph>
                      <Snippet text={hit.snippet || hit.summary} />
                    </Paragraph>
                  </li>
                ))}
              </ol>
              <Pagination page={page} pages={pages} query={query} />
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
