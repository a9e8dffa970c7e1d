import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Alert, Button, Cell, ErrorSummary, Heading, Link, Paragraph, RowHeader, SelectField, Table, TableRow, TextField } from "~/components/ui";
import type { MessageKey } from "~/i18n";
import type { MessagesHandle } from "~/i18n/translate";
import { registeredKinds } from "~/modules/topics/topics.kinds";
import { BarChart } from "~/modules/transparency/components/BarChart";
import { MILESTONES, type FigureName } from "~/modules/transparency/transparency.constants";
import { parseDashboardFilter } from "~/modules/transparency/transparency.rules";
import { transparencyFigures } from "~/modules/transparency/transparency.server";
import dashboardCss from "~/styles/dashboard.css?url";
import { getUser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { localDay } from "~/utils/local-time";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { can } from "~/utils/permissions";

export const handle: MessagesHandle = { i18n: ["dashboard"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!can(user, "transparency:read")) throw new Response("Forbidden", { status: 403 });
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  const kinds = registeredKinds().map((k) => ({ kind: k.kind as string, label: k.navLabel }));
  const parsed = parseDashboardFilter(url.searchParams, { today: localDay(new Date()), kinds: kinds.map((k) => k.kind) });
  const figures = transparencyFigures(parsed.filter);
  const errors = parsed.ok ? null : Object.fromEntries(Object.entries(parsed.errors).map(([field, key]) => [field, t(key)]));
  const values = { from: url.searchParams.get("from") ?? parsed.filter.from, to: url.searchParams.get("to") ?? parsed.filter.to, kind: url.searchParams.get("kind") ?? "" };
  return data({ figures, kinds, errors, values }, { status: parsed.ok ? 200 : 400 });
}

export const meta = pageTitle("dashboard.title");

function csvHref(figure: FigureName, filter: { from: string; to: string; kind: string | null }): string {
  const params = new URLSearchParams({ figure, from: filter.from, to: filter.to });
  if (filter.kind) params.set("kind", filter.kind);
  return `/transparency.csv?${params.toString()}`;
}

function Section({ id, title, intro, csv, children }: { id: FigureName; title: string; intro: string; csv: string; children: ReactNode }) {
  const { t } = useT();
  return (
    <section aria-labelledby={`${id}-heading`} className="inspraak-stack">
      <Heading level={2} id={`${id}-heading`}>
        {title}
      </Heading>
      <Paragraph>{intro}</Paragraph>
      {children}
      <Paragraph>
        <a className="utrecht-link" href={csv} download>
          {t("dashboard.csv", { figure: title })}
        </a>
      </Paragraph>
    </section>
  );
}

export default function TransparencyDashboard() {
  const { figures, kinds, errors, values } = useLoaderData<typeof loader>();
  const { t, number, date, locale } = useT();
  const { filter } = figures;
  const kindLabel = (kind: string) => {
    const label = kinds.find((k) => k.kind === kind)?.label;
    return label ? t(label as MessageKey) : kind;
  };
  const day = (d: string) => date(`${d}T12:00:00Z`);
  const periodLabel = (p: string) => (figures.unit === "day" ? day(p) : new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${p}-15T12:00:00Z`)));
  const days = (n: number | null) => (n === null ? t("dashboard.none") : t("dashboard.days", { count: Math.round(n * 10) / 10 }));
  const top = <T extends { count: number }>(rows: T[]) => rows.reduce<T | null>((best, r) => (best === null || r.count > best.count ? r : best), null);
  const topPeriod = figures.participation.byPeriod.reduce<(typeof figures.participation.byPeriod)[number] | null>((best, p) => (best === null || p.total > best.total ? p : best), null);
  const neighbourhoodName = (n: { id: number; name: string | null }) => n.name ?? t("dashboard.neighbourhoods.none");
  const milestoneTotals = MILESTONES.map((m) => ({ milestone: m, count: figures.milestones.reduce((sum, k) => sum + k.counts[m], 0) }));
  const deadlineRows = figures.deadlines.filter((d) => d.inTime + d.late + d.waiting > 0 || d.leadTime !== "next-steps");
  const leadTimeLabel = (l: string) => t(`dashboard.leadTime.${l}` as MessageKey);
  const moderationTop = figures.moderation.actions.reduce((sum, a) => sum + a.count, 0);
  const topNeighbourhood = top(figures.neighbourhoods);
  // Over time per neighbourhood only by month: a column per day would not fit beside the chart.
  const monthColumns = figures.unit === "month" ? figures.participation.byPeriod.map((p) => p.period) : [];

  return (
    <article className="inspraak-stack">
      <Heading level={1}>{t("dashboard.title")}</Heading>
      <Paragraph lead>{t("dashboard.intro")}</Paragraph>
      {figures.computedAt ? (
        <Paragraph>
          {t("dashboard.computedAt", {
            date: new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }).format(new Date(figures.computedAt)),
          })}
        </Paragraph>
      ) : (
        <Alert type="info">{t("dashboard.notComputed")}</Alert>
      )}

      <ErrorSummary errors={errors ?? undefined} labels={{ from: t("dashboard.filter.from"), to: t("dashboard.filter.to"), kind: t("dashboard.filter.kind") }} />
      {errors ? <Paragraph>{t("dashboard.error.shown")}</Paragraph> : null}
      <Form method="get" className="inspraak-dashboard-filter" aria-label={t("dashboard.filter.legend")}>
        <TextField name="from" label={t("dashboard.filter.from")} defaultValue={values.from} error={errors?.from} inputMode="numeric" autoComplete="off" />
        <TextField name="to" label={t("dashboard.filter.to")} defaultValue={values.to} error={errors?.to} inputMode="numeric" autoComplete="off" />
        <SelectField
          name="kind"
          label={t("dashboard.filter.kind")}
          defaultValue={errors?.kind ? "" : values.kind}
          error={errors?.kind}
          options={[{ value: "", label: t("dashboard.filter.allKinds") }, ...kinds.map((k) => ({ value: k.kind, label: t(k.label as MessageKey) }))]}
        />
        <Button type="submit">{t("dashboard.filter.submit")}</Button>
      </Form>
      <Paragraph>{t("dashboard.period", { from: day(filter.from), to: day(filter.to) })}</Paragraph>

      <Section id="participation" title={t("dashboard.participation.title")} intro={t("dashboard.participation.intro")} csv={csvHref("participation", filter)}>
        <BarChart
          id="chart-participation"
          title={t(figures.unit === "day" ? "dashboard.participation.chart.day" : "dashboard.participation.chart.month")}
          description={t("dashboard.participation.desc", {
            total: number(figures.participation.total),
            from: day(filter.from),
            to: day(filter.to),
            top: topPeriod && topPeriod.total > 0 ? periodLabel(topPeriod.period) : t("dashboard.none"),
            topCount: number(topPeriod?.total ?? 0),
          })}
          bars={figures.participation.byPeriod.map((p) => ({ label: periodLabel(p.period), value: p.total, valueText: number(p.total) }))}
          table={
            <Table
              caption={t("dashboard.table", { figure: t("dashboard.participation.title") })}
              columns={[t(figures.unit === "day" ? "dashboard.participation.period.day" : "dashboard.participation.period.month"), ...figures.kinds.map((k) => ({ label: kindLabel(k), numeric: true })), { label: t("dashboard.total"), numeric: true }]}
            >
              {figures.participation.byPeriod.map((p) => (
                <TableRow key={p.period}>
                  <RowHeader>{periodLabel(p.period)}</RowHeader>
                  {figures.kinds.map((k) => (
                    <Cell key={k} numeric>
                      {number(p.byKind[k] ?? 0)}
                    </Cell>
                  ))}
                  <Cell numeric>{number(p.total)}</Cell>
                </TableRow>
              ))}
            </Table>
          }
        />
      </Section>

      <Section id="neighbourhoods" title={t("dashboard.neighbourhoods.title")} intro={t("dashboard.neighbourhoods.intro")} csv={csvHref("neighbourhoods", filter)}>
        <BarChart
          id="chart-neighbourhoods"
          title={t("dashboard.neighbourhoods.chart")}
          description={t("dashboard.neighbourhoods.desc", {
            total: number(figures.participation.total),
            top: topNeighbourhood ? neighbourhoodName(topNeighbourhood) : t("dashboard.none"),
            topCount: number(topNeighbourhood?.count ?? 0),
          })}
          bars={figures.neighbourhoods.map((n) => ({ label: neighbourhoodName(n), value: n.count, valueText: number(n.count) }))}
          table={
            <Table
              caption={t("dashboard.table", { figure: t("dashboard.neighbourhoods.title") })}
              columns={[t("dashboard.neighbourhood"), ...monthColumns.map((p) => ({ label: periodLabel(p), numeric: true })), { label: t("dashboard.total"), numeric: true }]}
            >
              {figures.neighbourhoods.map((n) => (
                <TableRow key={n.id}>
                  <RowHeader>{neighbourhoodName(n)}</RowHeader>
                  {monthColumns.map((p) => (
                    <Cell key={p} numeric>
                      {number(n.byPeriod[p] ?? 0)}
                    </Cell>
                  ))}
                  <Cell numeric>{number(n.count)}</Cell>
                </TableRow>
              ))}
            </Table>
          }
        />
      </Section>

      <Section id="published" title={t("dashboard.milestones.title")} intro={t("dashboard.milestones.intro")} csv={csvHref("published", filter)}>
        <BarChart
          id="chart-milestones"
          title={t("dashboard.milestones.chart")}
          description={t("dashboard.milestones.desc", {
            from: day(filter.from),
            to: day(filter.to),
            list: milestoneTotals.map((m) => `${t(`dashboard.milestone.${m.milestone}` as MessageKey)} ${number(m.count)}`).join(", "),
          })}
          bars={milestoneTotals.map((m) => ({ label: t(`dashboard.milestone.${m.milestone}` as MessageKey), value: m.count, valueText: number(m.count) }))}
          table={
            <Table caption={t("dashboard.table", { figure: t("dashboard.milestones.title") })} columns={[t("dashboard.kind"), ...MILESTONES.map((m) => ({ label: t(`dashboard.milestone.${m}` as MessageKey), numeric: true }))]}>
              {figures.milestones.map((k) => (
                <TableRow key={k.kind}>
                  <RowHeader>{kindLabel(k.kind)}</RowHeader>
                  {MILESTONES.map((m) => (
                    <Cell key={m} numeric>
                      {number(k.counts[m])}
                    </Cell>
                  ))}
                </TableRow>
              ))}
            </Table>
          }
        />
      </Section>

      <Section id="lead-times" title={t("dashboard.leadTimes.title")} intro={t("dashboard.leadTimes.intro")} csv={csvHref("lead-times", filter)}>
        <Table
          caption={t("dashboard.leadTimes.summary")}
          columns={[t("dashboard.leadTimes.band"), { label: t("dashboard.count"), numeric: true }, { label: t("dashboard.leadTimes.median"), numeric: true }, { label: t("dashboard.leadTimes.p90"), numeric: true }]}
        >
          {figures.leadTimes.flatMap((l) => [
            <TableRow key={l.leadTime}>
              <RowHeader>{leadTimeLabel(l.leadTime)}</RowHeader>
              <Cell numeric>{number(l.count)}</Cell>
              <Cell numeric>{days(l.median)}</Cell>
              <Cell numeric>{days(l.p90)}</Cell>
            </TableRow>,
            ...(figures.kinds.length > 1
              ? l.byKind.map((k) => (
                  <TableRow key={`${l.leadTime}-${k.kind}`}>
                    <RowHeader>
                      {leadTimeLabel(l.leadTime)}, {kindLabel(k.kind)}
                    </RowHeader>
                    <Cell numeric>{number(k.count)}</Cell>
                    <Cell numeric>{days(k.median)}</Cell>
                    <Cell numeric>{days(k.p90)}</Cell>
                  </TableRow>
                ))
              : []),
          ])}
        </Table>
        {figures.leadTimes.map((l) => (
          <section key={l.leadTime} aria-labelledby={`lead-${l.leadTime}-heading`}>
            <Heading level={3} id={`lead-${l.leadTime}-heading`}>
              {leadTimeLabel(l.leadTime)}
            </Heading>
            {l.count === 0 ? (
              <Paragraph>{t("dashboard.leadTimes.empty")}</Paragraph>
            ) : (
              <BarChart
                id={`chart-lead-${l.leadTime}`}
                title={t("dashboard.leadTimes.chart", { leadTime: leadTimeLabel(l.leadTime) })}
                description={t("dashboard.leadTimes.desc", { count: number(l.count), median: days(l.median), p90: days(l.p90) })}
                bars={l.bands.map((b) => ({ label: t(`dashboard.band.${b.key}` as MessageKey), value: b.count, valueText: number(b.count) }))}
                table={
                  <Table caption={t("dashboard.table", { figure: leadTimeLabel(l.leadTime) })} columns={[t("dashboard.leadTimes.band"), { label: t("dashboard.count"), numeric: true }]}>
                    {l.bands.map((b) => (
                      <TableRow key={b.key}>
                        <RowHeader>{t(`dashboard.band.${b.key}` as MessageKey)}</RowHeader>
                        <Cell numeric>{number(b.count)}</Cell>
                      </TableRow>
                    ))}
                  </Table>
                }
              />
            )}
          </section>
        ))}
      </Section>

      <Section id="overdue" title={t("dashboard.deadlines.title")} intro={t("dashboard.deadlines.intro")} csv={csvHref("overdue", filter)}>
        <BarChart
          id="chart-deadlines"
          title={t("dashboard.deadlines.chart")}
          description={t("dashboard.deadlines.desc", {
            late: number(deadlineRows.reduce((sum, d) => sum + d.late, 0)),
            waiting: number(deadlineRows.reduce((sum, d) => sum + d.waiting, 0)),
          })}
          bars={deadlineRows.map((d) => ({
            label: `${kindLabel(d.kind)}: ${leadTimeLabel(d.leadTime)}`,
            value: d.late + d.waiting,
            valueText: `${number(d.late)} ${t("dashboard.deadlines.late").toLowerCase()}, ${number(d.waiting)} ${t("dashboard.deadlines.waiting").toLowerCase()}`,
          }))}
          table={
            <Table
              caption={t("dashboard.table", { figure: t("dashboard.deadlines.title") })}
              columns={[
                t("dashboard.deadlines.what"),
                { label: t("dashboard.deadlines.deadline"), numeric: true },
                { label: t("dashboard.deadlines.inTime"), numeric: true },
                { label: t("dashboard.deadlines.late"), numeric: true },
                { label: t("dashboard.deadlines.waiting"), numeric: true },
              ]}
            >
              {deadlineRows.map((d) => (
                <TableRow key={`${d.kind}-${d.leadTime}`}>
                  <RowHeader>
                    {kindLabel(d.kind)}: {leadTimeLabel(d.leadTime)}
                  </RowHeader>
                  <Cell numeric>{d.deadlineDays === null ? t("dashboard.deadlines.ownDate") : days(d.deadlineDays)}</Cell>
                  <Cell numeric>{number(d.inTime)}</Cell>
                  <Cell numeric>{number(d.late)}</Cell>
                  <Cell numeric>{number(d.waiting)}</Cell>
                </TableRow>
              ))}
            </Table>
          }
        />
        <Paragraph>
          <Link to="/next-steps/overdue">{t("dashboard.deadlines.overdueList")}</Link>
        </Paragraph>
      </Section>

      <Section id="moderation" title={t("dashboard.moderation.title")} intro={t("dashboard.moderation.intro")} csv={csvHref("moderation", filter)}>
        <BarChart
          id="chart-moderation"
          title={t("dashboard.moderation.chart")}
          description={t("dashboard.moderation.desc", { count: number(moderationTop), median: days(figures.moderation.medianDays) })}
          bars={figures.moderation.actions.map((a) => ({ label: t(`dashboard.moderation.${a.action}` as MessageKey), value: a.count, valueText: number(a.count) }))}
          table={
            <Table caption={t("dashboard.table", { figure: t("dashboard.moderation.title") })} columns={[t("dashboard.moderation.action"), { label: t("dashboard.count"), numeric: true }]}>
              {figures.moderation.actions.map((a) => (
                <TableRow key={a.action}>
                  <RowHeader>{t(`dashboard.moderation.${a.action}` as MessageKey)}</RowHeader>
                  <Cell numeric>{number(a.count)}</Cell>
                </TableRow>
              ))}
            </Table>
          }
        />
        <Paragraph>{t("dashboard.moderation.handled", { count: number(figures.moderation.handled), median: days(figures.moderation.medianDays) })}</Paragraph>
      </Section>
    </article>
  );
}
