import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading, Paragraph } from "~/components/ui";
import { commentSectionLinks } from "~/modules/discussions/components/CommentSection";
import { ModerationNav } from "~/modules/discussions/components/ModerationNav";
import { moderationStatistics } from "~/modules/discussions/moderation.server";
import { requirePermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";

export const links: LinksFunction = () => commentSectionLinks();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "moderation:statistics");
  return { ...moderationStatistics(), staff: can(user, "audit:read"), moderate: can(user, "moderation:act") };
}

export const meta: MetaFunction = () => [{ title: "Moderatie in cijfers · Moderation in figures · Inspraak" }];

export default function ModerationStatistics() {
  const { months, totals, staff, moderate } = useLoaderData<typeof loader>();
  const { t, number, locale } = useT();
  const monthName = (key: string) =>
    new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${key}-15T00:00:00Z`));
  const hours = (h: number | null) => (h === null ? t("moderation.stats.none") : t("moderation.stats.hours", { count: number(h) }));
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("moderation.stats.title")}</Heading>
      {staff ? <ModerationNav moderate={moderate} /> : null}
      <Paragraph>{t("moderation.stats.intro")}</Paragraph>
      <div className="inspraak-discussions-table-wrap">
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="utrecht-table__caption">{t("moderation.stats.caption")}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">{t("moderation.stats.col.month")}</th>
              <th className="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">{t("moderation.stats.col.flagged")}</th>
              <th className="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">{t("moderation.stats.col.hidden")}</th>
              <th className="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">{t("moderation.stats.col.restored")}</th>
              <th className="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">{t("moderation.stats.col.median")}</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {months.map((m) => (
              <tr key={m.month} className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="row">{monthName(m.month)}</th>
                <td className="utrecht-table__cell utrecht-table__cell--numeric">{number(m.flagged)}</td>
                <td className="utrecht-table__cell utrecht-table__cell--numeric">{number(m.hidden)}</td>
                <td className="utrecht-table__cell utrecht-table__cell--numeric">{number(m.restored)}</td>
                <td className="utrecht-table__cell utrecht-table__cell--numeric">{hours(m.medianHandleHours)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="utrecht-table__footer">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="row">{t("moderation.stats.total")}</th>
              <td className="utrecht-table__cell utrecht-table__cell--numeric">{number(totals.flagged)}</td>
              <td className="utrecht-table__cell utrecht-table__cell--numeric">{number(totals.hidden)}</td>
              <td className="utrecht-table__cell utrecht-table__cell--numeric">{number(totals.restored)}</td>
              <td className="utrecht-table__cell utrecht-table__cell--numeric">{hours(totals.medianHandleHours)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
