import type { Locale } from "~/i18n/translate";

const formats = new Map<Locale, Intl.NumberFormat>();

/** Whole euros as the locale writes them ("€ 25.000" in Dutch, "€25,000" in English). */
export function euros(locale: Locale, amount: number): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
    formats.set(locale, format);
  }
  return format.format(amount);
}
