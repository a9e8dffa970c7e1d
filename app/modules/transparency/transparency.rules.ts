// Pure rules of the transparency figures: which lead times a topic's timeline holds, the median and
// bands of a distribution kept as counts per whole day, and the dashboard's period. No database,
// no clock: days and moments are passed in. Days are calendar days on the town hall's clock
// (Europe/Amsterdam), as the municipality's own deadlines are.
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { localDay } from "~/utils/local-time";
import {
  EARLIEST_DAY,
  LEAD_TIME_BANDS,
  MAX_PERIOD_DAYS,
} from "./transparency.constants";

const DAY_MS = 86_400_000;

/** The day number of "YYYY-MM-DD" (days since 1970-01-01), for differences between calendar days. */
export function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

/** "YYYY-MM-DD" of a day number. */
export function dayOfNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from one moment to a later one, in Amsterdam: 0 on the same day, 1 the day after. */
export function calendarDays(from: number, to: number): number {
  return dayNumber(localDay(new Date(to))) - dayNumber(localDay(new Date(from)));
}

/** A distribution as counts per whole number of days. */
export type Histogram = ReadonlyMap<number, number>;

export function histogramTotal(histogram: Histogram): number {
  let n = 0;
  for (const count of histogram.values()) n += count;
  return n;
}

/**
 * The `q` quantile of the counted values, interpolated between the two nearest ranks (so the
 * median of an even count is halfway between the two middle values); null when nothing was counted.
 */
export function quantile(histogram: Histogram, q: number): number | null {
  const total = histogramTotal(histogram);
  if (total === 0) return null;
  const sorted = [...histogram.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (rank < seen) return value;
    }
    return sorted[sorted.length - 1]![0];
  };
  const position = q * (total - 1);
  const low = valueAt(Math.floor(position));
  const high = valueAt(Math.ceil(position));
  return low + (high - low) * (position - Math.floor(position));
}

export const median = (histogram: Histogram) => quantile(histogram, 0.5);

/** The distribution in the dashboard's bands (0–1 days, 2–7, ...), every band present. */
export function bands(histogram: Histogram): Array<{ key: string; count: number }> {
  const out = LEAD_TIME_BANDS.map((band) => ({ key: band.key, count: 0 }));
  for (const [days, count] of histogram) {
    const index = LEAD_TIME_BANDS.findIndex((band) => band.upTo === null || days <= band.upTo);
    out[index]!.count += count;
  }
  return out;
}

/** How many of a distribution took longer than a deadline of `deadlineDays` days, and how many not. */
export function againstDeadline(histogram: Histogram, deadlineDays: number): { inTime: number; late: number } {
  let inTime = 0;
  let late = 0;
  for (const [days, count] of histogram) {
    if (days > deadlineDays) late += count;
    else inTime += count;
  }
  return { inTime, late };
}

// ---------------------------------------------------------------------------------------------
// The dashboard's period and kind, from the query string

export interface DashboardFilter {
  from: string;
  to: string;
  kind: string | null;
}

export type FilterErrors = Partial<Record<"from" | "to" | "kind", MessageKey>>;

const dayText = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/);

function realDay(value: string): boolean {
  const n = dayNumber(value);
  return Number.isFinite(n) && dayOfNumber(n) === value;
}

/** The default period: the last twelve months up to and including today. */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: dayOfNumber(dayNumber(today) - 364), to: today };
}

/**
 * Reads `from`, `to` (YYYY-MM-DD, inclusive, Amsterdam days) and `kind` (a registered kind, or
 * empty for all). A missing date takes the default period's; a bad one is refused with a message
 * beside its field, and the default period is shown meanwhile.
 */
export function parseDashboardFilter(
  params: URLSearchParams,
  options: { today: string; kinds: readonly string[] },
): { ok: true; filter: DashboardFilter } | { ok: false; errors: FilterErrors; filter: DashboardFilter } {
  const fallback = defaultPeriod(options.today);
  const errors: FilterErrors = {};
  const readDay = (name: "from" | "to"): string => {
    const raw = params.get(name);
    if (raw === null || raw.trim() === "") return fallback[name];
    const parsed = dayText.safeParse(raw);
    if (!parsed.success || !realDay(parsed.data)) {
      errors[name] = "dashboard.error.date";
      return fallback[name];
    }
    if (parsed.data < EARLIEST_DAY || dayNumber(parsed.data) > dayNumber(options.today) + 366) {
      errors[name] = "dashboard.error.outOfRange";
      return fallback[name];
    }
    return parsed.data;
  };
  const from = readDay("from");
  const to = readDay("to");
  if (!errors.from && !errors.to) {
    if (from > to) errors.to = "dashboard.error.toBeforeFrom";
    else if (dayNumber(to) - dayNumber(from) + 1 > MAX_PERIOD_DAYS) errors.to = "dashboard.error.tooLong";
  }
  const rawKind = (params.get("kind") ?? "").trim();
  let kind: string | null = null;
  if (rawKind !== "") {
    if (options.kinds.includes(rawKind)) kind = rawKind;
    else errors.kind = "dashboard.error.kind";
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors, filter: { ...(errors.from || errors.to ? fallback : { from, to }), kind: errors.kind ? null : kind } };
  }
  return { ok: true, filter: { from, to, kind } };
}

/** Whether a period is shown per day (up to two months) or per month. */
export function periodUnit(filter: Pick<DashboardFilter, "from" | "to">): "day" | "month" {
  return dayNumber(filter.to) - dayNumber(filter.from) < 62 ? "day" : "month";
}

/** Every day or month of a period, in order, so a chart shows the empty ones too. */
export function periodsOf(filter: Pick<DashboardFilter, "from" | "to">): string[] {
  const unit = periodUnit(filter);
  const out: string[] = [];
  for (let n = dayNumber(filter.from); n <= dayNumber(filter.to); n++) {
    const day = dayOfNumber(n);
    const key = unit === "day" ? day : day.slice(0, 7);
    if (out[out.length - 1] !== key) out.push(key);
  }
  return out;
}
