// The dashboard's figures as CSV, one file per figure, with machine names for columns and values
// (kind and milestone codes, ISO days) so a spreadsheet or script reads them without the page's
// words. The figures are already added up for the period: a few hundred rows at most.
import { csvRows } from "~/utils/csv";
import { LEAD_TIME_BANDS, MILESTONES, type FigureName } from "./transparency.constants";
import type { TransparencyFigures } from "./transparency.server";

type Row = Array<string | number | null>;

export function figureRows(figures: TransparencyFigures, figure: FigureName): Row[] {
  switch (figure) {
    case "participation":
      return [
        [figures.unit, "kind", "new_participants"],
        ...figures.participation.byPeriod.flatMap((p) => figures.kinds.map((kind): Row => [p.period, kind, p.byKind[kind] ?? 0])),
      ];
    case "neighbourhoods":
      return [
        [figures.unit, "neighbourhood_id", "neighbourhood", "new_participants"],
        ...figures.participation.byPeriod.flatMap((p) => figures.neighbourhoods.map((n): Row => [p.period, n.id, n.name, n.byPeriod[p.period] ?? 0])),
      ];
    case "published":
      return [["kind", "milestone", "topics"], ...figures.milestones.flatMap((k) => MILESTONES.map((m): Row => [k.kind, m, k.counts[m]]))];
    case "lead-times":
      return [
        ["lead_time", "kind", "count", "median_days", "p90_days", ...LEAD_TIME_BANDS.map((b) => `days_${b.key.replace("+", "_plus").replace("-", "_")}`)],
        ...figures.leadTimes.flatMap((l) => [
          [l.leadTime, "all", l.count, l.median, l.p90, ...l.bands.map((b) => b.count)] as Row,
          ...l.byKind.map((k): Row => [l.leadTime, k.kind, k.count, k.median, k.p90, ...LEAD_TIME_BANDS.map(() => null)]),
        ]),
      ];
    case "overdue":
      return [["kind", "what", "deadline_days", "in_time", "late", "waiting_past_deadline"], ...figures.deadlines.map((d): Row => [d.kind, d.leadTime, d.deadlineDays, d.inTime, d.late, d.waiting])];
    case "moderation":
      return [["action", "decisions"], ...figures.moderation.actions.map((a): Row => [a.action, a.count])];
  }
}

export function figureCsv(figures: TransparencyFigures, figure: FigureName): string {
  return csvRows(figureRows(figures, figure));
}
