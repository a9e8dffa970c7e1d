import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading, Link, Paragraph } from "~/components/ui";
import { PetitionStatusBadge } from "~/modules/petitions/components/status";
import { awaitingCouncil } from "~/modules/petitions/petitions.queries.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";

/** For councillors (and clerks): the petitions the council owes a response or a debate. Read only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "petition:review");
  return { awaiting: awaitingCouncil() };
}

export const meta: MetaFunction = () => [{ title: "Wacht op de raad · Awaiting the council · Inspraak" }];

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
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">{t("petition.review.caption")}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">{t("petition.queue.petition")}</th>
              <th scope="col" className="utrecht-table__header-cell">{t("petition.review.status")}</th>
              <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">{t("petition.neighbourhoods.count")}</th>
              <th scope="col" className="utrecht-table__header-cell">{t("petition.review.since")}</th>
              <th scope="col" className="utrecht-table__header-cell">{t("petition.page.debateOn")}</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {awaiting.map((item) => (
              <tr key={item.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  <Link to={`/petitions/${item.id}`}>{item.hideText ? t("petition.withheld.title", { id: item.id }) : item.title}</Link>
                </th>
                <td className="utrecht-table__cell">
                  <PetitionStatusBadge status={item.status} />
                </td>
                <td className="utrecht-table__cell utrecht-table__cell--numeric">{number(item.supportCount)}</td>
                <td className="utrecht-table__cell">
                  {item.responseRequestedAt ? date(item.responseRequestedAt) : "–"} ({t("petition.review.waiting", { days: number(item.daysWaiting) })})
                </td>
                <td className="utrecht-table__cell">{item.debateScheduledFor ? date(item.debateScheduledFor) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
