import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Cell, Heading, Paragraph, RowHeader, Table, TableRow } from "~/components/ui";
import { commentSectionLinks } from "~/modules/participation/components/CommentSection";
import { ModerationNav } from "~/modules/participation/components/ModerationNav";
import { moderationStatistics } from "~/modules/participation/moderation.statistics.server";
import { requirePermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["comment", "moderation"] };

export const links: LinksFunction = () => commentSectionLinks();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "moderation:statistics");
  return { ...moderationStatistics(), staff: can(user, "audit:read"), moderate: can(user, "moderation:act") };
}

export const meta = pageTitle("moderation.stats.title");

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
      <Table
        caption={t("moderation.stats.caption")}
        columns={[
          t("moderation.stats.col.month"),
          { label: t("moderation.stats.col.flagged"), numeric: true },
          { label: t("moderation.stats.col.hidden"), numeric: true },
          { label: t("moderation.stats.col.restored"), numeric: true },
          { label: t("moderation.stats.col.median"), numeric: true },
        ]}
        footer={
          <TableRow>
            <RowHeader>{t("moderation.stats.total")}</RowHeader>
            <Cell numeric>{number(totals.flagged)}</Cell>
            <Cell numeric>{number(totals.hidden)}</Cell>
            <Cell numeric>{number(totals.restored)}</Cell>
            <Cell numeric>{hours(totals.medianHandleHours)}</Cell>
          </TableRow>
        }
      >
        {months.map((m) => (
          <TableRow key={m.month}>
            <RowHeader>{monthName(m.month)}</RowHeader>
            <Cell numeric>{number(m.flagged)}</Cell>
            <Cell numeric>{number(m.hidden)}</Cell>
            <Cell numeric>{number(m.restored)}</Cell>
            <Cell numeric>{hours(m.medianHandleHours)}</Cell>
          </TableRow>
        ))}
      </Table>
    </div>
  );
}
