// The municipality's calendar and clock (Europe/Amsterdam): deadlines, due dates, the daily
// signature counts and the hour of the daily digest all follow the clock on the town hall wall.
export const MUNICIPALITY_TIME_ZONE = "Europe/Amsterdam";
const ZONE = MUNICIPALITY_TIME_ZONE;

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** "YYYY-MM-DD" of a moment, as the calendar in Voorbeeldstad shows it. */
export function localDay(date: Date): string {
  return dayFormat.format(date);
}

const clockFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function clockParts(date: Date): Record<string, string> {
  return Object.fromEntries(clockFormat.formatToParts(date).map((p) => [p.type, p.value]));
}

/** The calendar day ("YYYY-MM-DD") and hour (0-23) of a moment, as a clock in Amsterdam shows it. */
export function localDayAndHour(at: Date): { day: string; hour: number } {
  const parts = clockParts(at);
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/** Minutes Amsterdam is ahead of UTC at a moment (60 in winter, 120 in summer). */
function zoneOffsetMinutes(date: Date): number {
  const parts = clockParts(date);
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** The last second of a calendar day ("YYYY-MM-DD") in Amsterdam; null for anything that is not a real date. */
export function endOfLocalDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d, 23, 59, 59));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return new Date(probe.getTime() - zoneOffsetMinutes(probe) * 60_000);
}

/** Midnight at the start of a calendar day in Amsterdam (a DST day is 23 or 25 hours long). */
export function startOfLocalDay(day: string): Date | null {
  if (!endOfLocalDay(day)) return null;
  const before = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) - 1)).toISOString().slice(0, 10);
  return new Date(endOfLocalDay(before)!.getTime() + 1000);
}

/** Noon of a calendar day in Amsterdam, for dates without a time (meetings, due dates). */
export function noonOfLocalDay(day: string): Date | null {
  const end = endOfLocalDay(day);
  return end ? new Date(end.getTime() - (11 * 60 + 59) * 60_000 - 59_000) : null;
}

/** The calendar days from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const start = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const end = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)));
  for (let t = start; t <= end && days.length < 2000; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
