import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, Cell, Heading, KeysetPagination, Link, Paragraph, RowHeader, Table, TableRow } from "~/components/ui";
import { listOverdueSteps, OVERDUE_KEY } from "~/modules/topics/overdue.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { getUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { readCursor } from "~/utils/keyset.server";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/permissions";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["overdue"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!can(user, "next-steps:read-overdue")) throw new Response("Forbidden", { status: 403 });
  const url = new URL(request.url);
  const page = listOverdueSteps({ now: new Date(), cursor: readCursor(url.searchParams, OVERDUE_KEY) });
  return { ...page, rows: page.rows.map((row) => ({ ...row, path: topicPath({ id: row.topicId, kind: row.kind }) })) };
}

export const meta = pageTitle("overdue.title");

export default function OverdueNextSteps() {
  const { rows, next, prev } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("overdue.title")}</Heading>
      <Paragraph lead>{t("overdue.intro")}</Paragraph>
      {rows.length === 0 ? (
        <Alert type="info">{t("overdue.empty")}</Alert>
      ) : (
        <>
          <Table
            caption={t("overdue.caption")}
            columns={[t("overdue.step"), t("overdue.topic"), t("overdue.responsible"), t("overdue.dueAt"), { label: t("overdue.days"), numeric: true }]}
          >
            {rows.map((row) => (
              <TableRow key={row.stepId}>
                <RowHeader>{row.description}</RowHeader>
                <Cell>
                  <Link to={row.path}>{row.title}</Link>
                </Cell>
                <Cell>{row.responsibleBody ?? t("overdue.unknownBody")}</Cell>
                <Cell>
                  <time dateTime={new Date(row.dueAt).toISOString()}>{date(row.dueAt)}</time>
                </Cell>
                <Cell numeric>{t("overdue.daysText", { count: row.daysOverdue })}</Cell>
              </TableRow>
            ))}
          </Table>
          <KeysetPagination prev={prev} next={next} />
        </>
      )}
    </div>
  );
}
