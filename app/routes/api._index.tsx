import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Cell, Heading, Paragraph, RowHeader, Table, TableRow } from "~/components/ui";
import { API_DEFAULT_LIMIT, API_MAX_AGE, API_MAX_LIMIT } from "~/modules/api/api.constants";
import { registeredKinds } from "~/modules/topics/topics.kinds";
import { requirePermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessageKey } from "~/i18n";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["api"] };

/** The addresses of the API, each with what it gives and the parameters it takes. */
const ENDPOINTS: ReadonlyArray<{ path: string; what: MessageKey; params: string[] }> = [
  { path: "/api/v1/topics", what: "api.endpoint.topics", params: ["kind", "status", "limit", "cursor"] },
  { path: "/api/v1/topics/{id}", what: "api.endpoint.topic", params: [] },
  { path: "/api/v1/topics/{id}/timeline", what: "api.endpoint.timeline", params: ["limit", "cursor"] },
  { path: "/api/v1/topics/{id}/outcome", what: "api.endpoint.outcome", params: [] },
  { path: "/api/v1/meetings", what: "api.endpoint.meetings", params: ["limit", "cursor"] },
  { path: "/api/v1/meetings/{meeting}", what: "api.endpoint.meeting", params: [] },
  { path: "/api/v1/counts", what: "api.endpoint.counts", params: [] },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "open-data:read");
  return { kinds: registeredKinds().map((k) => k.kind) };
}

export const meta = pageTitle("api.title");

export default function ApiDocumentation() {
  const { kinds } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <article className="inspraak-stack">
      <Heading level={1}>{t("api.title")}</Heading>
      <Paragraph lead>{t("api.intro")}</Paragraph>
      <Paragraph>
        {t("api.description")}{" "}
        <a className="utrecht-link" href="/api/v1/openapi.json">
          {t("api.descriptionLink")}
        </a>
      </Paragraph>
      <Table caption={t("api.endpoints")} columns={[t("api.endpoint"), t("api.what"), t("api.parameters")]}>
        {ENDPOINTS.map((e) => (
          <TableRow key={e.path}>
            <RowHeader>
              <code>GET {e.path}</code>
            </RowHeader>
            <Cell>{t(e.what)}</Cell>
            <Cell>{e.params.length ? <code>{e.params.join(", ")}</code> : t("api.none")}</Cell>
          </TableRow>
        ))}
      </Table>
      <Paragraph>
        <code>kind</code>: <code>{kinds.join(", ")}</code>
      </Paragraph>
      <Heading level={2}>{t("api.pagingHeading")}</Heading>
      <Paragraph>{t("api.paging", { default: API_DEFAULT_LIMIT, max: API_MAX_LIMIT })}</Paragraph>
      <Heading level={2}>{t("api.cachingHeading")}</Heading>
      <Paragraph>{t("api.caching", { seconds: API_MAX_AGE })}</Paragraph>
      <Heading level={2}>{t("api.errorsHeading")}</Heading>
      <Paragraph>{t("api.errors")}</Paragraph>
      <Paragraph>
        <a className="utrecht-link" href="/open-data">
          {t("api.openDataLink")}
        </a>
      </Paragraph>
    </article>
  );
}
