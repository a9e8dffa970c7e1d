// How a meeting reads wherever it is shown: its body, day and time on the town hall clock, place.
import { MUNICIPALITY_TIME_ZONE } from "~/utils/local-time";
import { useT } from "~/utils/i18n";
import type { MeetingBody } from "#db/schema/council.constants";

export function useMeetingWords() {
  const { t, date, locale } = useT();
  const time = (at: string | Date) => new Intl.DateTimeFormat(locale, { timeZone: MUNICIPALITY_TIME_ZONE, hour: "2-digit", minute: "2-digit" }).format(new Date(at));
  return {
    body: (body: MeetingBody) => t(`council.body.${body}`),
    when: (at: string | Date) => `${date(at)} ${time(at)}`,
    date: (at: string | Date) => date(at),
    time,
  };
}
