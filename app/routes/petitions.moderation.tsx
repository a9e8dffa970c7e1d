import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Cell, Heading, Link, Paragraph, RowHeader, Table, TableRow } from "~/components/ui";
import { awaitingCouncil, moderationQueue } from "~/modules/petitions/petitions.queries.server";
import { PetitionStatusBadge } from "~/modules/petitions/components/status";
import { getSetting } from "~/modules/settings/settings.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import petitionsCss from "~/styles/petitions.css?url";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["petition"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: petitionsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "petition:moderate");
  return { queue: moderationQueue(), awaiting: awaitingCouncil(), overdueDays: getSetting("petitionModerationOverdueDays") };
}

export const meta = pageTitle("petition.queue.title");

export default function ModerationQueue() {
  const { queue, awaiting, overdueDays } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to="/petitions">{t("petition.backToList")}</Link>
      </Paragraph>
      <Heading level={1}>{t("petition.queue.title")}</Heading>
      <Paragraph>{t("petition.queue.intro", { days: overdueDays })}</Paragraph>
      <section aria-labelledby="queue-heading">
        <Heading level={2} id="queue-heading">
          {t("petition.queue.submitted", { count: queue.length })}
        </Heading>
        {queue.length === 0 ? (
          <Paragraph>{t("petition.queue.empty")}</Paragraph>
        ) : (
          <Table
            caption={t("petition.queue.caption")}
            columns={[
              t("petition.queue.petition"),
              t("petition.queue.petitioner"),
              t("petition.queue.submittedOn"),
              { label: t("petition.queue.waiting"), numeric: true },
            ]}
          >
            {queue.map((item) => (
              <TableRow key={item.id}>
                <RowHeader>
                  <Link to={`/petitions/${item.id}/manage`}>{item.title}</Link>
                </RowHeader>
                <Cell>{item.authorName ?? t("topic.deletedParticipant")}</Cell>
                <Cell>{item.submittedAt ? date(item.submittedAt) : "–"}</Cell>
                <Cell numeric>
                  {item.overdue ? (
                    <strong className="inspraak-petitions-overdue">{t("petition.queue.overdue", { days: number(item.daysInQueue) })}</strong>
                  ) : (
                    t("petition.queue.days", { days: number(item.daysInQueue) })
                  )}
                </Cell>
              </TableRow>
            ))}
          </Table>
        )}
      </section>
      <section aria-labelledby="awaiting-heading">
        <Heading level={2} id="awaiting-heading">
          {t("petition.review.title")}
        </Heading>
        {awaiting.length === 0 ? (
          <Paragraph>{t("petition.review.empty")}</Paragraph>
        ) : (
          <ul className="utrecht-unordered-list">
            {awaiting.map((item) => (
              <li key={item.id} className="utrecht-unordered-list__item">
                <Link to={`/petitions/${item.id}/manage`}>{item.hideText ? t("petition.withheld.title", { id: item.id }) : item.title}</Link>{" "}
                <PetitionStatusBadge status={item.status} /> · {t("petition.count.signatures", { count: number(item.supportCount) })} ·{" "}
                {t("petition.review.waiting", { days: number(item.daysWaiting) })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
