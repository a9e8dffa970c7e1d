import { Cell, RowHeader, Table, TableRow } from "~/components/ui";
import { useT } from "~/utils/i18n";

export interface ChartDay {
  day: string;
  count: number;
  total: number;
}

const WIDTH = 640;
const HEIGHT = 220;
// Room for labels at the larger font size narrow screens get (petitions.css), where the drawing is scaled down.
const PAD = { left: 88, right: 16, top: 24, bottom: 44 };

/**
 * Signatures over time as a server-rendered SVG line (no script, no inline styles: the look is in
 * petitions.css), with the same figures as a table for screen readers and anyone who prefers numbers.
 */
export function SignatureChart({ days, headingId }: { days: ChartDay[]; headingId: string }) {
  const { t, number, date } = useT();
  if (days.length === 0) return <p className="utrecht-paragraph">{t("petition.chart.empty")}</p>;
  const max = Math.max(1, ...days.map((d) => d.total));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (days.length === 1 ? innerW : (i / (days.length - 1)) * innerW);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const points = days.map((d, i) => `${x(i).toFixed(1)},${y(d.total).toFixed(1)}`).join(" ");
  const area = `${x(0).toFixed(1)},${y(0).toFixed(1)} ${points} ${x(days.length - 1).toFixed(1)},${y(0).toFixed(1)}`;
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const from = date(`${first.day}T12:00:00Z`);
  const to = date(`${last.day}T12:00:00Z`);
  const summary = t("petition.chart.summary", {
    from,
    to,
    total: number(last.total),
    days: days.length,
  });
  return (
    <figure className="inspraak-petitions-chart" aria-labelledby={headingId}>
      <svg
        className="inspraak-petitions-chart__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${headingId}-svg-title`}
        aria-describedby={`${headingId}-svg-desc`}
        focusable="false"
      >
        <title id={`${headingId}-svg-title`}>{t("petition.chart.title")}</title>
        <desc id={`${headingId}-svg-desc`}>{summary}</desc>
        <line className="inspraak-petitions-chart__axis" x1={PAD.left} y1={y(0)} x2={WIDTH - PAD.right} y2={y(0)} />
        <line className="inspraak-petitions-chart__axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={y(0)} />
        <line className="inspraak-petitions-chart__grid" x1={PAD.left} y1={y(max)} x2={WIDTH - PAD.right} y2={y(max)} />
        <text className="inspraak-petitions-chart__label" x={PAD.left - 6} y={y(max) + 4} textAnchor="end">
          {number(max)}
        </text>
        <text className="inspraak-petitions-chart__label" x={PAD.left - 6} y={y(0) + 4} textAnchor="end">
          0
        </text>
        {days.length > 1 ? (
          <text className="inspraak-petitions-chart__label" x={PAD.left} y={HEIGHT - 8} textAnchor="start">
            {from}
          </text>
        ) : null}
        <text className="inspraak-petitions-chart__label" x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end">
          {to}
        </text>
        <polygon className="inspraak-petitions-chart__area" points={area} />
        <polyline className="inspraak-petitions-chart__line" points={points} />
      </svg>
      <figcaption className="utrecht-paragraph">{summary}</figcaption>
      <details className="inspraak-petitions-chart__details">
        <summary>{t("petition.chart.asTable")}</summary>
        <Table
          caption={t("petition.chart.tableCaption")}
          columns={[t("petition.chart.day"), { label: t("petition.chart.new"), numeric: true }, { label: t("petition.chart.total"), numeric: true }]}
        >
          {days.map((d) => (
            <TableRow key={d.day}>
              <RowHeader>
                <time dateTime={d.day}>{date(`${d.day}T12:00:00Z`)}</time>
              </RowHeader>
              <Cell numeric>{number(d.count)}</Cell>
              <Cell numeric>{number(d.total)}</Cell>
            </TableRow>
          ))}
        </Table>
      </details>
    </figure>
  );
}
