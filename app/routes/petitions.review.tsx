import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Cell, Heading, Link, Paragraph, RowHeader, Table, TableRow } from "~/components/ui";
import { PetitionStatusBadge } from "~/modules/petitions/components/status";
import { awaitingCouncil } from "~/modules/petitions/petitions.queries.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["petition"] };

/** For councillors (and clerks): the petitions the council owes a response or a debate. Read only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "petition:review");
  return { awaiting: awaitingCouncil() };
}

export const meta = pageTitle("petition.review.title");

export default function Review() {
  const { awaiting } = useLoaderData<typeof loader>();
  const { t, number, date } = useT();
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to="/petitions">{t("petition.backToList")}</Link>
      </Paragraph>
      <Heading level={1}>{t("petition.review.title")}</Heading>
      <Paragraph>{t("petition.review.intro")}</Paragraph>
      {awaiting.length === 0 ? (
        <Paragraph>{t("petition.review.empty")}</Paragraph>
      ) : (
        <Table
          caption={t("petition.review.caption")}
          columns={[
            t("petition.queue.petition"),
            t("petition.review.status"),
            { label: t("petition.neighbourhoods.count"), numeric: true },
            t("petition.review.since"),
            t("petition.page.debateOn"),
          ]}
        >
          {awaiting.map((item) => (
            <TableRow key={item.id}>
              <RowHeader>
                <Link to={`/petitions/${item.id}`}>{item.hideText ? t("petition.withheld.title", { id: item.id }) : item.title}</Link>
              </RowHeader>
              <Cell>
                <PetitionStatusBadge status={item.status} />
              </Cell>
              <Cell numeric>{number(item.supportCount)}</Cell>
              <Cell>
                {item.responseRequestedAt ? date(item.responseRequestedAt) : "–"} ({t("petition.review.waiting", { days: number(item.daysWaiting) })})
              </Cell>
              <Cell>{item.debateScheduledFor ? date(item.debateScheduledFor) : "–"}</Cell>
            </TableRow>
          ))}
        </Table>
      )}
    </div>
  );
}
