// A horizontal bar chart drawn on the server as SVG: no script, no inline styles (CSP; the look is
// in dashboard.css). Every bar carries its label and its value as text, so nothing is told by
// colour or length alone; the SVG is one image with a title and a description for screen readers,
// and the page puts the same figures in a table beside it.
import type { ReactNode } from "react";

export interface Bar {
  label: string;
  value: number;
  /** The value as the reader reads it ("12", "12 dagen"). */
  valueText: string;
}

const WIDTH = 640;
const ROW = 28;
const LABEL_W = 250;
const VALUE_W = 90;
const PAD_Y = 8;

export function BarChart({ id, title, description, bars, table }: { id: string; title: string; description: string; bars: Bar[]; table: ReactNode }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const barSpace = WIDTH - LABEL_W - VALUE_W;
  const height = PAD_Y * 2 + bars.length * ROW;
  return (
    <div className="inspraak-dashboard-figure">
      <figure className="inspraak-dashboard-figure__chart" aria-labelledby={`${id}-caption`}>
        <svg className="inspraak-dashboard-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} focusable="false">
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          <line className="inspraak-dashboard-chart__axis" x1={LABEL_W} y1={PAD_Y / 2} x2={LABEL_W} y2={height - PAD_Y / 2} />
          {bars.map((bar, i) => {
            const y = PAD_Y + i * ROW;
            const w = (bar.value / max) * barSpace;
            return (
              <g key={`${bar.label}-${i}`}>
                <text className="inspraak-dashboard-chart__label" x={LABEL_W - 8} y={y + ROW / 2 + 4} textAnchor="end">
                  {bar.label.length > 38 ? `${bar.label.slice(0, 37)}…` : bar.label}
                </text>
                <rect className="inspraak-dashboard-chart__bar" x={LABEL_W} y={y + 4} width={Math.max(bar.value > 0 ? 2 : 0, w)} height={ROW - 8} />
                <text className="inspraak-dashboard-chart__value" x={LABEL_W + w + 6} y={y + ROW / 2 + 4} textAnchor="start">
                  {bar.valueText}
                </text>
              </g>
            );
          })}
        </svg>
        <figcaption id={`${id}-caption`} className="utrecht-paragraph">
          {description}
        </figcaption>
      </figure>
      <div className="inspraak-dashboard-figure__table">{table}</div>
    </div>
  );
}
