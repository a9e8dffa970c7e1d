import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Cell, Heading, KeysetPagination, Link, Paragraph, RowHeader, StatusBadge, Table, TableRow } from "~/components/ui";
import { admissibilityQueue } from "~/modules/proposals/proposals.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { readCursor } from "~/utils/keyset.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["proposal"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "proposal:check-admissibility");
  return admissibilityQueue(readCursor(new URL(request.url).searchParams, ["number", "number"]));
}

export const meta = pageTitle("proposal.queue.title");

export default function AdmissibilityQueue() {
  const { rows, next, prev } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("proposal.queue.title")}</Heading>
      <Paragraph lead>{t("proposal.queue.intro")}</Paragraph>
      {rows.length === 0 ? (
        <Paragraph>{t("proposal.queue.empty")}</Paragraph>
      ) : (
        <Table caption={t("proposal.queue.caption")} columns={[t("proposal.field.title"), t("proposal.queue.submitted"), t("proposal.queue.due")]}>
          {rows.map((r) => (
            <TableRow key={r.id}>
              <RowHeader>
                <Link to={`/proposals/${r.id}/check`}>{r.title}</Link>
              </RowHeader>
              <Cell>{r.submittedAt ? date(r.submittedAt) : ""}</Cell>
              <Cell>
                {date(r.dueAt)} {r.overdue ? <StatusBadge tone="danger">{t("proposal.queue.overdue")}</StatusBadge> : null}
              </Cell>
            </TableRow>
          ))}
        </Table>
      )}
      <KeysetPagination prev={prev} next={next} />
    </div>
  );
}
